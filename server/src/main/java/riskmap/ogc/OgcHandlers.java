package riskmap.ogc;

import javax.sql.DataSource;

/** The handlers of the {@code /ogc} routes, built once from the database. */
public record OgcHandlers(LandingHandler landing, CollectionsHandler collections, ItemsHandler items) {
    public static OgcHandlers create(DataSource ds) {
        return new OgcHandlers(new LandingHandler(), new CollectionsHandler(ds), new ItemsHandler(ds));
    }
}
