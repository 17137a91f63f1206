-- OGC items with bbox read the id of every match (to page in id order and count numberMatched) and
-- fetch full rows only for the page. With id, category and the geometry itself stored in the GiST
-- index (INCLUDE), that scan, the exact ST_Intersects test included, is index-only: no heap page per
-- match (the points lie in insertion order, so ~10,000 matches meant ~10,000 heap pages). It
-- replaces the plain index under the same name, so every other geom query keeps using it.
DROP INDEX hazard_point_geom_idx;
CREATE INDEX hazard_point_geom_idx ON hazard_point USING gist (geom) INCLUDE (id, category, geom);
