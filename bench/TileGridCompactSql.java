import riskmap.store.TileGridCompaction;

/**
 * Prints the statement of the hourly job tile_grid_compact (store/TileGridCompaction), for the
 * benchmarks to fold the tile grid after bench/generate.sql as the job would within the hour.
 * Run: java -cp target/classes bench/TileGridCompactSql.java | psql
 */
public class TileGridCompactSql {
    public static void main(String[] args) {
        System.out.println(TileGridCompaction.COMPACT + ";");
    }
}
