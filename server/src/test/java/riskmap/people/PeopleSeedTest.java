package riskmap.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;

/** The demo seeds give every hazard point, risk zone and shelter a linked person (seeds/people.sql), checked by independent SQL. */
class PeopleSeedTest {
    private static DataSource ds;

    @BeforeAll
    static void seeded() {
        ds = TestDatabase.seeded();
    }

    @Test
    void every_seeded_hazard_point_has_a_linked_person_who_is_its_responsible_person() {
        long points = TestDatabase.count(ds, "SELECT count(*) FROM hazard_point");
        assertTrue(points >= 2600, "demo points: " + points);
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point WHERE responsible_person_id IS NULL"));
        assertEquals(points, TestDatabase.count(ds, "SELECT count(*) FROM hazard_point h JOIN person p ON p.id = h.responsible_person_id"
                + " WHERE p.name = h.responsible_person AND p.phone = h.responsible_phone AND p.unit = h.responsible_unit AND p.admin_code = h.admin_code"));
        assertEquals(TestDatabase.count(ds, "SELECT count(DISTINCT (responsible_person, responsible_phone, responsible_unit, admin_code)) FROM hazard_point"),
                TestDatabase.count(ds, "SELECT count(*) FROM person WHERE NOT 'shelter_manager' = ANY (duty_roles)"), "one person per distinct responsible person");
    }

    @Test
    void tiers_follow_the_code_length_and_duty_roles_the_unit() {
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM person WHERE tier <> CASE length(admin_code) WHEN 6 THEN 'county'"
                + " WHEN 9 THEN 'township' ELSE 'village' END"));
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM person WHERE unit ~ '(镇|乡|街道)人民政府$'"
                + " AND duty_roles NOT IN (ARRAY['township_flood_chief'], ARRAY['shelter_manager'])"));
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM person WHERE unit ~ '局$' AND duty_roles <> ARRAY['county_flood_chief']"));
    }

    @Test
    void every_zone_and_shelter_has_a_linked_person_and_each_shelter_its_own_manager() {
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM risk_zone WHERE responsible_person_id IS NULL"));
        assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM shelter WHERE responsible_person_id IS NULL"));
        assertEquals(TestDatabase.count(ds, "SELECT count(*) FROM shelter"), TestDatabase.count(ds,
                "SELECT count(DISTINCT s.responsible_person_id) FROM shelter s JOIN person p ON p.id = s.responsible_person_id"
                        + " WHERE p.duty_roles = ARRAY['shelter_manager'] AND p.admin_code = s.admin_code"));
    }
}
