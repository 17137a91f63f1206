-- Targeted warnings (预警叫应, issue 10): CAP 1.2 alerts and the people each one calls.
-- V9 belongs to delivery/acknowledgement; the columns it fills on warning_target are created
-- here so that both branches agree on one table.

-- A warning is one CAP message. An Update or a Cancel is a message of its own that references
-- the earlier ones (references_ids); those then show state 'updated' or 'cancelled'.
-- 'expired' is never stored: a reader computes it from expires (riskmap.warning.WarningState).
-- A warning's area as one geometry for queries: its polygons (GeoJSON) and the geodesic buffers of
-- its circles ({"center":[lon,lat],"radius_m":r}, on the spheroid), unioned; NULL when it has
-- neither (an area of region codes only). The stored column and the preview both use it.
CREATE FUNCTION warning_area_geom(polygons jsonb, circles jsonb) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_Multi(ST_CollectionExtract(ST_Union(part), 3))
  FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(p::text), 4326) AS part FROM jsonb_array_elements(polygons) p
        UNION ALL
        SELECT ST_Buffer(ST_SetSRID(ST_MakePoint((c -> 'center' ->> 0)::float8, (c -> 'center' ->> 1)::float8), 4326)::geography,
                         (c ->> 'radius_m')::float8, 'quad_segs=16')::geometry
        FROM jsonb_array_elements(circles) c) parts
$$;

CREATE SEQUENCE warning_seq;
CREATE TABLE warning (
  id             text PRIMARY KEY DEFAULT 'WN' || lpad(nextval('warning_seq')::text, 6, '0')
                 CHECK (id ~ '^[A-Za-z0-9_.:-]{1,64}$'),
  -- CAP identifier in the GB/T 35965.1 form ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N: the issuing unit's
  -- code, the time of issue (Beijing time) and a digit 0-9 counting that unit's messages of that
  -- second; assigned when issued (NULL for a draft); an imported message keeps the one it came with
  identifier     text UNIQUE CHECK (char_length(identifier) BETWEEN 1 AND 200),
  sender         text NOT NULL CHECK (char_length(sender) BETWEEN 1 AND 200),
  -- the issuing unit's code ZZZZZZDDDUUUXX: GB/T 2260 county code, GB/T 4657 institution code,
  -- internal code, extension (riskmap.warning.SenderCode)
  sender_code    text NOT NULL CHECK (sender_code ~ '^[0-9]{14}$'),
  sender_name    text NOT NULL CHECK (char_length(sender_name) BETWEEN 1 AND 200),
  msg_type       text NOT NULL CHECK (msg_type IN ('Alert', 'Update', 'Cancel')),
  references_ids text[] NOT NULL DEFAULT '{}',
  CHECK ((msg_type = 'Alert') = (cardinality(references_ids) = 0)),
  status         text NOT NULL CHECK (status IN ('Actual', 'Exercise', 'Test')),
  state          text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'issued', 'updated', 'cancelled')),
  level          smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  category       text NOT NULL REFERENCES category (id),
  event          text NOT NULL CHECK (char_length(event) BETWEEN 1 AND 200),
  urgency        text NOT NULL CHECK (urgency IN ('Immediate', 'Expected', 'Future', 'Past', 'Unknown')),
  certainty      text NOT NULL CHECK (certainty IN ('Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown')),
  headline       text NOT NULL CHECK (char_length(headline) BETWEEN 1 AND 200),
  description    text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 5000),
  instruction    text CHECK (char_length(instruction) BETWEEN 1 AND 5000),
  effective      timestamptz NOT NULL,
  expires        timestamptz NOT NULL,
  CHECK (expires > effective),
  area_desc      text NOT NULL CHECK (char_length(area_desc) BETWEEN 1 AND 500),
  -- the area as sent: GeoJSON Polygons (no holes: CAP has none), circles {"center":[lon,lat],"radius_m":r}
  -- and GB/T 2260 region codes; geom is the polygons and the circles' geodesic buffers, for queries
  area_polygons  jsonb NOT NULL DEFAULT '[]',
  area_circles   jsonb NOT NULL DEFAULT '[]',
  area_codes     text[] NOT NULL DEFAULT '{}',
  geom           geometry(MultiPolygon, 4326) GENERATED ALWAYS AS (warning_area_geom(area_polygons, area_circles)) STORED,
  CHECK (geom IS NOT NULL OR cardinality(area_codes) > 0),
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  sent           timestamptz,              -- CAP sent: when it was issued
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1
);
CREATE INDEX warning_geom_idx ON warning USING gist (geom);
CREATE INDEX warning_state_expires_idx ON warning (state, expires);
CREATE INDEX warning_references_idx ON warning USING gin (references_ids);

-- Whom an issued warning calls: one row per person (de-duplicated), with the hazards they are
-- called for. Delivery (V9, branch delivery) moves state on and fills deadline … answered_via.
CREATE TABLE warning_target (
  warning_id   text NOT NULL REFERENCES warning (id) ON DELETE CASCADE,
  person_id    text NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
  tier         text NOT NULL CHECK (tier IN ('county', 'township', 'village')),
  -- ids of the hazard points (HP…) and risk zones (RZ…) inside the area the person is called for
  hazard_ids   text[] NOT NULL DEFAULT '{}',
  -- why the person is called: 'responsible' (linked to a hazard inside), 'duty' (serves a region of the area)
  reasons      text[] NOT NULL CHECK (reasons <@ ARRAY['responsible', 'duty'] AND cardinality(reasons) > 0),
  state        text NOT NULL DEFAULT 'pending'
               CHECK (state IN ('pending', 'notified', 'acknowledged', 'on_duty', 'no_answer', 'escalated', 'failed')),
  deadline     timestamptz,
  answered_at  timestamptz,
  answer       text,
  note         text CHECK (char_length(note) <= 1000),
  answered_via text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (warning_id, person_id)
);
CREATE INDEX warning_target_person_idx ON warning_target (person_id);
CREATE INDEX warning_target_state_idx ON warning_target (warning_id, state);
