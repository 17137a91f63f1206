package riskmap.http;

import io.javalin.http.Context;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import riskmap.auth.Caller;
import riskmap.domain.ApiException;
import riskmap.edit.FeatureSchema;
import riskmap.domain.Bbox;
import riskmap.domain.Crs;
import riskmap.http.param.QueryParams;
import riskmap.importers.CsvReader;
import riskmap.importers.Exporter;
import riskmap.importers.FeatureReader;
import riskmap.importers.GeoJsonReader;
import riskmap.importers.GpkgReader;
import riskmap.importers.ImportReport;
import riskmap.importers.Importer;
import riskmap.importers.TextEncoding;
import riskmap.store.CategoryStore;
import riskmap.store.Collections;
import riskmap.store.ExportSql;
import riskmap.store.FeatureCollection;
import riskmap.store.ImportStore;

/**
 * Bulk transfer (api.md §4): {@code POST /api/import} streams the request body through an importer;
 * {@code GET /api/export} streams a collection out as GeoJSON, CSV or GeoPackage.
 *
 * <p>Import answers 200 with the report when rows were stored (or a dry run passed), and 422 with
 * {@code error}, {@code detail} and the same report when rows were refused and nothing was written.
 */
public final class TransferHandler {
    /** What an import reads (the export writes more: {@link Exporter#FORMATS}). */
    static final List<String> IMPORT_FORMATS = List.of("geojson", "csv", "gpkg");
    private final ImportStore imports;
    private final Exporter exporter;
    private final CategoryStore categories;
    private final ImportSlots slots;

    public TransferHandler(ImportStore imports, Exporter exporter, CategoryStore categories, ImportSlots slots) {
        this.imports = imports;
        this.exporter = exporter;
        this.categories = categories;
        this.slots = slots;
    }

    /** {@code POST /api/import?collection=…[&format=geojson|csv|gpkg][&dry_run=true][&skip_invalid=true][&encoding=GBK][&srid=4490][&table=…]} */
    public void importFeatures(Context ctx) throws Exception {
        Caller caller = Auth.requireWriter(ctx);
        QueryParams p = new QueryParams(ctx);
        FeatureSchema s = FeatureSchema.byId(p.oneOf("collection", EditHandler.COLLECTIONS)).orElseThrow();
        String format = format(ctx, p);
        boolean dryRun = p.flag("dry_run");
        boolean skipInvalid = p.flag("skip_invalid");
        int srid = p.intOr("srid", 4326, 1, 999_999);
        String encoding = p.raw("encoding");
        String table = p.raw("table");
        Importer.Options o = new Importer.Options(dryRun, skipInvalid, caller.name(), caller::mayWriteIn,
                caller.scope() == null ? "your region" : "your region " + caller.scope());
        Importer importer = new Importer(imports, categories.ids());
        ImportReport report;
        Path tmp = null;
        try (ImportSlots.Slot slot = slots.take(); InputStream body = ctx.bodyInputStream()) {
            FeatureReader reader;
            switch (format) {
                case "geojson" -> reader = new GeoJsonReader(body, s, srid);
                case "csv" -> reader = new CsvReader(body, s, encoding == null ? null : TextEncoding.named(encoding), srid);
                default -> {
                    // SQLite needs random access: the upload is spooled to a temporary file first
                    tmp = Files.createTempFile("riskmap-import", ".gpkg");
                    Files.copy(body, tmp, StandardCopyOption.REPLACE_EXISTING);
                    reader = new GpkgReader(tmp, s, table);
                }
            }
            try (FeatureReader r = reader) {
                report = importer.run(s, r, o, Importer.Progress.NONE);
            }
        } finally {
            if (tmp != null) Files.deleteIfExists(tmp);
        }
        answer(ctx, report, skipInvalid);
    }

    /** The import answer: 200 with the report, or 422 with error, detail and the report when refused rows stopped the import. Shared with /api/people/import. */
    public static void answer(Context ctx, ImportReport report, boolean skipInvalid) {
        Map<String, Object> answer = new LinkedHashMap<>();
        boolean refused = report.refusedCount() > 0 && !skipInvalid;
        if (refused) {
            answer.put("error", "import_refused");
            answer.put("detail", report.refusedCount() + " of " + report.read() + " rows were refused (see \"refused\"), so nothing was written;"
                    + " fix them, or send skip_invalid=true to store the others");
        }
        answer.put("collection", report.collection());
        answer.put("format", report.format());
        answer.put("source", report.source());
        answer.put("dry_run", report.dryRun());
        answer.put("read", report.read());
        answer.put("valid", report.valid());
        answer.put("stored", report.stored());
        answer.put("refused_count", report.refusedCount());
        answer.put("refused", report.refused());
        answer.put("ignored_fields", report.ignoredFields());
        answer.put("seconds", Math.round(report.seconds() * 1000) / 1000.0);
        ctx.status(refused ? 422 : 200).json(answer);
    }

    /** {@code GET /api/export?collection=…&format=geojson|csv|fgb|gpkg|shp[&bbox][&category][&min_level][&admin_code]} */
    public void export(Context ctx) throws Exception {
        QueryParams p = new QueryParams(ctx);
        List<String> ids = Collections.all().stream().map(FeatureCollection::id).toList();
        FeatureCollection c = Collections.byId(p.oneOf("collection", ids)).orElseThrow();
        String format = p.oneOf("format", Exporter.FORMATS);
        ExportSql.Filter f = new ExportSql.Filter(Bbox.parse(p.raw("bbox"), Crs.CRS84),
                column(c, p, "category") ? p.listOf("category", categories.ids()) : List.of(),
                column(c, p, "min_level") && p.raw("min_level") != null ? p.intOr("min_level", 1, 1, 4) : null,
                p.codePrefix("admin_code"));
        ctx.contentType(Exporter.mediaType(format));
        ctx.header("Content-Disposition", "attachment; filename=\"" + c.id() + "." + Exporter.extension(format) + "\"");
        exporter.export(c, f, Auth.visibility(ctx), format, ctx.outputStream());
    }

    /** True when the filter is given; refused when the collection has no such attribute. */
    private static boolean column(FeatureCollection c, QueryParams p, String param) {
        if (p.raw(param) == null) return false;
        String col = param.equals("min_level") ? "risk_level" : param;
        if (c.column(col).isEmpty()) throw ApiException.invalidParameter(param, c.id() + " have no " + col + " to filter on");
        return true;
    }

    private static String format(Context ctx, QueryParams p) {
        String f = p.raw("format");
        if (f != null) {
            if (!IMPORT_FORMATS.contains(f)) throw ApiException.invalidParameter("format", "unknown value '" + f + "'; use one of " + String.join(", ", IMPORT_FORMATS));
            return f;
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (type.contains("json")) return "geojson";
        if (type.contains("csv")) return "csv";
        if (type.contains("geopackage") || type.contains("sqlite")) return "gpkg";
        throw ApiException.invalidParameter("format", "is required when the Content-Type (" + (type.isEmpty() ? "none" : type)
                + ") does not say it: give format=geojson, csv or gpkg");
    }
}
