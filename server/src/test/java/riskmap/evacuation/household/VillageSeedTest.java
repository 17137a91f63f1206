package riskmap.evacuation.household;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;

/** seeds/villages.sql: one village of 20 households threatened by one seeded hazard point, all in one plan with a shelter that holds them. */
class VillageSeedTest {
    @Test
    void twenty_households_near_their_hazard_point_are_all_assigned_in_one_plan() {
        DataSource ds = TestDatabase.seeded();
        assertEquals(20, TestDatabase.count(ds, "SELECT count(*) FROM household h JOIN household_hazard x ON x.household_id = h.id"
                + " JOIN hazard_point p ON p.id = x.hazard_point_id WHERE ST_DWithin(h.geom::geography, p.geom::geography, 2000)"));
        assertEquals(1, TestDatabase.count(ds, "SELECT count(*) FROM evacuation_plan WHERE signal IS NOT NULL AND leader_person_id IS NOT NULL"));
        assertEquals(20, TestDatabase.count(ds, "SELECT count(*) FROM plan_household WHERE shelter_id IS NOT NULL AND route IS NOT NULL AND distance_m > 0"));
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM (SELECT ph.shelter_id FROM plan_household ph JOIN household h ON h.id = ph.household_id"
                + " JOIN shelter s ON s.id = ph.shelter_id GROUP BY ph.shelter_id, s.capacity HAVING sum(h.members) > s.capacity) over"));
    }
}
