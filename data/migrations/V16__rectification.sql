-- Rectification of a hidden danger (隐患整改闭环), issue 11: one row per rectification and one per
-- step taken. Which step may follow which lives in Java (riskmap.rectification.Transition), not here;
-- the CHECKs only keep the stored names to the known ones. "Overdue" is computed from deadline and
-- the server's clock when read, never stored.
CREATE SEQUENCE rectification_seq;
CREATE TABLE rectification (
  id                    text PRIMARY KEY DEFAULT 'RC' || lpad(nextval('rectification_seq')::text, 6, '0'),
  hazard_id             text NOT NULL REFERENCES hazard_point (id) ON DELETE CASCADE,
  state                 text NOT NULL CHECK (state IN ('reported', 'ordered', 'rectifying', 'submitted',
                                                       'county_accepted', 'rejected', 'accepted', 'closed')),
  deadline              timestamptz,
  responsible_person_id text REFERENCES person (id) ON DELETE SET NULL,
  created_at            timestamptz NOT NULL,
  created_by            text NOT NULL
);
CREATE INDEX rectification_hazard_idx ON rectification (hazard_id);
-- at most one open rectification per point: the point's status follows it
CREATE UNIQUE INDEX rectification_one_open_idx ON rectification (hazard_id) WHERE state <> 'closed';
CREATE INDEX rectification_open_deadline_idx ON rectification (deadline) WHERE state IN ('ordered', 'rectifying');

CREATE TABLE rectification_step (
  rectification_id text NOT NULL REFERENCES rectification (id) ON DELETE CASCADE,
  seq              integer NOT NULL,
  action           text NOT NULL,
  from_state       text,
  to_state         text NOT NULL,
  actor            text NOT NULL,
  opinion          text CHECK (char_length(opinion) BETWEEN 1 AND 2000),
  reason           text CHECK (char_length(reason) BETWEEN 1 AND 2000),
  deadline         timestamptz,
  at               timestamptz NOT NULL,
  PRIMARY KEY (rectification_id, seq)
);
