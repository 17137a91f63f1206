-- Evacuation events (转移事件, issue 12): a plan (V29) put into action, by a warning over its area or
-- by hand, with a snapshot of the plan's households and each one's state while the village moves.
-- Which state may follow which lives in Java (riskmap.evacuation.event.HouseholdState); the CHECKs
-- only keep the stored names to the known ones.
CREATE SEQUENCE evacuation_event_seq;
CREATE TABLE evacuation_event (
  id          text PRIMARY KEY DEFAULT 'EE' || lpad(nextval('evacuation_event_seq')::text, 6, '0'),
  plan_id     text NOT NULL REFERENCES evacuation_plan (id) ON DELETE RESTRICT,
  -- the plan's village when the event opened: the scope of every read and write of the event
  admin_code  text NOT NULL,
  -- the warning that started it; NULL when started by hand
  warning_id  text REFERENCES warning (id) ON DELETE RESTRICT,
  stage       text NOT NULL CHECK (stage IN ('prepare', 'evacuate')),
  started_by  text NOT NULL,
  started_at  timestamptz NOT NULL,
  closed_by   text,
  closed_at   timestamptz,
  CHECK ((closed_at IS NULL) = (closed_by IS NULL))
);
-- at most one open event per plan: a second warning over the village joins the open one
CREATE UNIQUE INDEX evacuation_event_one_open_idx ON evacuation_event (plan_id) WHERE closed_at IS NULL;
-- a warning opens a plan's event at most once, however often its trigger job runs (manual events have NULL)
CREATE UNIQUE INDEX evacuation_event_warning_idx ON evacuation_event (plan_id, warning_id);
CREATE INDEX evacuation_event_admin_idx ON evacuation_event (admin_code text_pattern_ops);

-- The event's households: exactly the plan's households when it opened, with the plan's shelter
-- and the household's members then (people), so later edits of the plan do not move a running count.
CREATE TABLE event_household (
  event_id     text NOT NULL REFERENCES evacuation_event (id) ON DELETE CASCADE,
  household_id text NOT NULL REFERENCES household (id) ON DELETE RESTRICT,
  shelter_id   text REFERENCES shelter (id) ON DELETE RESTRICT,
  people       integer NOT NULL CHECK (people >= 1),
  state        text NOT NULL CHECK (state IN ('to_move', 'moving', 'arrived', 'refused', 'forced', 'returned')),
  updated_at   timestamptz NOT NULL,
  updated_by   text NOT NULL,
  note         text CHECK (char_length(note) BETWEEN 1 AND 500),
  PRIMARY KEY (event_id, household_id)
);
CREATE INDEX event_household_state_idx ON event_household (event_id, state);
-- occupancy: people arrived at a shelter, across open events
CREATE INDEX event_household_arrived_idx ON event_household (shelter_id) WHERE state = 'arrived';

-- Every state change of an event's households, oldest first (the snapshot itself is the event's start).
CREATE TABLE event_household_change (
  id           bigserial PRIMARY KEY,
  event_id     text NOT NULL,
  household_id text NOT NULL,
  from_state   text NOT NULL,
  to_state     text NOT NULL,
  shelter_id   text,
  changed_by   text NOT NULL,
  changed_at   timestamptz NOT NULL,
  note         text,
  FOREIGN KEY (event_id, household_id) REFERENCES event_household (event_id, household_id) ON DELETE CASCADE
);
CREATE INDEX event_household_change_idx ON event_household_change (event_id, household_id, id);
