-- Evacuation demo (issue 12): one village's households (户) around a seeded landslide point of 万州区,
-- and its transfer plan with every household assigned to the nearest large shelter, with the
-- straight route and its length. Runs after demo.sql and people.sql (seeds load in name order).
-- Synthetic: names and phones are invented from the row number.
DO $$
DECLARE
  hp hazard_point%ROWTYPE;
  plan_id text;
BEGIN
  SELECT * INTO hp FROM hazard_point WHERE admin_code LIKE '500101%' AND category = 'landslide' ORDER BY id LIMIT 1;
  IF hp.id IS NULL THEN
    RETURN; -- no seeded hazard point: nothing to evacuate from
  END IF;

  CREATE TEMP TABLE seed_household ON COMMIT DROP AS
  SELECT n, (ARRAY['张','王','李','刘','陈','杨','黄','周','吴','谭'])[1 + n % 10] || (ARRAY['德明','秀英','国华','春兰','建平'])[1 + n % 5] AS head_name,
         1 + (n * 7) % 6 AS members, (n * 3) % 3 AS vulnerable,
         ST_SetSRID(ST_MakePoint(ST_X(hp.geom) + 0.002 * cos(n * 0.7) * (1 + n % 4), ST_Y(hp.geom) + 0.002 * sin(n * 0.7) * (1 + n % 4)), 4326) AS geom
  FROM generate_series(1, 20) n;

  WITH ins AS (
    INSERT INTO household (admin_code, head_name, members, vulnerable, vulnerable_note, phone, address, geom)
    SELECT CASE WHEN length(hp.admin_code) = 12 THEN hp.admin_code ELSE rpad(hp.admin_code, 12, '0') END, s.head_name, s.members,
           least(s.vulnerable, s.members), CASE WHEN s.vulnerable > 0 THEN '老人或行动不便者' END,
           '139' || lpad((23000000 + s.n * 7919)::text, 8, '0'), coalesce(hp.village, '') || (1 + s.n % 5) || '组' || s.n || '号', s.geom
    FROM seed_household s ORDER BY s.n
    RETURNING id)
  INSERT INTO household_hazard (household_id, hazard_point_id) SELECT id, hp.id FROM ins;

  INSERT INTO evacuation_plan (admin_code, name, leader_person_id, prepare_level, evacuate_level, signal)
  VALUES (CASE WHEN length(hp.admin_code) = 12 THEN hp.admin_code ELSE rpad(hp.admin_code, 12, '0') END,
          coalesce(hp.village, hp.name) || '地质灾害转移预案', hp.responsible_person_id, 3, 4, '鸣锣三声、广播通知')
  RETURNING id INTO plan_id;
  INSERT INTO plan_hazard (plan_id, hazard_point_id) VALUES (plan_id, hp.id);

  -- every household to the nearest shelter large enough for the whole village
  INSERT INTO plan_household (plan_id, household_id, shelter_id, route, distance_m)
  SELECT plan_id, h.id, s.id, ST_MakeLine(h.geom, s.geom), ST_Distance(h.geom::geography, s.geom::geography)
  FROM household h JOIN household_hazard x ON x.household_id = h.id AND x.hazard_point_id = hp.id
  CROSS JOIN LATERAL (SELECT id, geom FROM shelter WHERE capacity >= (SELECT sum(members) FROM seed_household) ORDER BY geom <-> h.geom LIMIT 1) s;
END $$;
