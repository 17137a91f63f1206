package riskmap;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.util.JavalinBindException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import riskmap.config.AppConfig;
import riskmap.config.StartupException;
import riskmap.db.Database;
import riskmap.db.DbUrl;
import riskmap.db.LocalPostgres;
import riskmap.db.SeedLoader;
import riskmap.http.ErrorMapper;
import riskmap.http.HealthHandler;
import riskmap.http.Routes;
import riskmap.http.SpatialHandler;
import riskmap.http.TileHandler;
import riskmap.store.CategoryStore;
import riskmap.store.SpatialStore;
import riskmap.ogc.ItemsHandler;

/**
 * Wiring only: configuration → database (private cluster or RISKMAP_DB_URL) → handlers → Javalin.
 * Closing it stops the HTTP server first, then the pool, then the private cluster.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);
    public static final String LOCAL_DATABASE = "riskmap";

    private final LocalPostgres localPg;
    private final Database db;
    private final Javalin http;

    private App(LocalPostgres localPg, Database db, Javalin http) {
        this.localPg = localPg;
        this.db = db;
        this.http = http;
    }

    /** Brings up the database, loads seeds into a new one, and serves HTTP. */
    public static App start(AppConfig cfg) throws Exception {
        LocalPostgres localPg = null;
        Database db = null;
        try {
            DbUrl url;
            if (cfg.dbUrl() == null) {
                localPg = LocalPostgres.start(cfg.dataDir().resolve("pg"), cfg.localPgPort());
                localPg.ensureDatabase(LOCAL_DATABASE);
                url = new DbUrl(localPg.jdbcUrl(LOCAL_DATABASE), localPg.user(), localPg.password());
            } else {
                url = DbUrl.parse(cfg.dbUrl());
            }
            db = Database.open(url, cfg.statementTimeoutMs());
            if (cfg.seed()) SeedLoader.loadIfNew(db.dataSource(), cfg.home().resolve("seeds"));
            Javalin http = createHttp(cfg, db.dataSource());
            try {
                http.start(cfg.bindHost(), cfg.port());
            } catch (JavalinBindException e) {
                throw new StartupException("port " + cfg.port() + " is already in use: stop the program using it or choose another port with --port / RISKMAP_PORT");
            }
            LOG.info("riskmap serving on http://localhost:{}/", http.port());
            return new App(localPg, db, http);
        } catch (Exception | Error e) {
            if (db != null) db.close();
            if (localPg != null) localPg.close();
            throw e;
        }
    }

    /** The HTTP application over a ready database; tests build it the same way. */
    public static Javalin createHttp(AppConfig cfg, DataSource ds) {
        Routes.Handlers handlers = new Routes.Handlers(new HealthHandler(ds), new ItemsHandler(ds),
                new SpatialHandler(new SpatialStore(ds), new CategoryStore(ds), cfg),
                new TileHandler(ds));
        Path web = cfg.home().resolve("web");
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.defaultContentType = "application/json; charset=utf-8";
            if (Files.isDirectory(web)) {
                config.staticFiles.add(sf -> {
                    sf.hostedPath = "/";
                    sf.directory = web.toAbsolutePath().toString();
                    sf.location = Location.EXTERNAL;
                });
            }
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                if (cfg.corsOrigins().contains("*")) rule.anyHost();
                else cfg.corsOrigins().forEach(rule::allowHost);
            }));
            config.router.apiBuilder(Routes.of(handlers));
        });
        ErrorMapper.register(app);
        return app;
    }

    public int port() {
        return http.port();
    }

    public DataSource dataSource() {
        return db.dataSource();
    }

    @Override
    public void close() {
        http.stop();
        db.close();
        if (localPg != null) localPg.close();
    }
}
