package riskmap;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.util.JavalinBindException;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.jetty.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import riskmap.config.AppConfig;
import riskmap.config.StartupException;
import riskmap.db.Database;
import riskmap.db.DbUrl;
import riskmap.db.LocalPostgres;
import riskmap.db.ReadReplicas;
import riskmap.db.SeedLoader;
import riskmap.delivery.Delivery;
import riskmap.evacuation.AllocateHandler;
import riskmap.evacuation.StoredShelters;
import riskmap.evacuation.event.EventFeed;
import riskmap.evacuation.event.EventHandler;
import riskmap.evacuation.event.EventStore;
import riskmap.evacuation.event.WarningTrigger;
import riskmap.evacuation.household.HouseholdHandler;
import riskmap.evacuation.household.HouseholdStore;
import riskmap.evacuation.plan.PlanHandler;
import riskmap.evacuation.plan.PlanStore;
import riskmap.http.Auth;
import riskmap.http.BaseMapHandler;
import riskmap.http.ClientAbort;
import riskmap.http.EditHandler;
import riskmap.http.BodyLimit;
import riskmap.http.ErrorMapper;
import riskmap.http.GracefulStop;
import riskmap.http.HeadAsGet;
import riskmap.http.HealthHandler;
import riskmap.http.ImportSlots;
import riskmap.http.Routes;
import riskmap.http.SpatialHandler;
import riskmap.http.TileHandler;
import riskmap.http.TransferHandler;
import riskmap.importers.Exporter;
import riskmap.inspection.InspectionHandler;
import riskmap.inspection.InspectionStore;
import riskmap.live.FeatureEvents;
import riskmap.metrics.Metrics;
import riskmap.store.CategoryStore;
import riskmap.store.TileCache;
import riskmap.store.TileGridCompaction;
import riskmap.store.EditStore;
import riskmap.store.ImportStore;
import riskmap.store.SpatialStore;
import riskmap.store.TokenStore;
import riskmap.dualcontrol.DualControlHandler;
import riskmap.dualcontrol.ZoneHazardStore;
import riskmap.ogc.OgcHandlers;
import riskmap.rectification.RectificationHandler;
import riskmap.rectification.RectificationStore;
import riskmap.rectification.dashboard.DashboardHandler;
import riskmap.rectification.dashboard.DashboardStore;
import riskmap.people.PeopleHandler;
import riskmap.people.PeopleStore;
import riskmap.region.RegionHandler;
import riskmap.warning.CapHandler;
import riskmap.warning.WarningHandler;
import riskmap.warning.WarningStore;

