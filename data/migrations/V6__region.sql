-- China's administrative hierarchy (GB/T 2260 and the statistics bureau's township and village
-- codes): province (2 digits) → city (4) → county (6) → township (9) → village (12). The rows are
-- reference data, loaded by the Java migration 6.1 (riskmap.region.RegionReferenceMigration) from
-- data/reference/china-division/; V6_2 then adds the keys and indexes, because building them
-- once over the loaded rows is several times cheaper than maintaining them row by row during the
-- load, and every new database (each test database too) runs this. Hazard points, risk zones and
-- shelters refer to regions only by the prefix of their admin_code, so codes outside it stay accepted.

CREATE TABLE region (
  -- codes are digits: the "C" collation compares them bytewise and lets the key serve prefix LIKE
  code        text COLLATE "C" NOT NULL CHECK (code ~ '^[0-9]+$'),
  parent_code text COLLATE "C",
  level       smallint NOT NULL CHECK (level BETWEEN 1 AND 5),   -- 1 province … 5 village
  name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  -- the name's character pairs as integers (riskmap.region.RegionGrams, which the loader and the
  -- search share): the GIN index on them finds names containing a text without reading them all
  grams       integer[] NOT NULL,
  CHECK (char_length(code) = CASE level WHEN 1 THEN 2 WHEN 2 THEN 4 WHEN 3 THEN 6 WHEN 4 THEN 9 ELSE 12 END),
  CHECK (CASE level WHEN 1 THEN parent_code IS NULL
                    ELSE parent_code = left(code, CASE level WHEN 2 THEN 2 WHEN 3 THEN 4 WHEN 4 THEN 6 ELSE 9 END) END)
);
