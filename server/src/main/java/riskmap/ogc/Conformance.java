package riskmap.ogc;

import java.util.List;

/**
 * The conformance classes riskmap declares at {@code /ogc/conformance}: only what it implements
 * and tests (see the README section "OGC API" for the test of each).
 */
public final class Conformance {
    private static final String F1 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/";
    private static final String F2 = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/";
    private static final String F3 = "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/";
    private static final String F4 = "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/";
    /** Part 8 (Sorting) is a draft (OGC 24-030); the URIs are the draft's. */
    private static final String F8 = "http://www.opengis.net/spec/ogcapi-features-8/1.0/conf/";
    private static final String CQL2 = "http://www.opengis.net/spec/cql2/1.0/conf/";
    private static final String TILES = "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/";
    private static final String TMS = "http://www.opengis.net/spec/tms/2.0/conf/";

    public static final List<String> CLASSES = List.of(
            F1 + "core", F1 + "geojson", F1 + "html", F1 + "oas30",
            F2 + "crs",
            F3 + "queryables", F3 + "queryables-query-parameters", F3 + "filter", F3 + "features-filter",
            F4 + "create-replace-delete", F4 + "update", F4 + "features",
            F8 + "sorting", F8 + "sortables",
            CQL2 + "cql2-text", CQL2 + "cql2-json", CQL2 + "basic-cql2", CQL2 + "advanced-comparison-operators", CQL2 + "case-insensitive-comparison",
            CQL2 + "basic-spatial-functions", CQL2 + "basic-spatial-functions-plus", CQL2 + "spatial-functions", CQL2 + "property-property",
            TILES + "core", TILES + "tileset", TILES + "tilesets-list", TILES + "geodata-tilesets", TILES + "mvt",
            TMS + "tilematrixset", TMS + "json-tilematrixset");

    private Conformance() {
    }
}
