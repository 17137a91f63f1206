package riskmap.domain;

import java.util.Arrays;
import java.util.List;

/**
 * The coordinate reference systems riskmap reads and writes (OGC API – Features Part 2), by URI.
 *
 * <p>CRS84 is longitude/latitude (the GeoJSON default). EPSG:4326 and EPSG:4490 (CGCS2000) are
 * latitude first as the EPSG registry defines them, so coordinates are swapped on the way out
 * and on the way in. EPSG:3857 is Web Mercator in metres.
 */
public enum Crs {
    CRS84("http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326, false, true),
    EPSG_4326("http://www.opengis.net/def/crs/EPSG/0/4326", 4326, true, true),
    EPSG_4490("http://www.opengis.net/def/crs/EPSG/0/4490", 4490, true, true),
    EPSG_3857("http://www.opengis.net/def/crs/EPSG/0/3857", 3857, false, false);

    private final String uri;
    private final int srid;
    private final boolean latLon;
    private final boolean geographic;

    Crs(String uri, int srid, boolean latLon, boolean geographic) {
        this.uri = uri;
        this.srid = srid;
        this.latLon = latLon;
        this.geographic = geographic;
    }

    public String uri() {
        return uri;
    }

    public int srid() {
        return srid;
    }

    /** True when the first axis is latitude. */
    public boolean latLon() {
        return latLon;
    }

    public boolean geographic() {
        return geographic;
    }

    public static List<String> uris() {
        return Arrays.stream(values()).map(Crs::uri).toList();
    }

    /** The CRS named by a URI (also accepted: {@code [EPSG:4490]}, {@code EPSG:4490}, {@code OGC:CRS84}); null value → CRS84. */
    public static Crs parse(String param, String value) {
        if (value == null) return CRS84;
        String v = value.trim();
        if (v.startsWith("[") && v.endsWith("]")) v = v.substring(1, v.length() - 1);
        for (Crs c : values()) {
            if (c.uri.equals(v) || c.curie().equalsIgnoreCase(v)) return c;
        }
        throw ApiException.invalidParameter(param, "unsupported CRS '" + value + "'; use one of " + String.join(", ", uris()));
    }

    private String curie() {
        return this == CRS84 ? "OGC:CRS84" : "EPSG:" + srid;
    }
}
