-- Keys and indexes of region, built over the rows 6.1 loaded (see V6).
ALTER TABLE region ADD PRIMARY KEY (code);
ALTER TABLE region ADD FOREIGN KEY (parent_code) REFERENCES region (code);
CREATE INDEX region_parent_idx ON region (parent_code);
CREATE INDEX region_grams_idx ON region USING gin (grams);
