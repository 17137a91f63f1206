-- riskmap demo seeds, part 2 (after demo.sql): the people on duty (责任人名录) and the links from
-- every hazard point, risk zone and shelter to one of them.  SYNTHETIC like demo.sql: the people
-- are the invented responsible persons of the demo points, plus invented shelter managers.
--
--   * one person per distinct responsible person of the hazard points (name, phone, unit and the
--     point's admin_code, whatever its length): tier from the code's length (6 county, 9
--     township, 12 village), duty role from the unit (a 乡/镇/街道 government: township flood
--     chief; a 村/社区 committee: village flood chief; a county bureau or government: county flood
--     chief); every point is linked to its person;
--   * one shelter manager per shelter (name and phone drawn from the shelter's row number, the
--     shelter's own site as unit), linked to it;
--   * each risk zone is linked to the person of the most severe point of its category inside it.
--
-- Deterministic without random(): ids are numbered in the order of the first point (or shelter)
-- of each person, so the same demo data gives the same people and links.  Plain SQL, one JDBC
-- Statement.execute(); the temporary table is dropped at the end.

CREATE TEMP TABLE seed_person AS
WITH responsible AS (
  SELECT responsible_person AS name, responsible_phone AS written_phone, responsible_unit AS unit, admin_code,
         min(id) AS first_id
  FROM hazard_point
  WHERE responsible_person IS NOT NULL
  GROUP BY responsible_person, responsible_phone, responsible_unit, admin_code
),
managers AS (
  SELECT s.id AS shelter_id, s.admin_code, regexp_replace(s.name, '应急避难场所$', '') AS unit,
         row_number() OVER (ORDER BY s.id) AS n
  FROM shelter s
  WHERE s.admin_code IS NOT NULL
),
listed AS (
  SELECT 1 AS part, first_id AS source_id, name, written_phone, unit, admin_code,
         CASE WHEN unit ~ '(村|社区)(民委员会|居民委员会|委员会|委会|居委会)$' THEN 'village_flood_chief'
              WHEN unit ~ '(乡|镇|街道)(人民政府|办事处)?$' THEN 'township_flood_chief'
              WHEN unit ~ '(局|县|区|市|人民政府)$' THEN 'county_flood_chief'
              ELSE 'monitor' END AS role
  FROM responsible
  UNION ALL
  SELECT 2, shelter_id,
         (ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','胡','朱','高','林','何','郭','马','罗'])[1 + (n * 7) % 20]
           || (ARRAY['建国','海燕','志强','秀英','红梅','国华','春兰','永刚','丽娟','德明','晓东','桂芳','文斌','玉兰','长林',
                     '雪梅','宏伟','金凤','立新','小红'])[1 + (n * 11 + n / 20) % 20],
         (ARRAY['139','138','137','158','186','189'])[1 + n % 6] || lpad(((n * 48271 + 1234567) % 100000000)::text, 8, '0'),
         unit, admin_code, 'shelter_manager'
  FROM managers
)
SELECT 'PS' || lpad(row_number() OVER (ORDER BY part, source_id)::text, 6, '0') AS id, part, source_id, name, written_phone,
       CASE WHEN written_phone ~ '^1[3-9][0-9]{9}$' THEN written_phone END AS phone,
       unit, admin_code, role,
       CASE length(admin_code) WHEN 6 THEN 'county' WHEN 9 THEN 'township' ELSE 'village' END AS tier
FROM listed;

INSERT INTO person (id, name, phone, unit, duty_roles, tier, admin_code, updated_at)
SELECT id, name, phone, unit, ARRAY[role], tier, admin_code, timestamptz '2026-10-31 12:00:00+08'
FROM seed_person
ORDER BY id;
SELECT setval('person_seq', (SELECT count(*) FROM seed_person));

UPDATE hazard_point h SET responsible_person_id = p.id
FROM seed_person p
WHERE p.part = 1 AND p.name = h.responsible_person AND p.admin_code = h.admin_code
  AND p.written_phone IS NOT DISTINCT FROM h.responsible_phone AND p.unit IS NOT DISTINCT FROM h.responsible_unit;

UPDATE shelter s SET responsible_person_id = p.id
FROM seed_person p
WHERE p.part = 2 AND p.source_id = s.id;

UPDATE risk_zone z SET responsible_person_id = (
  SELECT h.responsible_person_id
  FROM hazard_point h
  WHERE h.responsible_person_id IS NOT NULL
  ORDER BY (h.category = z.category AND ST_Intersects(h.geom, z.geom)) DESC, h.risk_level DESC, h.geom <-> z.geom, h.id
  LIMIT 1);

DROP TABLE seed_person;

ANALYZE person;
ANALYZE hazard_point;
ANALYZE risk_zone;
ANALYZE shelter;
