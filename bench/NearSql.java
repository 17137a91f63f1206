import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import riskmap.auth.Visibility;
import riskmap.query.HazardFilter;
import riskmap.query.NearQuery;
import riskmap.store.RadiusSql;
import riskmap.store.SqlFragment;

/**
 * Prints, as a pgbench script, the very statement the server runs for /api/hazards/near (from
 * store/RadiusSql) for each centre read from stdin ("id|lon|lat" lines, bench_centre), its
 * placeholders bound to that centre's values: the raw-SQL floor is then the server's own SQL, not
 * a hand-copied version of it. The statement depends on its centre beyond the bound values (the
 * geohash cover of its disc is computed in Java), so the script draws a centre and runs that
 * centre's statement (\if branches). The server also turns bitmap scans off for the statement
 * (store/SpatialStore.near) and JIT off for its connections; so does the script.
 * With a third argument {@code geojson} it prints the floor beside it: the same statement with the
 * whole GeoJSON document built inside PostgreSQL (what the server writes in Java from its rows).
 * Run: psql -Atc "SELECT id, lon, lat FROM bench_centre ORDER BY id" | java -cp target/classes bench/NearSql.java RADIUS LIMIT [geojson] > script.sql
 */
public class NearSql {
    public static void main(String[] args) throws Exception {
        double radius = Double.parseDouble(args[0]);
        int limit = Integer.parseInt(args[1]);
        boolean geojson = args.length > 2 && args[2].equals("geojson");
        var centres = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().filter(l -> !l.isBlank()).toList();
        System.out.println("\\set i random(1, " + centres.size() + ")");
        System.out.println("SET enable_bitmapscan = off;");
        System.out.println("SET jit = off;"); // as the server's connections (db/Database): compiling this plan took 600 ms
        for (int k = 0; k < centres.size(); k++) {
            String[] c = centres.get(k).split("\\|");
            NearQuery q = new NearQuery(Double.parseDouble(c[1]), Double.parseDouble(c[2]), radius, HazardFilter.NONE, limit);
            String sql = inline(RadiusSql.near(q, Visibility.PUBLIC)); // wrk calls anonymously
            System.out.println((k == 0 ? "\\if" : "\\elif") + " :i = " + (k + 1));
            System.out.println((geojson ? geoJson(sql) : sql) + ";");
        }
        System.out.println("\\endif");
    }

    /** The statement with its values written in: numbers, text and text arrays as literals. */
    private static String inline(SqlFragment s) {
        StringBuilder sql = new StringBuilder();
        int next = 0;
        for (char ch : s.sql().toCharArray()) {
            if (ch != '?') {
                sql.append(ch);
                continue;
            }
            sql.append(value(s.binds().get(next++)));
        }
        if (next != s.binds().size()) throw new IllegalStateException("expected " + s.binds().size() + " placeholders, found " + next);
        return sql.toString();
    }

    /** The rows as one FeatureCollection: geometry and id out of the properties, as the server writes them. */
    private static String geoJson(String rows) {
        return "SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object("
                + "'type', 'Feature', 'id', f.id, 'geometry', f.geometry::json, 'properties', to_jsonb(f) - 'id' - 'geometry' - '_number_matched')"
                + " ORDER BY f.distance_m, f.id), '[]'::json), 'numberMatched', coalesce(max(f._number_matched), 0))::text FROM (" + rows + ") f";
    }

    private static String value(Object b) {
        if (b instanceof Double d) return String.format(Locale.ROOT, "%.17g", d);
        if (b instanceof String[] a) return Stream.of(a).collect(Collectors.joining(",", "'{", "}'"));
        if (b instanceof double[] a) return Arrays.stream(a).mapToObj(NearSql::value).collect(Collectors.joining(",", "ARRAY[", "]"));
        if (b instanceof String s) return "'" + s.replace("'", "''") + "'";
        return b.toString();
    }
}
