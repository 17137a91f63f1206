package riskmap.ogc;

import javax.sql.DataSource;

/** The handlers of the {@code /ogc} routes, built once from the database. */
public record OgcHandlers(LandingHandler landing, CollectionsHandler collections, ItemsHandler items, TilesHandler tiles, MapStyle style) {
    public static OgcHandlers create(DataSource ds) {
        CollectionsHandler collections = new CollectionsHandler(ds);
        return new OgcHandlers(new LandingHandler(), collections, new ItemsHandler(ds), new TilesHandler(collections), new MapStyle());
    }
}
