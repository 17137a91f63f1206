package riskmap.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting riskmap reads, with its default, in one place.
 *
 * <p>Sources, later ones winning: built-in defaults, {@code riskmap.properties} in the home
 * directory, {@code RISKMAP_*} environment variables, command-line flags ({@code --port 8081}).
 * The annotated list of keys is {@code config/riskmap.example.properties}.
 *
 * @param home            checkout directory: {@code web/}, {@code seeds/} and {@code var/} live here
 * @param port            HTTP port
 * @param bindHost        address the HTTP server listens on
 * @param dbUrl           an existing PostGIS ({@code postgresql://user:pass@host:port/db} or a JDBC URL);
 *                        null means riskmap runs its own private cluster under {@code dataDir}
 * @param dataDir         where the private cluster keeps its files
 * @param localPgPort     port of the private cluster (loopback only)
 * @param hugePages       reserve Linux huge pages for the private cluster's shared buffers (needs root; README "Configuration")
 * @param seed            load {@code seeds/} into a new, empty database
 * @param maxRadiusMetres largest radius {@code /api/hazards/near} accepts
 * @param statementTimeoutMs per-statement limit inside PostgreSQL (an HTTP timeout does not stop a query)
 * @param corsOrigins     origins allowed to read from browsers; {@code *} for any
 * @param publicRead      anonymous callers may read (without personal data); false: every read needs a token
 * @param tileCacheMb     memory for rendered map tiles, kept until their layer changes
 * @param accessLog       log one line per request (method, path, status, time; never the query)
 * @param maxBodyMb       largest request body of the JSON endpoints (within, editing, people, warnings)
 * @param maxImportMb     largest upload of the streamed endpoints (/api/import, /api/people/import)
 * @param photoMaxKb      largest inspection photo (one file of POST /api/hazards/{id}/inspections)
 * @param maxConcurrentImports imports (both streamed endpoints together) running at once; one more is refused with 429
 * @param delivery        warning delivery, answers, escalation and the job workers
 * @param zoneHazardDistanceMetres how far from a risk zone a hazard point is suggested for it, and
 *                        beyond which a linked pair is flagged as far apart (dual control)
 * @param shutdownGraceSeconds how long a stopping server waits for the requests already running
 *                        (a large streamed export) before it closes their connections
 * @param readReplicas    streaming replicas for the heavy reads ({@code db_read_url}); none: the primary serves all
 * @param baseMaps        the base maps the map page offers ({@code base_maps})
 */
public record AppConfig(Path home, int port, String bindHost, String dbUrl, Path dataDir, int localPgPort,
                        boolean hugePages, boolean seed, double maxRadiusMetres, int statementTimeoutMs, List<String> corsOrigins,
                        boolean publicRead, int tileCacheMb, boolean accessLog, int maxBodyMb, int maxImportMb, int photoMaxKb,
                        int maxConcurrentImports, DeliveryConfig delivery, int zoneHazardDistanceMetres,
                        int shutdownGraceSeconds, ReadReplicaConfig readReplicas, BaseMapConfig baseMaps) {

    private static Map<String, String> defaults() {
        Map<String, String> d = new HashMap<>();
        d.put("port", "8080");
        d.put("bind_host", "0.0.0.0");
        d.put("db_url", "");
        d.put("data_dir", "var");
        d.put("local_pg_port", "54329");
        d.put("huge_pages", "false");
        d.put("seed", "true");
        d.put("max_radius", "200000");
        d.put("statement_timeout_ms", "60000");
        d.put("cors_origins", "*");
        d.put("public_read", "true");
        d.put("tile_cache_mb", "64");
        d.put("access_log", "true");
        d.put("max_body_mb", "10");
        d.put("max_import_mb", "2048");
        d.put("photo_max_kb", "10240");
        d.put("max_concurrent_imports", "2");
        d.put("zone_hazard_distance_m", "200");
        d.put("shutdown_grace_seconds", "30");
        DeliveryConfig.defaults(d);
        ReadReplicaConfig.defaults(d);
        BaseMapConfig.defaults(d);
        return d;
    }

    /** Reads the configuration; {@code args} are the flags after the sub-command. */
    public static AppConfig load(Path home, String[] args, Map<String, String> env) {
        Map<String, String> values = defaults();
        Path file = home.resolve("riskmap.properties");
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (var reader = Files.newBufferedReader(file)) {
                p.load(reader);
            } catch (java.io.IOException e) {
                throw new StartupException("cannot read " + file + ": " + e.getMessage());
            }
            p.forEach((k, v) -> put(values, k.toString(), v.toString(), file.toString()));
        }
        env.forEach((k, v) -> {
            if (k.startsWith("RISKMAP_") && !k.equals("RISKMAP_HOME")) {
                put(values, k.substring(8).toLowerCase(), v, "environment variable " + k);
            }
        });
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new StartupException("unexpected argument '" + a + "'; options look like --port 8081");
            String key = a.substring(2).replace('-', '_');
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new StartupException("option --" + key + " needs a value");
            }
            if (key.equals("db")) key = "db_url";
            put(values, key, value, "option --" + key);
        }
        return new AppConfig(
                home,
                intIn(values, "port", 0, 65535),
                values.get("bind_host"),
                values.get("db_url").isBlank() ? null : values.get("db_url").trim(),
                home.resolve(values.get("data_dir")).toAbsolutePath().normalize(),
                intIn(values, "local_pg_port", 1, 65535),
                bool(values, "huge_pages"),
                bool(values, "seed"),
                intIn(values, "max_radius", 1, 20_000_000),
                intIn(values, "statement_timeout_ms", 0, Integer.MAX_VALUE),
                Arrays.stream(values.get("cors_origins").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                bool(values, "public_read"),
                intIn(values, "tile_cache_mb", 0, 65536),
                bool(values, "access_log"),
                intIn(values, "max_body_mb", 1, 2047),
                intIn(values, "max_import_mb", 1, 1_048_576),
                intIn(values, "photo_max_kb", 1, 204_800),
                intIn(values, "max_concurrent_imports", 1, 64),
                delivery(values),
                intIn(values, "zone_hazard_distance_m", 0, 10_000),
                intIn(values, "shutdown_grace_seconds", 0, 3600),
                ReadReplicaConfig.of(values, intIn(values, "db_read_check_ms", 100, 60_000)),
                BaseMapConfig.of(values.get("base_maps"), home));
    }

    private static DeliveryConfig delivery(Map<String, String> v) {
        String tls = v.get("smtp_tls").trim();
        if (!List.of("none", "starttls", "tls").contains(tls)) {
            throw new StartupException("setting 'smtp_tls' must be none, starttls or tls, got '" + tls + "'");
        }
        String webhook = v.get("webhook_url").trim();
        if (!webhook.isEmpty() && !webhook.matches("https?://\\S+")) {
            throw new StartupException("setting 'webhook_url' must be an http:// or https:// URL, got '" + webhook + "'");
        }
        String publicUrl = v.get("public_url").trim().replaceAll("/+$", "");
        if (!publicUrl.isEmpty() && !publicUrl.matches("https?://\\S+")) {
            throw new StartupException("setting 'public_url' must be an http:// or https:// URL, got '" + publicUrl + "'");
        }
        return new DeliveryConfig(publicUrl, webhook, intIn(v, "webhook_timeout_ms", 100, 600_000),
                v.get("smtp_host").trim(), intIn(v, "smtp_port", 1, 65535), v.get("smtp_from").trim(), v.get("smtp_user").trim(),
                v.get("smtp_password"), tls, intIn(v, "ack_deadline_seconds", 1, 86_400 * 7),
                DeliveryConfig.parseOverrides(v.get("ack_deadline_overrides")), intIn(v, "job_workers", 0, 12),
                intIn(v, "job_poll_ms", 10, 600_000), intIn(v, "job_lease_seconds", 1, 86_400), intIn(v, "job_retry_base_ms", 1, 3_600_000));
    }

    private static void put(Map<String, String> values, String key, String value, String source) {
        if (!values.containsKey(key)) {
            List<String> known = new ArrayList<>(defaults().keySet());
            known.sort(null);
            throw new StartupException("unknown setting '" + key + "' in " + source + "; known settings: " + String.join(", ", known));
        }
        values.put(key, value);
    }

    private static int intIn(Map<String, String> values, String key, int min, int max) {
        String v = values.get(key).trim();
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new StartupException("setting '" + key + "' must be a whole number from " + min + " to " + max + ", got '" + v + "'");
    }

    private static boolean bool(Map<String, String> values, String key) {
        String v = values.get(key).trim().toLowerCase();
        if (v.equals("true") || v.equals("false")) return Boolean.parseBoolean(v);
        throw new StartupException("setting '" + key + "' must be true or false, got '" + v + "'");
    }
}
