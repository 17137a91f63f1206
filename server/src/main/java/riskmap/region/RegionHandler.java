package riskmap.region;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import riskmap.domain.ApiException;
import riskmap.http.Auth;
import riskmap.http.param.QueryParams;

/**
 * {@code /api/regions}: search the administrative hierarchy, one region with its ancestors,
 * children and the extent and counts of its data, and hazard statistics per child region.
 * The regions are public reference data; every count and extent covers only the features the
 * caller may read ({@link Auth#visibility}).
 */
public final class RegionHandler {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final RegionStore store;

    public RegionHandler(DataSource ds) {
        this.store = new RegionStore(ds);
    }

    /** {@code GET /api/regions?q[&level][&limit]} */
    public void search(Context ctx) throws Exception {
        QueryParams p = new QueryParams(ctx);
        String q = p.raw("q");
        if (q == null) throw ApiException.invalidParameter("q", "is required: give part of a region's name (万州) or the first digits of its code (5001)");
        int length = q.codePointCount(0, q.length());
        if (length > RegionSearch.MAX_LENGTH) {
            throw ApiException.invalidParameter("q", "is " + length + " characters long; give at most " + RegionSearch.MAX_LENGTH + " (a region name or code)");
        }
        String level = p.raw("level");
        RegionSearch search = new RegionSearch(q, level == null ? null : RegionLevel.parse("level", level), p.intOr("limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
        if (search.isCode() && length > RegionLevel.village.codeLength()) {
            throw ApiException.invalidParameter("q", "'" + q + "' has " + length + " digits, but " + RegionLevel.CODE_SHAPE);
        }
        ctx.json(Map.of("regions", store.search(search).stream().map(r -> json(r, true)).toList()));
    }

    /** {@code GET /api/regions/{code}} */
    public void detail(Context ctx) throws Exception {
        String code = ctx.pathParam("code");
        RegionStore.Detail d = store.detail(code, RegionLevel.ofCode(code));
        if (d == null) throw unknown(code);
        RegionStore.Data data = store.data(code, Auth.visibility(ctx));
        Map<String, Object> body = json(d.region(), true);
        body.put("ancestors", d.ancestors().stream().map(r -> json(r, false)).toList());
        body.put("children", d.children().stream().map(r -> json(r, false)).toList());
        body.put("extent", data.extent());
        body.put("counts", data.counts());
        ctx.json(body);
    }

    /**
     * {@code GET /api/regions/{code}/stats}: hazard points per child region (a village, having
     * none, answers its own row). Points coded only to the region itself form a row with its code.
     */
    public void stats(Context ctx) throws Exception {
        String code = ctx.pathParam("code");
        List<Region> lineage = store.lineage(code, RegionLevel.ofCode(code));
        if (lineage.isEmpty()) throw unknown(code);
        Region region = lineage.get(lineage.size() - 1);
        RegionLevel childLevel = region.level().child() == null ? region.level() : region.level().child();
        List<RegionStore.ChildStats> rows = store.childStats(code, childLevel, Auth.visibility(ctx));
        Map<String, Object> body = json(region, false);
        body.put("child_level", childLevel.name());
        body.put("rows", rows.stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", r.code());
            row.put("name", r.name());
            row.put("level", r.level() == null ? null : r.level().name());
            row.putAll(counts(r));
            return row;
        }).toList());
        body.put("total", counts(RegionStore.ChildStats.total(rows)));
        ctx.json(body);
    }

    private static ApiException unknown(String code) {
        return ApiException.notFound("no region has the code " + code + "; find a code with /api/regions?q=<name>, e.g. /api/regions?q=万州区");
    }

    private static Map<String, Object> json(Region r, boolean withParentAndPath) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", r.code());
        m.put("name", r.name());
        m.put("level", r.level().name());
        if (withParentAndPath) {
            m.put("parent_code", r.parentCode());
            m.put("path", r.path());
        }
        return m;
    }

    private static Map<String, Object> counts(RegionStore.ChildStats r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", r.count());
        Map<String, Long> levels = new LinkedHashMap<>();
        for (int i = 0; i < r.byLevel().length; i++) levels.put(Integer.toString(i + 1), r.byLevel()[i]);
        m.put("by_level", levels);
        m.put("threatened_people", r.threatenedPeople());
        return m;
    }
}
