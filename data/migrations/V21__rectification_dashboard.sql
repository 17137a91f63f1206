-- The hidden-danger dashboard (issue 11, riskmap.rectification.dashboard) counts open
-- rectifications by region and risk level, the overdue ones, the write-offs of the month and the
-- weekly trend on every request. Joining 200,000 open rectifications to their 1,000,000 points for
-- that took longer than the 200 ms a province's dashboard may take (README, Benchmarks), so each
-- rectification carries its point's admin code and risk level, and the time it was written off,
-- and the dashboard reads rectification alone, through the indexes below.
--
-- admin_code and risk_level follow the point by trigger, whichever path changes it (editing, OGC,
-- import); closed_at is set by the write path (RectificationStore) with the application's clock.
ALTER TABLE rectification
  ADD COLUMN admin_code text COLLATE "C",  -- "C": the keys below then serve prefix LIKE
  ADD COLUMN risk_level smallint,
  ADD COLUMN closed_at  timestamptz;
UPDATE rectification r SET admin_code = h.admin_code, risk_level = h.risk_level FROM hazard_point h WHERE h.id = r.hazard_id;
UPDATE rectification r SET closed_at = s.at FROM rectification_step s WHERE s.rectification_id = r.id AND s.to_state = 'closed';
ALTER TABLE rectification ALTER COLUMN admin_code SET NOT NULL, ALTER COLUMN risk_level SET NOT NULL,
  ADD CHECK ((state = 'closed') = (closed_at IS NOT NULL));

CREATE FUNCTION rectification_copy_point() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT h.admin_code, h.risk_level INTO NEW.admin_code, NEW.risk_level FROM hazard_point h WHERE h.id = NEW.hazard_id;
  RETURN NEW;
END $$;
CREATE TRIGGER rectification_point BEFORE INSERT OR UPDATE OF hazard_id ON rectification
  FOR EACH ROW EXECUTE FUNCTION rectification_copy_point();

CREATE FUNCTION hazard_point_follow_rectifications() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE rectification SET admin_code = NEW.admin_code, risk_level = NEW.risk_level WHERE hazard_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER hazard_point_rectifications AFTER UPDATE OF admin_code, risk_level ON hazard_point
  FOR EACH ROW WHEN (OLD.admin_code IS DISTINCT FROM NEW.admin_code OR OLD.risk_level IS DISTINCT FROM NEW.risk_level)
  EXECUTE FUNCTION hazard_point_follow_rectifications();

-- open ones by region and level, with what the overdue count needs: index-only scans
CREATE INDEX rectification_open_region_idx ON rectification (admin_code, risk_level) INCLUDE (state, deadline) WHERE state <> 'closed';
-- write-offs per month and week, openings per week
CREATE INDEX rectification_closed_at_idx ON rectification (closed_at) INCLUDE (admin_code) WHERE state = 'closed';
CREATE INDEX rectification_created_at_idx ON rectification (created_at) INCLUDE (admin_code);
-- the overdue list, oldest deadline first, in every state that owes work (State.workPending);
-- it replaces V16's index, which left out 'rejected'
CREATE INDEX rectification_pending_deadline_idx ON rectification (deadline) INCLUDE (admin_code)
  WHERE state IN ('ordered', 'rectifying', 'rejected');
DROP INDEX rectification_open_deadline_idx;
