package riskmap.ogc;

import javax.sql.DataSource;

/**
 * The handlers of the {@code /ogc} routes, built once from the database: {@code reads} serves the
 * collections and their items, {@code primary} one item by id, whose ETag a client edits against.
 */
public record OgcHandlers(LandingHandler landing, CollectionsHandler collections, ItemsHandler items, TilesHandler tiles, MapStyle style) {
    public static OgcHandlers create(DataSource primary, DataSource reads, DataSource indexScanReads) {
        CollectionsHandler collections = new CollectionsHandler(reads);
        return new OgcHandlers(new LandingHandler(), collections, new ItemsHandler(reads, indexScanReads, primary), new TilesHandler(collections), new MapStyle());
    }
}
