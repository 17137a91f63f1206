-- The geohash cell counts of V43 are summed by index-only scans, which need the visibility map
-- that only a VACUUM sets; V43's bulk insert leaves it unset until autovacuum comes by. In a
-- migration of its own, since Flyway runs a VACUUM-only migration outside a transaction (as V42).
VACUUM (ANALYZE) hazard_geohash_count;
