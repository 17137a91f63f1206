-- V41's generated column rewrote hazard_point, which clears its visibility map and leaves the new
-- column without statistics. Until a VACUUM, every "index-only" scan (the covering GiST of the
-- radius query and of id-order pages, the geohash index of bbox pages) reads the heap page of each
-- match, and a rewrite leaves no dead rows to bring autovacuum soon: 4,188 heap fetches for one run
-- of 4,188 points, a large page 41 ms instead of ~12. VACUUM cannot run in a transaction, so it has
-- a migration of its own, which Flyway runs outside one.
VACUUM (ANALYZE) hazard_point;
