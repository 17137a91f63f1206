package riskmap.region;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import riskmap.auth.Visibility;
import riskmap.store.Sql;
import riskmap.store.SqlFragment;

/** Runs {@link RegionSql}: region search and detail, and the counts of the features below a region. */
final class RegionStore {
    private final DataSource ds;

    RegionStore(DataSource ds) {
        this.ds = ds;
    }

    /** A region with its ancestors (province first) and children. */
    record Detail(Region region, List<Region> ancestors, List<Region> children) {
    }

    /** Readable features below a region: per layer (hazards, risk_zones, shelters) a count, and their joint extent. */
    record Data(Map<String, Long> counts, double[] extent) {
    }

    /** Hazard points of one child code: count, count per risk level 1–4, threatened people. */
    record ChildStats(String code, String name, RegionLevel level, long count, long[] byLevel, long threatenedPeople) {
        /** The sums of {@code rows} (which partition the region's points), without code or name. */
        static ChildStats total(List<ChildStats> rows) {
            long[] byLevel = new long[4];
            long count = 0;
            long people = 0;
            for (ChildStats r : rows) {
                count += r.count();
                people += r.threatenedPeople();
                for (int i = 0; i < byLevel.length; i++) byLevel[i] += r.byLevel()[i];
            }
            return new ChildStats(null, null, null, count, byLevel, people);
        }
    }

    List<Region> search(RegionSearch q) throws Exception {
        return regions(RegionSql.search(q));
    }

    /** The region and its ancestors, province first; empty when no region has this code. */
    List<Region> lineage(String code, RegionLevel level) throws Exception {
        List<Region> lineage = regions(RegionSql.lineage(code, level));
        return lineage.isEmpty() || !lineage.get(lineage.size() - 1).code().equals(code) ? List.of() : lineage;
    }

    /** Null when no region has this code. */
    Detail detail(String code, RegionLevel level) throws Exception {
        List<Region> lineage = lineage(code, level);
        if (lineage.isEmpty()) return null;
        return new Detail(lineage.get(lineage.size() - 1), lineage.subList(0, lineage.size() - 1), regions(RegionSql.children(code)));
    }

    Data data(String code, Visibility v) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        double[] extent = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        Sql.query(ds, RegionSql.layers(code, v), rs -> {
            counts.put(rs.getString("layer"), rs.getLong("n"));
            if (rs.getObject("minx") == null) return;
            extent[0] = Math.min(extent[0], rs.getDouble("minx"));
            extent[1] = Math.min(extent[1], rs.getDouble("miny"));
            extent[2] = Math.max(extent[2], rs.getDouble("maxx"));
            extent[3] = Math.max(extent[3], rs.getDouble("maxy"));
        });
        return new Data(counts, extent[0] > extent[2] ? null : extent);
    }

    List<ChildStats> childStats(String code, RegionLevel childLevel, Visibility v) throws Exception {
        List<ChildStats> rows = new ArrayList<>();
        Sql.query(ds, RegionSql.childStats(code, childLevel, v), rs -> rows.add(new ChildStats(rs.getString("code"), rs.getString("name"),
                rs.getObject("level") == null ? null : RegionLevel.ofNumber(rs.getInt("level")), rs.getLong("n"),
                new long[] {rs.getLong("l1"), rs.getLong("l2"), rs.getLong("l3"), rs.getLong("l4")}, rs.getLong("people"))));
        return rows;
    }

    private List<Region> regions(SqlFragment query) throws Exception {
        List<Region> regions = new ArrayList<>();
        Sql.query(ds, query, rs -> regions.add(region(rs)));
        return regions;
    }

    private static Region region(ResultSet rs) throws SQLException {
        Array path = rs.getArray("path");
        return new Region(rs.getString("code"), rs.getString("name"), RegionLevel.ofNumber(rs.getInt("level")),
                rs.getString("parent_code"), List.of((String[]) path.getArray()));
    }
}
