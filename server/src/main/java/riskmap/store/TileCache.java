package riskmap.store;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import riskmap.query.HazardFilter;

/**
 * Rendered tiles kept in memory until their layer changes.
 *
 * <p>Every write to a layer table raises its row in {@code layer_version} in the same transaction
 * (migration V3), so a tile rendered at version v is exact for as long as the version stays v. A
 * request reads the version (one primary-key lookup) and serves the cached tile when it matches:
 * low-zoom tiles that aggregate hundreds of thousands of points are rendered once per change of
 * the data instead of once per request. Least recently used tiles go first once the cache holds
 * {@code maxBytes} of tiles.
 */
public final class TileCache {
    private final DataSource ds;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> tiles = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    private record Entry(long version, TileSql.Tile tile) {
    }

    /** A tile and whether it came from the cache. */
    public record Lookup(TileSql.Tile tile, boolean hit) {
    }

    public TileCache(DataSource ds, long maxBytes) {
        this.ds = ds;
        this.maxBytes = maxBytes;
    }

    public Lookup tile(FeatureCollection c, TileSql.TileCoord t, HazardFilter f) throws Exception {
        long version = version(c.table());
        String key = c.id() + '/' + t.z() + '/' + t.x() + '/' + t.y() + '?' + f;
        synchronized (this) {
            Entry e = tiles.get(key);
            if (e != null && e.version() == version) return new Lookup(e.tile(), true);
        }
        // Rendered outside the lock: two requests for one new tile may both render it, and that
        // costs less than making every other tile wait.
        TileSql.Tile tile = TileSql.render(ds, c, t, f);
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

    private long version(String table) throws Exception {
        long[] v = {0};
        Sql.query(ds, SqlFragment.of("SELECT version FROM layer_version WHERE layer = ?", table), rs -> v[0] = rs.getLong(1));
        return v[0];
    }
}
