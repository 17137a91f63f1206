-- Keys and indexes of region, built over the rows 6.1 loaded (see V6).
ALTER TABLE region ADD PRIMARY KEY (code);
ALTER TABLE region ADD FOREIGN KEY (parent_code) REFERENCES region (code);
CREATE INDEX region_parent_idx ON region (parent_code);
-- text_pattern_ops: exact and prefix name matches use it whatever the database's collation
CREATE INDEX region_name_idx ON region (name text_pattern_ops);
