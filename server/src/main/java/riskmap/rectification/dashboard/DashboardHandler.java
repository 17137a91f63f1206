package riskmap.rectification.dashboard;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import riskmap.auth.Caller;
import riskmap.domain.ApiException;
import riskmap.http.Auth;
import riskmap.http.param.QueryParams;
import riskmap.region.RegionLevel;

/**
 * {@code GET /api/dashboard/hidden-dangers} (JSON, or the region rows as CSV with {@code f=csv})
 * and {@code GET /api/dashboard/hidden-dangers/overdue.csv}. The region defaults to the caller's
 * scope, and an account sees nothing outside it (403); anonymous callers (on a public server) see
 * the whole country without personal data. Counts are exact; only the JSON overdue list is capped.
 */
public final class DashboardHandler {
    private static final List<String> FORMATS = List.of("json", "csv");
    private final DashboardStore store;
    private final Clock clock;

    public DashboardHandler(DashboardStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The region asked for ("" and null name: the whole country), its level (null for the country) and the roll-up level. */
    private record Target(String code, String name, RegionLevel level, RegionLevel rollup) {
    }

    public void dashboard(Context ctx) throws Exception {
        QueryParams p = new QueryParams(ctx);
        String format = p.raw("f") == null ? "json" : p.oneOf("f", FORMATS);
        Target t = target(p, Auth.caller(ctx));
        int weeks = p.intOr("weeks", 12, 1, 104);
        int limit = p.intOr("overdue_limit", 100, 0, 1000);
        DashboardPeriod period = DashboardPeriod.at(clock.instant(), weeks);
        Dashboard d = store.read(t.code(), t.rollup(), period, Auth.visibility(ctx).personalRows(), limit);
        if (format.equals("csv")) {
            attachment(ctx, "hidden-dangers");
            DashboardCsv.regions(d, ctx.outputStream());
            return;
        }
        ctx.json(json(t, d, period));
    }

    /** Every overdue rectification of the region, streamed. */
    public void overdueCsv(Context ctx) throws Exception {
        Target t = target(new QueryParams(ctx), Auth.caller(ctx));
        Instant now = clock.instant();
        attachment(ctx, "overdue");
        DashboardCsv.Overdue out = new DashboardCsv.Overdue(ctx.outputStream(), now);
        store.streamOverdue(t.code(), now, Auth.visibility(ctx).personalRows(), out::write);
        out.finish();
    }

    private Target target(QueryParams p, Caller caller) throws Exception {
        String code = p.raw("region");
        if (code == null) code = caller.scope() == null ? "" : caller.scope();
        RegionLevel level = code.isEmpty() ? null : levelOf(code);
        if (!caller.covers(code)) {
            throw new ApiException(403, "forbidden", "this account sees only " + caller.scopeName() + "; ask for region=" + caller.scope()
                    + " or a region inside it, or leave region out");
        }
        String name = null;
        if (level != null) {
            String c = code;
            name = store.regionName(code).orElseThrow(() -> ApiException.notFound("no region has the code " + c + "; find one with /api/regions?q=<name>"));
        }
        String asked = p.raw("level_of_rollup");
        RegionLevel rollup = asked != null ? RegionLevel.parse("level_of_rollup", asked)
                : level == null ? RegionLevel.province : level.child() == null ? level : level.child();
        if (level != null && rollup.number() < level.number()) {
            throw ApiException.invalidParameter("level_of_rollup", "'" + asked + "' lies above the region " + code + " (a " + level
                    + "); use " + level + " or a level below it");
        }
        return new Target(code, name, level, rollup);
    }

    private static RegionLevel levelOf(String code) {
        return Arrays.stream(RegionLevel.values()).filter(l -> l.codeLength() == code.length() && code.matches("[0-9]+")).findFirst()
                .orElseThrow(() -> ApiException.invalidParameter("region", "'" + code + "' is not a region code: give 2 (province), 4 (city),"
                        + " 6 (county), 9 (township) or 12 (village) digits, e.g. 50 or 500101"));
    }

    private static void attachment(Context ctx, String name) {
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
    }

    private static Map<String, Object> json(Target t, Dashboard d, DashboardPeriod period) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("region", object("code", t.code().isEmpty() ? null : t.code(), "name", t.name(), "level", t.level() == null ? "country" : t.level().name()));
        m.put("rollup_level", t.rollup().name());
        m.put("now", period.now().toString());
        long[] byLevel = new long[4];
        long open = 0;
        long closed = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Dashboard.RegionRow r : d.rows()) {
            for (int i = 0; i < 4; i++) byLevel[i] += r.byLevel()[i];
            open += r.open();
            closed += r.closedThisMonth();
            rows.add(object("code", r.code(), "name", r.name(), "open", r.open(), "by_level", levels(r.byLevel()), "overdue", r.overdue(),
                    "closed_this_month", r.closedThisMonth()));
        }
        m.put("open", object("total", open, "by_level", levels(byLevel), "overdue", d.overdueCount()));
        m.put("closed_this_month", object("month", period.monthName(), "count", closed));
        m.put("rows", rows);
        m.put("overdue", object("count", d.overdueCount(), "truncated", d.overdue().size() < d.overdueCount(),
                "items", d.overdue().stream().map(o -> overdueItem(o, period.now())).toList()));
        m.put("trend", d.trend().stream().map(w -> object("week", w.name(), "start", w.start().toString(), "opened", w.opened(), "closed", w.closed())).toList());
        return m;
    }

    /** A JSON object with its members in the order given: name, value, name, value… */
    private static Map<String, Object> object(Object... members) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < members.length; i += 2) m.put((String) members[i], members[i + 1]);
        return m;
    }

    private static Map<String, Object> levels(long[] byLevel) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < byLevel.length; i++) m.put(Integer.toString(i + 1), byLevel[i]);
        return m;
    }

    private static Map<String, Object> overdueItem(Dashboard.Overdue o, Instant now) {
        return object("id", o.id(), "hazard_id", o.hazardId(), "hazard_name", o.hazardName(),
                "position", object("type", "Point", "coordinates", List.of(o.lon(), o.lat())), "admin_code", o.adminCode(),
                "risk_level", o.riskLevel(), "state", o.state(), "deadline", o.deadline().toString(),
                "overdue_days", DashboardCsv.overdueDays(o.deadline(), now), "responsible_person_id", o.personId(),
                "responsible_person", o.personName(), "responsible_phone", o.personPhone());
    }
}
