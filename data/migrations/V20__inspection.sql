-- Inspections of hazard points (三查: 汛前排查, 汛中巡查, 汛后复查, plus routine), issue 11: one row per
-- inspection, its photos in PostgreSQL (bytea) with their SHA-256 so they are as durable as the rows
-- that cite them. Which kinds and results exist lives in Java (riskmap.inspection); the CHECKs keep the
-- stored names to the known ones.
ALTER TABLE api_token DROP CONSTRAINT api_token_actions_check;
ALTER TABLE api_token ADD CONSTRAINT api_token_actions_check
  CHECK (actions <@ ARRAY['read_personal', 'edit', 'review', 'inspect', 'issue_warning', 'acknowledge', 'admin']);

CREATE SEQUENCE inspection_seq;
CREATE TABLE inspection (
  id           text PRIMARY KEY DEFAULT 'IN' || lpad(nextval('inspection_seq')::text, 6, '0'),
  hazard_id    text NOT NULL REFERENCES hazard_point (id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('pre_flood', 'in_flood', 'post_flood', 'routine')),
  result       text NOT NULL CHECK (result IN ('normal', 'hidden_danger', 'worsened')),
  findings     text CHECK (char_length(findings) BETWEEN 1 AND 4000),
  inspector    text NOT NULL,
  position     geometry(Point, 4326) NOT NULL,   -- where the inspector stood
  track        geometry(LineString, 4326),       -- the GPS track walked, when the phone sent one
  inspected_at timestamptz NOT NULL
);
CREATE INDEX inspection_hazard_idx ON inspection (hazard_id, inspected_at);

CREATE SEQUENCE inspection_photo_seq;
CREATE TABLE inspection_photo (
  id            text PRIMARY KEY DEFAULT 'PH' || lpad(nextval('inspection_photo_seq')::text, 6, '0'),
  inspection_id text NOT NULL REFERENCES inspection (id) ON DELETE CASCADE,
  seq           integer NOT NULL,
  file_name     text,
  content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
  size_bytes    integer NOT NULL CHECK (size_bytes > 0),
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  taken_at      timestamptz,                     -- from EXIF, when the photo carries it
  position      geometry(Point, 4326),           -- from EXIF GPS, when the photo carries it
  data          bytea NOT NULL,
  UNIQUE (inspection_id, seq)
);
