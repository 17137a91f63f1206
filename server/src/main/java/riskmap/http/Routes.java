package riskmap.http;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import io.javalin.apibuilder.EndpointGroup;
import riskmap.ogc.ItemsHandler;

/** Every path riskmap serves and the handler answering it, in the order of api.md. Nothing else registers routes. */
public final class Routes {
    private Routes() {
    }

    public static EndpointGroup of(Handlers h) {
        return () -> {
            path("ogc", () -> {
                get("collections/{collectionId}/items", h.items()::items);
            });
            path("api", () -> {
                get("hazards/near", h.spatial()::near);
                post("hazards/within", h.spatial()::within);
                get("shelters/nearest", h.spatial()::nearestShelters);
                get("stats", h.spatial()::stats);
            });
            get("tiles/{collectionId}/{z}/{x}/{y}.mvt", h.tiles()::tile);
            get("health", h.health()::get);
        };
    }

    /** The handler objects, built once from the application's dependencies. */
    public record Handlers(HealthHandler health, ItemsHandler items, SpatialHandler spatial, TileHandler tiles) {
    }
}
