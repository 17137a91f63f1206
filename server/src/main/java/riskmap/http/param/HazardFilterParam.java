package riskmap.http.param;

import java.util.List;
import java.util.regex.Pattern;
import riskmap.domain.ApiException;
import riskmap.ogc.TimeInterval;
import riskmap.query.HazardFilter;

/** {@code category}, {@code min_level}, {@code status}, {@code admin_code} and {@code datetime} (on updated_at): the shared hazard filters. */
public final class HazardFilterParam {
    public static final List<String> STATUSES = List.of("active", "monitoring", "rectifying", "rectified", "closed");
    /** A GB/T 2260 code or a leading part of one: province (2), city (4), county (6) … village (12) digits. */
    private static final Pattern ADMIN_PREFIX = Pattern.compile("[0-9]{2,12}");

    private HazardFilterParam() {
    }

    /** @param categoryIds the registered categories, which {@code category} is checked against */
    public static HazardFilter parse(QueryParams p, List<String> categoryIds) {
        String admin = p.raw("admin_code");
        if (admin != null && !ADMIN_PREFIX.matcher(admin).matches()) {
            throw ApiException.invalidParameter("admin_code", "must be 2 to 12 digits of a GB/T 2260 code (e.g. 500101 for a county, 50 for a province), got '" + admin + "'");
        }
        return new HazardFilter(p.listOf("category", categoryIds), p.intOr("min_level", 1, 1, 4), p.listOf("status", STATUSES), admin,
                TimeInterval.parse(p.raw("datetime")));
    }
}
