import riskmap.store.TileGridCompaction;

/**
 * Prints the statements of the hourly job tile_grid_compact (store/TileGridCompaction), for the
 * benchmarks to fold the tile grid and the geohash cell counts after bench/generate.sql as the job
 * would within the hour.
 * Run: java -cp target/classes bench/TileGridCompactSql.java | psql
 */
public class TileGridCompactSql {
    public static void main(String[] args) {
        System.out.println(TileGridCompaction.COMPACT + ";");
        System.out.println(TileGridCompaction.COMPACT_GEOHASH_COUNTS + ";");
    }
}
