package riskmap.warning;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A circular warning area: a centre in WGS84 lon/lat and a radius in metres. Kept as a circle for
 * CAP ({@code <circle>lat,lon radius_km</circle>}); queries use its geodesic buffer, made in
 * PostGIS on the spheroid ({@code ST_Buffer(geography, metres)}).
 *
 * <p>Numbers are decimals so that writing and reading CAP's kilometres loses nothing.
 */
public record Circle(BigDecimal lon, BigDecimal lat, BigDecimal radiusMetres) {
    /** Largest radius accepted, in metres: a province. */
    public static final int MAX_RADIUS_M = 1_000_000;

    /** The form stored and answered: {@code {"center":[lon,lat],"radius_m":r}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("center", List.of(lon, lat));
        m.put("radius_m", radiusMetres);
        return m;
    }

    public BigDecimal radiusKm() {
        return radiusMetres.movePointLeft(3).stripTrailingZeros();
    }
}
