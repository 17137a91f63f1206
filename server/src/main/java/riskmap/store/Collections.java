package riskmap.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The registry of every collection riskmap serves, in the order of the contract (api.md §2). */
public final class Collections {
    private static final String PERSON_LINK = "id of the responsible person in /api/people (the free-text fields are not rewritten from it)";
    public static final List<Column> HAZARD_COLUMNS = List.of(
            Column.text("category", "hazard category: landslide, flood, forest_fire or a registered one"),
            Column.text("name", "name of the hazard point"),
            Column.integer("risk_level", "1 low (blue), 2 general (yellow), 3 major (orange), 4 severe (red)"),
            Column.text("status", "active, monitoring, rectifying, rectified or closed"),
            Column.text("admin_code", "GB/T 2260 county code (6 digits) or a longer township/village code"),
            Column.text("county", "county name"),
            Column.text("township", "township name"),
            Column.text("village", "village name"),
            Column.integer("threatened_people", "people the hazard threatens"),
            Column.text("responsible_person", "accountable person"),
            Column.text("responsible_unit", "accountable unit"),
            Column.personal("responsible_phone", "phone of the accountable person (authenticated callers only)"),
            Column.text("responsible_person_id", PERSON_LINK),
            Column.timestamp("updated_at", "time of the last change (RFC 3339)"));

    public static final FeatureCollection HAZARDS = hazards("hazards", null, "风险隐患点（全部）", "Hazard points (all)");
    public static final FeatureCollection RISK_ZONES = new FeatureCollection("risk_zones", "risk_zone", null,
            "风险区", "Risk zones", "MultiPolygon", List.of(
                    Column.text("name", "name of the risk zone"),
                    Column.text("category", "hazard category"),
                    Column.integer("risk_level", "1 low (blue) to 4 severe (red)"),
                    Column.text("admin_code", "GB/T 2260 county code"),
                    Column.text("responsible_person_id", PERSON_LINK),
                    Column.text("village", "village name"),
                    Column.text("village_code", "GB/T 2260 code of the village (12 digits)"),
                    Column.integer("threatened_households", "households the zone threatens"),
                    Column.integer("threatened_people", "people the zone threatens (empty: not yet surveyed)"),
                    Column.text("manager_person_id", "id of the zone's manager (风险区管理员) in /api/people"),
                    Column.text("patroller_person_id", "id of the zone's patroller (巡查员) in /api/people"),
                    Column.text("warning_signal", "how the zone is warned, e.g. 鸣锣, 广播, 口哨"),
                    Column.timestamp("updated_at", "time of the last change (RFC 3339)")), false);
    public static final FeatureCollection SHELTERS = new FeatureCollection("shelters", "shelter", null,
            "应急避难场所", "Emergency shelters", "Point", List.of(
                    Column.text("name", "name of the shelter"),
                    Column.integer("capacity", "people the shelter can take"),
                    Column.text("shelter_type", "kind of shelter"),
                    Column.text("address", "address"),
                    Column.text("admin_code", "GB/T 2260 county code"),
                    Column.text("responsible_person_id", PERSON_LINK),
                    Column.timestamp("updated_at", "time of the last change (RFC 3339)")), false);

    private static final List<FeatureCollection> ALL = List.of(
            HAZARDS,
            hazards("landslide", "landslide", "滑坡隐患点", "Landslide hazard points"),
            hazards("flood", "flood", "洪涝风险点", "Flood risk points"),
            hazards("forest_fire", "forest_fire", "森林火险点", "Forest-fire risk points"),
            RISK_ZONES,
            SHELTERS);

    private Collections() {
    }

    private static FeatureCollection hazards(String id, String category, String zh, String en) {
        return new FeatureCollection(id, "hazard_point", category, zh, en, "Point", HAZARD_COLUMNS, true);
    }

    public static List<FeatureCollection> all() {
        return new ArrayList<>(ALL);
    }

    public static Optional<FeatureCollection> byId(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
