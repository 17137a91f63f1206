-- The same id and region-code checks, written so that PostgreSQL's regex engine runs them fast.
-- '^[A-Za-z0-9_.:-]{1,64}$' cost 2.4 s per million rows, because the engine expands the bounded
-- repetition into 64 states. The id check alone was a tenth of a million-point import's database
-- time (issue 15). A run of the class with a length bound accepts exactly the same strings: every
-- character in the class is ASCII, so bytes and characters agree. The region codes are likewise
-- 6, 9 or 12 ASCII digits.
-- Each constraint keeps its name. Only definitions that are exactly the old ones are replaced.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT c.conrelid::regclass AS tbl, c.conname, a.attname,
           pg_get_constraintdef(c.oid) = format('CHECK ((%I ~ ''^[A-Za-z0-9_.:-]{1,64}$''::text))', a.attname) AS is_id
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'c' AND cardinality(c.conkey) = 1 AND c.connamespace = 'public'::regnamespace
      AND pg_get_constraintdef(c.oid) IN (
        format('CHECK ((%I ~ ''^[A-Za-z0-9_.:-]{1,64}$''::text))', a.attname),
        format('CHECK ((%I ~ ''^[0-9]{6}([0-9]{3}([0-9]{3})?)?$''::text))', a.attname))
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I, ADD CONSTRAINT %I CHECK (%s)', r.tbl, r.conname, r.conname,
      CASE WHEN r.is_id THEN format('%I ~ ''^[A-Za-z0-9_.:-]+$'' AND octet_length(%I) <= 64', r.attname, r.attname)
           ELSE format('%I ~ ''^[0-9]+$'' AND octet_length(%I) IN (6, 9, 12)', r.attname, r.attname) END);
  END LOOP;
END $$;