/**
 * Wiring only: configuration → database (private cluster or RISKMAP_DB_URL) → handlers → Javalin.
 * Closing it stops the HTTP server first, then the pool, then the private cluster.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("riskmap.access");
    public static final String LOCAL_DATABASE = "riskmap";
    /** The live feeds' NOTIFY channels, on the delivery's LISTEN connection. */
    private static final List<String> FEED_CHANNELS = List.of(EventFeed.CHANNEL, FeatureEvents.CHANNEL);

    private final LocalPostgres localPg;
    private final Database db;
    private final Javalin http;
    private final Delivery delivery;

    private App(LocalPostgres localPg, Database db, Javalin http, Delivery delivery) {
        this.localPg = localPg;
        this.db = db;
        this.http = http;
        this.delivery = delivery;
    }

    /** Brings up the database, loads seeds into a new one, and serves HTTP. */
    public static App start(AppConfig cfg) throws Exception {
        requirePortFree(cfg);
        LocalPostgres localPg = null;
        Database db = null;
        Delivery delivery = null;
        try {
            OpenDatabase opened = openDatabase(cfg, false);
            localPg = opened.localPg();
            db = opened.database();
            if (cfg.seed()) SeedLoader.loadIfNew(db.dataSource(), cfg.home().resolve("seeds"));
            delivery = new Delivery(cfg.delivery(), db.dataSource(), FEED_CHANNELS);
            Javalin http = createHttp(cfg, db.dataSource(), delivery, Clock.systemUTC());
            try {
                http.start(cfg.bindHost(), cfg.port());
            } catch (JavalinBindException e) {
                throw portInUse(cfg);
            }
            TileGridCompaction.schedule(db.dataSource(), Clock.systemUTC());
            delivery.startWorkers(http.port(), Map.of(WarningTrigger.KIND, new WarningTrigger(new EventStore(db.dataSource()), Clock.systemUTC()),
                    TileGridCompaction.KIND, new TileGridCompaction(Clock.systemUTC())));
            LOG.info("riskmap serving on http://localhost:{}/", http.port());
            return new App(localPg, db, http, delivery);
        } catch (Exception | Error e) {
            if (delivery != null) delivery.close();
            if (db != null) db.close();
            if (localPg != null) localPg.close();
            throw e;
        }
    }

    /** Checked before the database is touched, so a second {@code run} never disturbs the first one's cluster. */
    private static void requirePortFree(AppConfig cfg) {
        if (cfg.port() == 0) return;
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(cfg.bindHost(), cfg.port()));
        } catch (IOException e) {
            throw portInUse(cfg);
        }
    }

    private static StartupException portInUse(AppConfig cfg) {
        return new StartupException("port " + cfg.port() + " is already in use: stop the program using it or choose another port with --port / RISKMAP_PORT");
    }

    /**
     * The database riskmap uses, migrated: RISKMAP_DB_URL, else the private cluster under the data
     * directory. The command line ({@code token}, {@code import}, {@code export}) opens it the same
     * way, with {@code attachIfRunning}: when a running riskmap already has the private cluster up,
     * it connects to that server instead of restarting it under the running server's feet.
     */
    public static OpenDatabase openDatabase(AppConfig cfg, boolean attachIfRunning) {
        LocalPostgres localPg = null;
        try {
            DbUrl url;
            if (cfg.dbUrl() != null) {
                url = DbUrl.parse(cfg.dbUrl());
            } else {
                url = attachIfRunning ? LocalPostgres.attach(cfg.dataDir().resolve("pg"), LOCAL_DATABASE) : null;
                if (url == null) {
                    localPg = LocalPostgres.start(cfg.dataDir().resolve("pg"), cfg.localPgPort(), cfg.hugePages());
                    localPg.ensureDatabase(LOCAL_DATABASE);
                    url = new DbUrl(localPg.jdbcUrl(LOCAL_DATABASE), localPg.user(), localPg.password());
                }
            }
            return new OpenDatabase(localPg, Database.open(url, cfg.statementTimeoutMs()));
        } catch (RuntimeException e) {
            if (localPg != null) localPg.close();
            throw e;
        }
    }

    /** A database opened by {@link #openDatabase}; closing it closes the pool, then the private cluster if this process started it. */
    public record OpenDatabase(LocalPostgres localPg, Database database) implements AutoCloseable {
        public DataSource dataSource() {
            return database.dataSource();
        }

        @Override
        public void close() {
            database.close();
            if (localPg != null) localPg.close();
        }
    }

    /**
     * The HTTP application over a ready database, without job workers (tests build it this way);
     * its delivery part (answer links, board, event streams) closes with it.
     */
    public static Javalin createHttp(AppConfig cfg, DataSource ds, Clock clock) {
        Delivery delivery = new Delivery(cfg.delivery(), ds, FEED_CHANNELS);
        Javalin app = createHttp(cfg, ds, delivery, clock);
        app.events(e -> e.serverStopped(delivery::close));
        return app;
    }

    /**
     * The HTTP application over a ready database, with {@code delivery}'s handlers. {@code clock} is
     * "now" for whatever the workflows compute from deadlines (tests pass a clock they can move).
     */
    public static Javalin createHttp(AppConfig cfg, DataSource ds, Delivery delivery, Clock clock) {
        // the heavy reads (items, spatial queries, tiles, stats, exports) on a replica when one is configured and current
        ReadReplicas reads = ReadReplicas.open(cfg.readReplicas(), ds, cfg.statementTimeoutMs());
        CategoryStore categories = new CategoryStore(ds);
        ImportSlots importSlots = new ImportSlots(cfg.maxConcurrentImports());
        // an issue starts its calls and the evacuations it triggers, both as jobs in the issuing transaction
        WarningHandler warnings = new WarningHandler(new WarningStore(ds, (c, id) -> {
            delivery.calls().start(c, id);
            WarningTrigger.enqueue(c, id);
        }, clock), clock);
        EventStore evacuationEvents = new EventStore(ds);
        EventFeed evacuationFeed = new EventFeed(evacuationEvents, delivery.notifications());
        FeatureEvents featureEvents = new FeatureEvents(delivery.notifications());
        TileCache tileCache = new TileCache(reads, cfg.tileCacheMb() * 1024L * 1024L);
        Metrics metrics = new Metrics(ds, tileCache);
        metrics.replicas(reads);
        DataSource indexScanReads = reads.indexScans();
        Routes.Handlers handlers = new Routes.Handlers(new HealthHandler(ds), metrics, OgcHandlers.create(ds, reads, indexScanReads),
                new SpatialHandler(new SpatialStore(reads, indexScanReads), categories, cfg),
                new TileHandler(tileCache, categories),
                new Auth(new TokenStore(ds), cfg.publicRead()),
                new EditHandler(new EditStore(ds), categories),
                new TransferHandler(new ImportStore(ds), new Exporter(reads), categories, importSlots),
                new PeopleHandler(new PeopleStore(ds), importSlots), new RegionHandler(reads),
                warnings, new CapHandler(warnings), delivery.events(), delivery.ack(),
                new RectificationHandler(new RectificationStore(ds), clock),
                new AllocateHandler(new StoredShelters(ds)),
                new InspectionHandler(new InspectionStore(ds), clock, cfg.photoMaxKb()),
                new DashboardHandler(new DashboardStore(reads), clock),
                new DualControlHandler(new ZoneHazardStore(ds), cfg.zoneHazardDistanceMetres(), clock),
                new EventHandler(evacuationEvents, clock), evacuationFeed,
                new HouseholdHandler(new HouseholdStore(ds), importSlots), new PlanHandler(new PlanStore(ds), new StoredShelters(ds)),
                featureEvents, new BaseMapHandler(cfg.baseMaps()));
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
            config.jetty.modifyServer(server -> server.setErrorHandler(ErrorMapper.jettyErrors()));
            config.jetty.modifyServletContextHandler(h -> h.addFilter(HeadAsGet.class, "/*", EnumSet.of(DispatcherType.REQUEST)));
            config.jetty.modifyServletContextHandler(h -> h.addFilter(ClientAbort.class, "/*", EnumSet.of(DispatcherType.REQUEST)));
            // BodyLimit caps bodies per kind of endpoint (max_body_mb, max_import_mb); Javalin's fixed cap would undercut it
            config.http.maxRequestSize = Long.MAX_VALUE;
            config.jetty.modifyServletContextHandler(h -> h.addFilter(new FilterHolder(new BodyLimit(cfg.maxBodyMb(), cfg.maxImportMb(), cfg.photoMaxKb())),
                    "/*", EnumSet.of(DispatcherType.REQUEST)));
            config.requestLogger.http((ctx, ms) -> {
                metrics.request(ctx, ms);
                // The path only, never the query string or body: those can carry personal data.
                if (cfg.accessLog()) ACCESS.info("{} {} {} {} ms", ctx.method(), ctx.path(), ClientAbort.status(ctx), Math.round(ms));
            });
        });
        ErrorMapper.register(app);
        GracefulStop.install(app, cfg.shutdownGraceSeconds(), List.of(featureEvents, evacuationFeed, delivery.streams()));
        app.events(e -> e.serverStopped(reads::close));
        return app;
    }

    public int port() {
        return http.port();
    }

    public DataSource dataSource() {
        return db.dataSource();
    }

    /** Warning delivery: the seam the issue path enqueues its calls through. */
    public Delivery delivery() {
        return delivery;
    }

    @Override
    public void close() {
        http.stop();
        delivery.close();
        db.close();
        if (localPg != null) localPg.close();
    }
}
