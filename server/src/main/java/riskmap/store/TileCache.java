package riskmap.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import riskmap.db.ReadReplicas;
import riskmap.query.HazardFilter;

/**
 * Rendered tiles kept in memory until a change touches them.
 *
 * <p>Every statement that changes a layer table raises its row in {@code layer_version} and
 * records the extent of the rows it touched in {@code layer_change}, in the same transaction
 * (migration V4). A request reads the version (one primary-key lookup); a tile cached at that
 * version is served as it is, and one cached at an older version is still served — and brought
 * up to date — when none of the changes since lay within the tile and its margin. So an edit in
 * Chongqing re-renders the Chongqing tiles only, and low-zoom tiles that aggregate hundreds of
 * thousands of points are rendered once, not once per request. Least recently used tiles go
 * first once the cache holds {@code maxBytes} of tiles.
 *
 * <p>Correct with several servers on one database: the version and the change records are rows
 * that any server's (or psql's) write updates in its own transaction, and every request reads
 * them, so the next tile request on this server after another one's commit sees the change. No
 * notification is involved, so none can be missed while a LISTEN connection reconnects; an
 * in-memory version fed by NOTIFY would save one primary-key lookup per tile, at the price of
 * serving stale tiles for the moment a notification is in flight.
 */
public final class TileCache {
    private final DataSource ds;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> tiles = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private record Entry(long version, TileSql.Tile tile) {
    }

    /** A tile and whether it came from the cache. */
    public record Lookup(TileSql.Tile tile, boolean hit) {
        /** The empty tile of a caller whose filter lies outside its region: nothing to render or cache. */
        public static final Lookup NOTHING_READABLE = new Lookup(new TileSql.Tile(new byte[0], 0, false, false, null), true);
    }

    public TileCache(DataSource ds, long maxBytes) {
        this.ds = ds;
        this.maxBytes = maxBytes;
    }

    public Lookup tile(FeatureCollection c, TileSql.TileCoord t, HazardFilter f) throws Exception {
        // one replica for the version and the rendering: a tile must never be older than the version it is cached under
        DataSource source = ReadReplicas.pin(ds);
        long version = version(source, c.table());
        String key = c.id() + '/' + t.z() + '/' + t.x() + '/' + t.y() + '?' + f;
        Entry cached;
        synchronized (this) {
            cached = tiles.get(key);
        }
        if (cached != null && (cached.version() == version || untouchedSince(source, c.table(), cached.version(), version, t))) {
            synchronized (this) {
                tiles.put(key, new Entry(version, cached.tile()));
            }
            hits.increment();
            return new Lookup(cached.tile(), true);
        }
        misses.increment();
        // Rendered outside the lock: two requests for one new tile may both render it, and that
        // costs less than making every other tile wait.
        TileSql.Tile tile = TileSql.render(source, c, t, f);
        synchronized (this) {
            Entry old = tiles.put(key, new Entry(version, tile));
            if (old != null) bytes -= old.tile().mvt().length;
            bytes += tile.mvt().length;
            var it = tiles.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Map.Entry<String, Entry> eldest = it.next();
                bytes -= eldest.getValue().tile().mvt().length;
                it.remove();
            }
        }
        return new Lookup(tile, false);
    }

    /** Tiles served from the cache since start (for /metrics). */
    public long hits() {
        return hits.sum();
    }

    /** Tiles rendered because the cache had none current (for /metrics). */
    public long misses() {
        return misses.sum();
    }

    public synchronized long bytes() {
        return bytes;
    }

    /**
     * Whether every change to {@code table} after version {@code from} up to {@code to} lay outside
     * the tile, widened by a quarter tile (more than the aggregation cells and feature buffer reach).
     * False when the changes are no longer all on record.
     */
    private static boolean untouchedSince(DataSource ds, String table, long from, long to, TileSql.TileCoord t) throws Exception {
        double[] b = t.bounds(0.25);
        boolean[] untouched = {false};
        Sql.query(ds, SqlFragment.of("SELECT count(*) = ? AND NOT bool_or(extent IS NULL OR extent && ST_MakeEnvelope(?, ?, ?, ?, 4326))"
                        + " FROM layer_change WHERE layer = ? AND version > ? AND version <= ?",
                to - from, b[0], b[1], b[2], b[3], table, from, to),
                rs -> untouched[0] = rs.getBoolean(1));
        return untouched[0];
    }

    private static long version(DataSource ds, String table) throws Exception {
        long[] v = {0};
        Sql.query(ds, SqlFragment.of("SELECT version FROM layer_version WHERE layer = ?", table), rs -> v[0] = rs.getLong(1));
        return v[0];
    }
}
