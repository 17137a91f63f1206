-- V47's CLUSTER rewrote hazard_point, which clears its visibility map: index-only scans read each
-- match's heap page until a VACUUM. As V42, in a migration of its own, which Flyway runs outside a
-- transaction.
VACUUM (ANALYZE) hazard_point;
