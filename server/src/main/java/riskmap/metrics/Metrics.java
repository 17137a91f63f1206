package riskmap.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import riskmap.db.ReadReplicas;
import riskmap.db.Replica;
import riskmap.store.TileCache;

/**
 * What an operator scrapes: request rate and latency per route template (never the concrete path,
 * which would carry ids and make one series per feature), the connection pool, the tile cache and
 * the durable job queue. One registry per HTTP application, so servers in one JVM (tests) do not mix.
 */
public final class Metrics {
    /** Latency buckets that matter for a map server: a tile or a near query (ms) up to a long export (s). */
    private static final Duration[] SLO = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Held here: a gauge keeps only a weak reference to the object it reads. */
    private final JobQueueDepth queue;

    public Metrics(DataSource ds, TileCache tiles) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (ds instanceof HikariDataSource pool) bindPool(pool);
        FunctionCounter.builder("riskmap.tile.cache.hits", tiles, TileCache::hits).description("tiles served from the cache").register(registry);
        FunctionCounter.builder("riskmap.tile.cache.misses", tiles, TileCache::misses).description("tiles rendered by PostGIS").register(registry);
        Gauge.builder("riskmap.tile.cache.bytes", tiles, TileCache::bytes).baseUnit("bytes").register(registry);
        queue = new JobQueueDepth(ds);
        Gauge.builder("riskmap.jobs.unfinished", queue, JobQueueDepth::unfinished).description("durable jobs not yet done (NaN: database away)").register(registry);
        Gauge.builder("riskmap.jobs.due", queue, JobQueueDepth::due).description("unfinished jobs whose time has come: the backlog").register(registry);
        Gauge.builder("riskmap.jobs.failed", queue, JobQueueDepth::failed).description("jobs that gave up after their attempts").register(registry);
    }

    private void bindPool(HikariDataSource pool) {
        poolGauge(pool, "riskmap.db.pool.active", HikariPoolMXBean::getActiveConnections);
        poolGauge(pool, "riskmap.db.pool.idle", HikariPoolMXBean::getIdleConnections);
        poolGauge(pool, "riskmap.db.pool.pending", HikariPoolMXBean::getThreadsAwaitingConnection);
        Gauge.builder("riskmap.db.pool.max", pool, HikariDataSource::getMaximumPoolSize).register(registry);
    }

    private void poolGauge(HikariDataSource pool, String name, ToDoubleFunction<HikariPoolMXBean> value) {
        // the MX bean is null until the pool has started and after it closed
        Gauge.builder(name, pool, p -> p.getHikariPoolMXBean() == null ? Double.NaN : value.applyAsDouble(p.getHikariPoolMXBean())).register(registry);
    }

    /**
     * Where the heavy reads went: connections per pool ({@code pool="primary"} counts the reads no
     * replica could take), and per replica whether it serves and how far behind the primary it is.
     */
    public void replicas(ReadReplicas reads) {
        if (reads.replicas().isEmpty()) return;
        FunctionCounter.builder("riskmap.db.reads", reads, ReadReplicas::primaryReads).tag("pool", "primary")
                .description("read connections of the heavy reads, by the pool that gave them").register(registry);
        for (Replica r : reads.replicas()) {
            FunctionCounter.builder("riskmap.db.reads", r, Replica::reads).tag("pool", r.name()).register(registry);
            Gauge.builder("riskmap.db.replica.up", r, x -> x.up() ? 1 : 0).tag("replica", r.name())
                    .description("1: the replica serves reads; 0: left out (away, not a standby, or lagging beyond db_read_max_lag)").register(registry);
            Gauge.builder("riskmap.db.replica.lag", r, Replica::lagSeconds).tag("replica", r.name()).baseUnit("seconds")
                    .description("how far behind the primary the replica was at the last check (NaN: it did not answer)").register(registry);
        }
    }

    /** Called by the request logger once per request, after the response (also for streamed and failed ones). */
    public void request(Context ctx, float ms) {
        Timer.builder("riskmap.http.requests")
                .tag("method", ctx.method().name())
                .tag("route", RouteTemplate.of(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .serviceLevelObjectives(SLO)
                .register(registry)
                .record((long) (ms * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    /** {@code GET /metrics}: the Prometheus text format. */
    public void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }
}
