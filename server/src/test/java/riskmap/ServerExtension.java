package riskmap;

import io.javalin.router.Endpoint;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real app over a test database, started before a test class and stopped after it:
 * {@code @RegisterExtension static final ServerExtension SERVER = new ServerExtension(TestDatabase::seeded);}
 */
public final class ServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<DataSource> database;
    private final Map<String, String> env;
    private final Clock clock;
    private DataSource ds;
    private TestServer server;

    public ServerExtension(Supplier<DataSource> database) {
        this(database, Map.of(), Clock.systemUTC());
    }

    /** With settings as environment variables ({@code RISKMAP_…}) and {@code clock} as the server's "now". */
    public ServerExtension(Supplier<DataSource> database, Map<String, String> env, Clock clock) {
        this.database = database;
        this.env = env;
        this.clock = clock;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ds = database.get();
        server = new TestServer(ds, env, clock);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    public TestHttp http() {
        return server.http;
    }

    public DataSource ds() {
        return ds;
    }

    public int port() {
        return server.port();
    }

    public List<Endpoint> endpoints() {
        return server.endpoints();
    }
}
