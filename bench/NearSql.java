import java.util.Locale;
import riskmap.auth.Visibility;
import riskmap.query.HazardFilter;
import riskmap.query.NearQuery;
import riskmap.store.RadiusSql;
import riskmap.store.SqlFragment;

/**
 * Prints, as a pgbench script, the very statement the server runs for /api/hazards/near (from
 * store/RadiusSql), its placeholders bound to a centre drawn from bench_centre: the raw-SQL floor
 * is then the server's own SQL, not a hand-copied version of it. The server also turns bitmap scans
 * off for the statement (store/SpatialStore.near); so does the script.
 * The centre is bound as a marker (0.123, 0.321) whose values then become the drawn centre's; the
 * box around it is computed from the centre in SQL, so the one statement serves every centre.
 * With a third argument {@code geojson} it prints the floor beside it: the same statement with the
 * whole GeoJSON document built inside PostgreSQL (what the server writes in Java from its rows).
 * Run: java -cp target/classes bench/NearSql.java RADIUS LIMIT [geojson] > script.sql
 */
public class NearSql {
    public static void main(String[] args) {
        double radius = Double.parseDouble(args[0]);
        int limit = Integer.parseInt(args[1]);
        // A marker centre whose values cannot be mistaken for another bind: lon 0.123, lat 0.321.
        double lon = 0.123, lat = 0.321;
        NearQuery q = new NearQuery(lon, lat, radius, HazardFilter.NONE, limit);
        SqlFragment s = RadiusSql.near(q, Visibility.PUBLIC); // wrk calls anonymously
        String cLon = "(SELECT lon FROM bench_centre WHERE id = :i)", cLat = "(SELECT lat FROM bench_centre WHERE id = :i)";
        StringBuilder sql = new StringBuilder();
        int next = 0;
        for (char ch : s.sql().toCharArray()) {
            if (ch != '?') {
                sql.append(ch);
                continue;
            }
            Object b = s.binds().get(next++);
            sql.append(value(b, lon, lat, cLon, cLat));
        }
        if (next != s.binds().size()) throw new IllegalStateException("expected " + s.binds().size() + " placeholders, found " + next);
        System.out.println("\\set i random(1, 200)");
        System.out.println("SET enable_bitmapscan = off;");
        System.out.println((args.length > 2 && args[2].equals("geojson") ? geoJson(sql.toString()) : sql) + ";");
    }

    /** The rows as one FeatureCollection: geometry and id out of the properties, as the server writes them. */
    private static String geoJson(String rows) {
        return "SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object("
                + "'type', 'Feature', 'id', f.id, 'geometry', f.geometry::json, 'properties', to_jsonb(f) - 'id' - 'geometry' - '_number_matched')"
                + " ORDER BY f.distance_m, f.id), '[]'::json), 'numberMatched', coalesce(max(f._number_matched), 0))::text FROM (" + rows + ") f";
    }

    private static String value(Object b, double lon, double lat, String cLon, String cLat) {
        if (!(b instanceof Double d)) return b.toString();
        if (d == lon) return cLon;
        if (d == lat) return cLat;
        return String.format(Locale.ROOT, "%.17g", d);
    }
}
