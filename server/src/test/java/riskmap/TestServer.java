package riskmap;

import io.javalin.Javalin;
import java.time.Clock;
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
        AppConfig cfg = AppConfig.load(TestDatabase.home(), new String[0], env);
        app = App.createHttp(cfg, ds, clock).start("127.0.0.1", 0);
        http = new TestHttp(app.port());
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
