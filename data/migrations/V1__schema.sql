-- riskmap schema: hazard points, risk zones, shelters, categories, change history.
-- Geometry is stored in WGS84 (EPSG:4326); metre distances use the geography cast,
-- which has its own GiST index so radius and nearest queries never scan a table.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE category (
  id       text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_zh  text NOT NULL,
  name_en  text NOT NULL,
  color    text NOT NULL CHECK (color ~ '^#[0-9a-fA-F]{6}$'),
  builtin  boolean NOT NULL DEFAULT false
);
INSERT INTO category (id, name_zh, name_en, color, builtin) VALUES
  ('landslide',   '滑坡',     'Landslide',   '#8c510a', true),
  ('flood',       '洪涝',     'Flood',       '#2166ac', true),
  ('forest_fire', '森林火灾', 'Forest fire', '#d73027', true);

CREATE SEQUENCE hazard_point_seq;
CREATE TABLE hazard_point (
  id                 text PRIMARY KEY DEFAULT 'HP' || lpad(nextval('hazard_point_seq')::text, 8, '0')
                     CHECK (id ~ '^[A-Za-z0-9_.:-]{1,64}$'),
  category           text NOT NULL REFERENCES category (id),
  name               text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  risk_level         smallint NOT NULL CHECK (risk_level BETWEEN 1 AND 4),
  status             text NOT NULL DEFAULT 'active'
                     CHECK (status IN ('active', 'monitoring', 'rectifying', 'rectified', 'closed')),
  admin_code         text NOT NULL CHECK (admin_code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  county             text,
  township           text,
  village            text,
  threatened_people  integer NOT NULL DEFAULT 0 CHECK (threatened_people >= 0),
  responsible_person text,
  responsible_unit   text,
  responsible_phone  text,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  version            integer NOT NULL DEFAULT 1,
  geom               geometry(Point, 4326) NOT NULL
);
CREATE INDEX hazard_point_geom_idx ON hazard_point USING gist (geom);
CREATE INDEX hazard_point_geog_idx ON hazard_point USING gist ((geom::geography));
CREATE INDEX hazard_point_category_level_idx ON hazard_point (category, risk_level);
CREATE INDEX hazard_point_admin_code_idx ON hazard_point (admin_code text_pattern_ops);
CREATE INDEX hazard_point_updated_at_idx ON hazard_point (updated_at);

CREATE SEQUENCE risk_zone_seq;
CREATE TABLE risk_zone (
  id          text PRIMARY KEY DEFAULT 'RZ' || lpad(nextval('risk_zone_seq')::text, 6, '0')
              CHECK (id ~ '^[A-Za-z0-9_.:-]{1,64}$'),
  name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  category    text NOT NULL REFERENCES category (id),
  risk_level  smallint NOT NULL CHECK (risk_level BETWEEN 1 AND 4),
  admin_code  text CHECK (admin_code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1,
  geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX risk_zone_geom_idx ON risk_zone USING gist (geom);
CREATE INDEX risk_zone_updated_at_idx ON risk_zone (updated_at);

CREATE SEQUENCE shelter_seq;
CREATE TABLE shelter (
  id           text PRIMARY KEY DEFAULT 'SH' || lpad(nextval('shelter_seq')::text, 6, '0')
               CHECK (id ~ '^[A-Za-z0-9_.:-]{1,64}$'),
  name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  capacity     integer NOT NULL CHECK (capacity >= 0),
  shelter_type text,
  address      text,
  admin_code   text CHECK (admin_code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 1,
  geom         geometry(Point, 4326) NOT NULL
);
CREATE INDEX shelter_geom_idx ON shelter USING gist (geom);
CREATE INDEX shelter_geog_idx ON shelter USING gist ((geom::geography));
CREATE INDEX shelter_updated_at_idx ON shelter (updated_at);

-- Who changed what, when: old and new values of every write, for closed-loop control.
CREATE TABLE change_history (
  id          bigserial PRIMARY KEY,
  collection  text NOT NULL,
  feature_id  text NOT NULL,
  action      text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'import')),
  actor       text NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  old_value   jsonb,
  new_value   jsonb
);
CREATE INDEX change_history_feature_idx ON change_history (collection, feature_id, changed_at);

-- Facts about this database that riskmap itself keeps, e.g. when the demo seeds were loaded.
CREATE TABLE riskmap_meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);
