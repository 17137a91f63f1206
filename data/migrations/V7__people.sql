-- People on duty (责任人名录, issue 9): the named persons that warnings, inspections and evacuations
-- are addressed to, and links from hazard points, risk zones and shelters to them. V5 (accounts)
-- and V6 (regions) come from other branches; admin codes are checked by their format here, not by
-- a foreign key to the region table, so this migration does not depend on V6.

-- The duty roles, with their labels: the one list the API validates against and lists.
CREATE TABLE duty_role (
  id       text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_zh  text NOT NULL UNIQUE,
  name_en  text NOT NULL,
  position smallint NOT NULL UNIQUE
);
INSERT INTO duty_role (id, name_zh, name_en, position) VALUES
  ('county_flood_chief',   '县级防汛责任人',   'County flood-control chief',           1),
  ('township_flood_chief', '乡镇防汛责任人',   'Township flood-control chief',         2),
  ('village_flood_chief',  '村级防汛责任人',   'Village flood-control chief',          3),
  ('grid_worker',          '网格员',           'Grid worker',                          4),
  ('mass_monitor',         '群测群防员',       'Community hazard monitor',             5),
  ('monitor',              '监测人',           'Monitoring officer',                   6),
  ('patrol_officer',       '巡查责任人',       'Patrol officer',                       7),
  ('warning_officer',      '预警责任人',       'Warning officer',                      8),
  ('evacuation_officer',   '转移责任人',       'Evacuation officer',                   9),
  ('technical_officer',    '技术责任人',       'Technical officer',                    10),
  ('forest_ranger',        '护林员',           'Forest ranger',                        11),
  ('shelter_manager',      '避难场所管理员',   'Shelter manager',                      12);

CREATE SEQUENCE person_seq;
CREATE TABLE person (
  id          text PRIMARY KEY DEFAULT 'PS' || lpad(nextval('person_seq')::text, 6, '0')
              CHECK (id ~ '^[A-Za-z0-9_.:-]{1,64}$'),
  name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  -- personal data; stored normalised: a mobile of 11 digits, or area code - number [- extension]
  phone       text CHECK (phone ~ '^(1[3-9][0-9]{9}|0[0-9]{2,3}-[0-9]{7,8}(-[0-9]{1,6})?)$'),
  unit        text CHECK (char_length(unit) BETWEEN 1 AND 200),
  duty_roles  text[] NOT NULL DEFAULT '{}',
  tier        text NOT NULL CHECK (tier IN ('county', 'township', 'village')),
  admin_code  text NOT NULL CHECK (admin_code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  note        text CHECK (char_length(note) BETWEEN 1 AND 1000),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1
);
CREATE INDEX person_admin_code_idx ON person (admin_code text_pattern_ops);
CREATE INDEX person_duty_roles_idx ON person USING gin (duty_roles);

-- A CHECK cannot look into duty_role, so a trigger keeps duty_roles to the listed roles.
CREATE FUNCTION person_known_roles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM unnest(NEW.duty_roles) r WHERE r NOT IN (SELECT id FROM duty_role)) THEN
    RAISE EXCEPTION 'unknown duty role in %', NEW.duty_roles USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER person_known_roles BEFORE INSERT OR UPDATE OF duty_roles ON person
  FOR EACH ROW EXECUTE FUNCTION person_known_roles();

-- Who is responsible for a feature. RESTRICT: deleting a linked person is refused (the API
-- answers 409 naming the features), never a silent unlink. The free-text responsible_* fields
-- stay as they are: a link does not rewrite them.
ALTER TABLE hazard_point ADD COLUMN responsible_person_id text REFERENCES person (id) ON DELETE RESTRICT;
ALTER TABLE risk_zone ADD COLUMN responsible_person_id text REFERENCES person (id) ON DELETE RESTRICT;
ALTER TABLE shelter ADD COLUMN responsible_person_id text REFERENCES person (id) ON DELETE RESTRICT;
CREATE INDEX hazard_point_person_idx ON hazard_point (responsible_person_id);
CREATE INDEX risk_zone_person_idx ON risk_zone (responsible_person_id);
CREATE INDEX shelter_person_idx ON shelter (responsible_person_id);
