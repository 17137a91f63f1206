-- hazard_point's rows in geohash order (issue 15). A bbox page (V41) or a radius answer reads up to
-- 1,000 nearby points, and in insertion order nearby points lie on as many scattered heap pages,
-- one each: at 10 million points that is 1,000 pages picked from 2.5 GB, most of each page's
-- cache lines and TLB entries spent on one row. In geohash order they share a few dozen pages, and
-- an items answer took about a third less CPU (README, "Heap in geohash order").
-- CLUSTER also marks the index, so that an import into the empty table loads in the same order
-- (riskmap.store.BulkIndexes) and `CLUSTER hazard_point` restores it after many edits; PostgreSQL
-- does not keep the order for rows written later. It takes the table's ACCESS EXCLUSIVE lock while
-- it rewrites it: about 7 s per million points here, once, at the upgrade.
CLUSTER hazard_point USING hazard_point_geohash_idx;
