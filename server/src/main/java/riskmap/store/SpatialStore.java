package riskmap.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import riskmap.auth.Visibility;
import riskmap.geojson.GeoJsonWriter;
import riskmap.query.AreaQuery;
import riskmap.query.NearQuery;
import riskmap.query.NearestSheltersQuery;
import riskmap.query.StatsQuery;

/** Runs the spatial queries of api.md §3 and hands their rows to the caller as they arrive. */
public final class SpatialStore {
    private final DataSource ds;
    private final DataSource indexScanReads;

    /** {@code indexScanReads}: connections that plan without bitmap scans, for {@link Sql#streamFromIndexScans}. */
    public SpatialStore(DataSource ds, DataSource indexScanReads) {
        this.ds = ds;
        this.indexScanReads = indexScanReads;
    }

    /**
     * The candidates come from an index-only scan of the covering GiST (see {@link RadiusSql}).
     *
     * @param v the rows and personal data the caller may read
     */
    public void near(NearQuery q, Visibility v, Sql.RowHandler rows) throws Exception {
        Sql.streamFromIndexScans(indexScanReads, RadiusSql.near(q, v), q.limit(), rows);
    }

    /** What the properties of {@link #near}'s rows are, each column being text, for {@link riskmap.geojson.GeoJsonWriter#writeFeatureText}. */
    public static List<GeoJsonWriter.Text> nearTexts(Visibility v) {
        return RadiusSql.nearTexts(v);
    }

    /** What the properties of {@link #within}'s rows are, each column being text. */
    public static List<GeoJsonWriter.Text> withinTexts(Visibility v) {
        return FeatureSql.texts(Collections.HAZARDS, v);
    }

    /** Summary first, then the features (each column as text), both read from one snapshot so they agree. */
    public void within(AreaQuery q, Visibility v, Consumer<String> summaryJson, Sql.RowHandler rows) throws Exception {
        Sql.inSnapshot(ds, c -> {
            Sql.stream(c, HazardSql.withinSummary(q, v), rs -> summaryJson.accept(rs.getString(1)));
            Sql.stream(c, HazardSql.within(q, v), rows);
        });
    }

    public void nearestShelters(NearestSheltersQuery q, Visibility v, Sql.RowHandler rows) throws Exception {
        Sql.stream(ds, ShelterSql.nearest(q, v), rows);
    }

    /** @param label the county's name (group_by=admin_code) or the region's (group_by=region), else null */
    public record StatsRow(Object key, long count, long threatenedPeople, String label) {
    }

    /** Counts over the hazard points {@code v} may read. */
    public List<StatsRow> stats(StatsQuery q, Visibility v) throws Exception {
        List<StatsRow> rows = new ArrayList<>();
        boolean labelled = q.groupBy() == StatsQuery.GroupBy.admin_code || q.groupBy() == StatsQuery.GroupBy.region;
        Sql.query(ds, HazardSql.stats(q, v), rs -> rows.add(new StatsRow(rs.getObject("key"), rs.getLong("count"),
                rs.getLong("threatened_people"), labelled ? rs.getString("label") : null)));
        return rows;
    }
}
