-- Evacuation (issue 12): households (户) and the villages' transfer plans (何时转、谁来转、往哪转).
-- A plan names its village, the levels of warning that trigger it, who leads the transfer, and
-- which households go to which shelter by which route; events (V30) put a plan into action.
CREATE SEQUENCE household_seq;
CREATE TABLE household (
  id              text PRIMARY KEY DEFAULT 'HH' || lpad(nextval('household_seq')::text, 8, '0')
                  CHECK (id ~ '^[A-Za-z0-9_.:-]{1,64}$'),
  -- the village or community the household belongs to
  admin_code      text NOT NULL CHECK (admin_code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  head_name       text NOT NULL CHECK (char_length(head_name) BETWEEN 1 AND 100),
  members         integer NOT NULL CHECK (members >= 1),
  -- 老弱病残: members who need help to move
  vulnerable      integer NOT NULL DEFAULT 0 CHECK (vulnerable BETWEEN 0 AND members),
  vulnerable_note text CHECK (char_length(vulnerable_note) <= 500),
  -- personal data: never shown to anonymous callers nor logged
  phone           text CHECK (char_length(phone) <= 40),
  address         text CHECK (char_length(address) <= 300),
  geom            geometry(Point, 4326) NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX household_geom_idx ON household USING gist (geom);
CREATE INDEX household_admin_code_idx ON household (admin_code text_pattern_ops);

-- the hazard points and risk zones that threaten a household
CREATE TABLE household_hazard (
  household_id    text NOT NULL REFERENCES household (id) ON DELETE CASCADE,
  hazard_point_id text NOT NULL REFERENCES hazard_point (id) ON DELETE CASCADE,
  PRIMARY KEY (household_id, hazard_point_id)
);
CREATE TABLE household_zone (
  household_id text NOT NULL REFERENCES household (id) ON DELETE CASCADE,
  risk_zone_id text NOT NULL REFERENCES risk_zone (id) ON DELETE CASCADE,
  PRIMARY KEY (household_id, risk_zone_id)
);

CREATE SEQUENCE evacuation_plan_seq;
CREATE TABLE evacuation_plan (
  id               text PRIMARY KEY DEFAULT 'EP' || lpad(nextval('evacuation_plan_seq')::text, 6, '0')
                   CHECK (id ~ '^[A-Za-z0-9_.:-]{1,64}$'),
  admin_code       text NOT NULL CHECK (admin_code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  name             text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  -- 谁来转: the person who leads the transfer
  leader_person_id text REFERENCES person (id) ON DELETE RESTRICT,
  -- 何时转: a warning of at least this level over the village triggers prepare / evacuate; both NULL: by hand only
  prepare_level    integer CHECK (prepare_level BETWEEN 1 AND 4),
  evacuate_level   integer CHECK (evacuate_level BETWEEN 1 AND 4),
  -- the warning signal the village hears (鸣锣、广播、口哨…)
  signal           text CHECK (char_length(signal) <= 200),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (prepare_level IS NULL OR evacuate_level IS NULL OR prepare_level <= evacuate_level)
);
CREATE INDEX evacuation_plan_admin_code_idx ON evacuation_plan (admin_code text_pattern_ops);

-- the points and zones a plan covers
CREATE TABLE plan_hazard (
  plan_id         text NOT NULL REFERENCES evacuation_plan (id) ON DELETE CASCADE,
  hazard_point_id text NOT NULL REFERENCES hazard_point (id) ON DELETE CASCADE,
  PRIMARY KEY (plan_id, hazard_point_id)
);
CREATE TABLE plan_zone (
  plan_id      text NOT NULL REFERENCES evacuation_plan (id) ON DELETE CASCADE,
  risk_zone_id text NOT NULL REFERENCES risk_zone (id) ON DELETE CASCADE,
  PRIMARY KEY (plan_id, risk_zone_id)
);

-- 往哪转: the plan's households and where each goes (shelter and route); the shelter may still be open
CREATE TABLE plan_household (
  plan_id      text NOT NULL REFERENCES evacuation_plan (id) ON DELETE CASCADE,
  household_id text NOT NULL REFERENCES household (id) ON DELETE CASCADE,
  shelter_id   text REFERENCES shelter (id) ON DELETE RESTRICT,
  route        geometry(LineString, 4326),
  distance_m   double precision CHECK (distance_m >= 0),
  PRIMARY KEY (plan_id, household_id)
);
CREATE INDEX plan_household_household_idx ON plan_household (household_id);
