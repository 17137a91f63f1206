-- hazard_point's two references, to category and to person, checked once per statement instead of
-- once per row (issue 15). The foreign keys' row triggers cost 3.4 s (category) and 0.5 s (person,
-- mostly empty) of a million-point import's database time. The statement triggers below look up
-- each distinct key once: 0.2 s.
-- They keep what the foreign keys guaranteed, with the same names, SQLSTATE 23503 and messages.
-- * A new or changed row must name a category and a person (or none) that exist. The keys it names
--   are locked FOR KEY SHARE until commit, as the foreign key's check locks them, so that no one
--   deletes them meanwhile.
-- * A category or person that a hazard point names can be neither deleted nor renamed. The row
--   trigger on its table waits for the lock of a load that has just named it, then sees that load's
--   rows: its query takes a fresh snapshot (READ COMMITTED, as riskmap runs).
-- * TRUNCATE category or person is refused while hazard_point still names their rows. With the
--   foreign keys, TRUNCATE … CASCADE emptied hazard_point as well; now it has to be named.
ALTER TABLE hazard_point DROP CONSTRAINT hazard_point_category_fkey,
                         DROP CONSTRAINT hazard_point_responsible_person_id_fkey;

CREATE FUNCTION hazard_point_references_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  PERFORM 1 FROM category WHERE id IN (SELECT DISTINCT category FROM new_rows) FOR KEY SHARE;
  SELECT n.category INTO missing FROM (SELECT DISTINCT category FROM new_rows) n
  WHERE NOT EXISTS (SELECT 1 FROM category c WHERE c.id = n.category) LIMIT 1;
  IF FOUND THEN
    RAISE foreign_key_violation USING CONSTRAINT = 'hazard_point_category_fkey', TABLE = 'hazard_point', COLUMN = 'category',
      MESSAGE = 'insert or update on table "hazard_point" violates foreign key constraint "hazard_point_category_fkey"',
      DETAIL = format('Key (category)=(%s) is not present in table "category".', missing);
  END IF;
  PERFORM 1 FROM person WHERE id IN (SELECT DISTINCT responsible_person_id FROM new_rows) FOR KEY SHARE;
  SELECT n.responsible_person_id INTO missing FROM (SELECT DISTINCT responsible_person_id FROM new_rows) n
  WHERE n.responsible_person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = n.responsible_person_id) LIMIT 1;
  IF FOUND THEN
    RAISE foreign_key_violation USING CONSTRAINT = 'hazard_point_responsible_person_id_fkey', TABLE = 'hazard_point',
      COLUMN = 'responsible_person_id',
      MESSAGE = 'insert or update on table "hazard_point" violates foreign key constraint "hazard_point_responsible_person_id_fkey"',
      DETAIL = format('Key (responsible_person_id)=(%s) is not present in table "person".', missing);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER hazard_point_references_insert AFTER INSERT ON hazard_point REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_point_references_check();
CREATE TRIGGER hazard_point_references_update AFTER UPDATE ON hazard_point REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_point_references_check();

-- TG_ARGV[0]: the hazard_point column that names a row of the trigger's table; TG_ARGV[1]: the old foreign key's name
CREATE FUNCTION hazard_point_referenced_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  used boolean;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    -- after every table of the TRUNCATE is emptied: hazard_point among them passes
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM hazard_point WHERE %I IS NOT NULL)', TG_ARGV[0]) INTO used;
    IF used THEN
      RAISE foreign_key_violation USING CONSTRAINT = TG_ARGV[1], TABLE = 'hazard_point', COLUMN = TG_ARGV[0],
        MESSAGE = format('cannot truncate table "%s": table "hazard_point" names its rows', TG_TABLE_NAME),
        HINT = 'Truncate table "hazard_point" at the same time.';
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
    RETURN NEW;
  END IF;
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM hazard_point WHERE %I = $1)', TG_ARGV[0]) INTO used USING OLD.id;
  IF used THEN
    RAISE foreign_key_violation USING CONSTRAINT = TG_ARGV[1], TABLE = 'hazard_point', COLUMN = TG_ARGV[0],
      MESSAGE = format('update or delete on table "%s" violates foreign key constraint "%s" on table "hazard_point"', TG_TABLE_NAME, TG_ARGV[1]),
      DETAIL = format('Key (id)=(%s) is still referenced from table "hazard_point".', OLD.id);
  END IF;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER category_used_by_hazard_point BEFORE DELETE OR UPDATE OF id ON category
  FOR EACH ROW EXECUTE FUNCTION hazard_point_referenced_check('category', 'hazard_point_category_fkey');
CREATE TRIGGER category_truncated_under_hazard_point AFTER TRUNCATE ON category
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_point_referenced_check('category', 'hazard_point_category_fkey');
CREATE TRIGGER person_used_by_hazard_point BEFORE DELETE OR UPDATE OF id ON person
  FOR EACH ROW EXECUTE FUNCTION hazard_point_referenced_check('responsible_person_id', 'hazard_point_responsible_person_id_fkey');
CREATE TRIGGER person_truncated_under_hazard_point AFTER TRUNCATE ON person
  FOR EACH STATEMENT EXECUTE FUNCTION hazard_point_referenced_check('responsible_person_id', 'hazard_point_responsible_person_id_fkey');
