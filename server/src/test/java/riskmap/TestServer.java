package riskmap;

import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import riskmap.config.AppConfig;

/** The real HTTP application on a free port over a test database; built as App builds it. */
public final class TestServer implements AutoCloseable {
    private final Javalin app;
    public final TestHttp http;

    public TestServer(DataSource ds) {
        this(ds, Map.of());
    }

    public TestServer(DataSource ds, Map<String, String> env) {
        this(ds, env, Clock.systemUTC());
    }

    /** With {@code clock} as the application's "now" (a {@link TestClock} moves deadlines past). */
    public TestServer(DataSource ds, Map<String, String> env, Clock clock) {
        // a test that leaves a response unread must not hold every stop for the 30 s a real server grants
        Map<String, String> settings = new java.util.HashMap<>(Map.of("RISKMAP_SHUTDOWN_GRACE_SECONDS", "5"));
        settings.putAll(env);
        AppConfig cfg = AppConfig.load(TestDatabase.home(), new String[0], settings);
        app = App.createHttp(cfg, ds, clock).start("127.0.0.1", 0);
        http = new TestHttp(app.port());
    }

    public int port() {
        return app.port();
    }

    /** Every HTTP route the app registered, as its router holds them: a route added to Routes is listed without editing a test. */
    public List<Endpoint> endpoints() {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(ParsedEndpoint::getEndpoint).filter(e -> e.getMethod().isHttpMethod()).toList();
    }

    @Override
    public void close() {
        app.stop();
    }
}
