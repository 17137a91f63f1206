package riskmap.ogc;

import io.javalin.http.Context;
import java.util.List;
import javax.sql.DataSource;
import riskmap.domain.ApiException;
import riskmap.geojson.GeoJsonWriter;
import riskmap.http.param.QueryParams;
import riskmap.store.Collections;
import riskmap.store.FeatureCollection;
import riskmap.store.FeatureSql;
import riskmap.store.Sql;

/** {@code GET /ogc/collections/{collectionId}/items}: the features of a collection as GeoJSON. */
public final class ItemsHandler {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 10_000;

    private final DataSource ds;

    public ItemsHandler(DataSource ds) {
        this.ds = ds;
    }

    public void items(Context ctx) throws Exception {
        FeatureCollection c = Collections.byId(ctx.pathParam("collectionId"))
                .orElseThrow(() -> ApiException.notFound("no collection '" + ctx.pathParam("collectionId") + "'; see /ogc/collections"));
        int limit = Math.min(new QueryParams(ctx).intOr("limit", DEFAULT_LIMIT, 1, Integer.MAX_VALUE), MAX_LIMIT);
        ctx.contentType("application/geo+json");
        try (GeoJsonWriter out = new GeoJsonWriter(ctx.outputStream())) {
            out.startCollection();
            out.startFeatures();
            Sql.stream(ds, FeatureSql.items(c, List.of(), limit, false), out::writeFeature);
            out.endFeatures();
            out.json().writeNumberField("numberReturned", out.featuresWritten());
            out.endCollection();
        }
    }
}
