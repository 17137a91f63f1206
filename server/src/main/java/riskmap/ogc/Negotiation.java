package riskmap.ogc;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import riskmap.domain.ApiException;

/**
 * Chooses the representation of a response: the {@code f} parameter wins, then the
 * {@code Accept} header (quality values and wildcards honoured, ties go to the server's first
 * choice, so {@code *}{@code /*} and no header at all give JSON). Nothing acceptable → 406.
 */
public final class Negotiation {
    /** The representations riskmap writes, each with the {@code f} values that ask for it (the first is its file extension). */
    public enum Format {
        JSON("json", "geojson"), HTML("html"), CSV("csv"), KML("kml"), FLATGEOBUF("fgb", "flatgeobuf"), GEOPACKAGE("gpkg", "geopackage"), SHAPEFILE("shp", "shapefile"),
        TILEJSON("tilejson");

        private final List<String> names;

        Format(String... names) {
            this.names = List.of(names);
        }

        /** The {@code f} values that ask for this format. */
        public List<String> names() {
            return names;
        }

        /** The first {@code f} value: also the file extension and the {@link riskmap.importers.Exporter} format name. */
        public String fileName() {
            return names.get(0);
        }

        /** The format's name for people: CSV, KML, GeoPackage, … */
        public String title() {
            return this == GEOPACKAGE ? "GeoPackage" : this == FLATGEOBUF ? "FlatGeobuf" : this == SHAPEFILE ? "Shapefile (zip, UTF-8 .cpg)" : name();
        }

        /** True for the download formats: the whole answer is one file, not a page of a document. */
        public boolean file() {
            return this == CSV || this == KML || this == FLATGEOBUF || this == GEOPACKAGE || this == SHAPEFILE;
        }
    }

    /** A media type the resource can be written as. */
    public record Offer(String mediaType, Format format) {
    }

    public static final String GEOJSON = "application/geo+json";
    public static final String JSON = "application/json";
    public static final String HTML = "text/html";
    public static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";
    public static final String SCHEMA = "application/schema+json";
    public static final String CSV = "text/csv";
    public static final String KML = "application/vnd.google-earth.kml+xml";
    public static final String GEOPACKAGE = "application/geopackage+sqlite3";
    /** The type flatgeobuf.org gives; not registered with IANA. */
    public static final String FLATGEOBUF = "application/flatgeobuf";
    /** A zipped Shapefile, as GeoServer and most download services send it. */
    public static final String ZIP = "application/zip";
    /** TileJSON has no registered media type; this is the one OGC API – Tiles examples use. */
    public static final String TILEJSON = "application/vnd.mapbox.tile+json";
    public static final String MAPBOX_STYLE = "application/vnd.mapbox.style+json";

    /** What a document (landing page, collections, …) can be written as, preferred first. */
    public static final List<Offer> DOCUMENT = List.of(new Offer(JSON, Format.JSON), new Offer(HTML, Format.HTML));
    /** What a single feature can be written as. */
    public static final List<Offer> FEATURES = List.of(new Offer(GEOJSON, Format.JSON), new Offer(JSON, Format.JSON), new Offer(HTML, Format.HTML));
    /** The download formats of items, beside {@link #FEATURES}. */
    public static final List<Offer> FILES = List.of(new Offer(CSV, Format.CSV), new Offer(KML, Format.KML), new Offer(FLATGEOBUF, Format.FLATGEOBUF),
            new Offer(GEOPACKAGE, Format.GEOPACKAGE),
            new Offer(ZIP, Format.SHAPEFILE));
    /** What a set of features (items) can be written as. */
    public static final List<Offer> ITEMS = java.util.stream.Stream.concat(FEATURES.stream(), FILES.stream()).toList();
    /** What a tileset's metadata can be written as: the OGC document or TileJSON 3.0.0. */
    public static final List<Offer> TILESET = List.of(new Offer(JSON, Format.JSON), new Offer(TILEJSON, Format.TILEJSON));
    public static final List<Offer> JSON_ONLY = List.of(new Offer(JSON, Format.JSON));
    public static final List<Offer> STYLE = List.of(new Offer(MAPBOX_STYLE, Format.JSON), new Offer(JSON, Format.JSON));
    public static final List<Offer> OPENAPI_DOC = List.of(new Offer(OPENAPI, Format.JSON), new Offer(JSON, Format.JSON), new Offer(HTML, Format.HTML));
    public static final List<Offer> QUERYABLES = List.of(new Offer(SCHEMA, Format.JSON), new Offer(JSON, Format.JSON), new Offer(HTML, Format.HTML));

    private Negotiation() {
    }

    /** The offer to answer with. {@code f=json} / {@code f=geojson} give the first JSON offer, {@code f=html} HTML, {@code f=csv} CSV, …; a format the resource lacks is a 400. */
    public static Offer choose(Context ctx, List<Offer> offers) {
        List<String> fs = ctx.queryParams("f");
        if (fs.size() > 1) throw ApiException.invalidParameter("f", "given " + fs.size() + " times; give it once");
        if (!fs.isEmpty()) {
            String f = fs.get(0).trim().toLowerCase(Locale.ROOT);
            return offers.stream().filter(o -> o.format().names.contains(f)).findFirst().orElseThrow(() -> ApiException.invalidParameter("f",
                    "unknown format '" + fs.get(0) + "' for this resource; use " + String.join(", ", offers.stream().flatMap(o -> o.format().names.stream()).distinct().toList())));
        }
        String accept = ctx.header("Accept");
        if (accept == null || accept.isBlank()) return offers.get(0);
        Offer best = null;
        double bestQ = 0;
        for (Offer o : offers) {
            double q = quality(accept, o.mediaType());
            if (q > bestQ) {
                best = o;
                bestQ = q;
            }
        }
        if (best == null) {
            throw new ApiException(406, "not_acceptable", "cannot answer with any of '" + accept + "'; this resource is available as "
                    + String.join(", ", offers.stream().map(Offer::mediaType).toList()) + " (or use f=json / f=html)");
        }
        return best;
    }

    /** The quality the Accept header gives {@code mediaType}: from its most specific matching range, 0 if none. */
    static double quality(String accept, String mediaType) {
        String type = essence(mediaType);
        int bestSpecificity = -1;
        double q = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";", -1); // -1: a range of only ";" still has its (empty) type
            String r = parts[0].trim().toLowerCase(Locale.ROOT);
            int specificity;
            if (r.equals(type)) specificity = 2;
            else if (r.endsWith("/*") && type.startsWith(r.substring(0, r.length() - 1))) specificity = 1;
            else if (r.equals("*/*") || r.equals("*")) specificity = 0;
            else continue;
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                q = qValue(parts);
            }
        }
        return q;
    }

    private static double qValue(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("q=") || p.startsWith("Q=")) {
                try {
                    double q = Double.parseDouble(p.substring(2));
                    return Double.isFinite(q) ? Math.max(0, Math.min(1, q)) : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /** The type and subtype of a media type, without its parameters, in lower case. */
    public static String essence(String mediaType) {
        int semi = mediaType.indexOf(';');
        return (semi < 0 ? mediaType : mediaType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
