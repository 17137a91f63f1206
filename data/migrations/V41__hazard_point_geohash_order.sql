-- OGC items pages with a bbox walk hazard points in geohash order, then id (issue 15;
-- riskmap.store.GeohashCover). In id order a page had to read every match's id and sort them before
-- it could keep 1,000 (a box of 11,000 matches read 11,000 index entries for the floor's 1,000).
-- A geohash is a Z-order curve: a box is the union of a few dozen runs of it, each a range of this
-- B-tree, already in order, so a page reads the runs one after the other and stops at its end,
-- and numberMatched counts the runs inside the box without testing a coordinate. The category and
-- the geometry are included so that counting a run on the box's edge stays index-only.
-- 12 characters: 60 bits, cells of about 4 by 2 cm, finer than the 7 decimals features carry.
ALTER TABLE hazard_point ADD COLUMN geohash text COLLATE "C" GENERATED ALWAYS AS (ST_GeoHash(geom, 12)) STORED;
CREATE INDEX hazard_point_geohash_idx ON hazard_point (geohash, id) INCLUDE (category, geom);
