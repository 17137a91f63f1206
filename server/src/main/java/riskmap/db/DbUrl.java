package riskmap.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import riskmap.config.StartupException;

/**
 * Connection settings for an existing database, from the forms users paste: a libpq URI
 * ({@code postgresql://user:secret@host:5432/db?sslmode=require}) or a JDBC URL
 * ({@code jdbc:postgresql://host/db?user=u&password=p}).
 *
 * @param jdbcUrl  the URL handed to pgjdbc, without credentials
 * @param user     user name, or null to let pgjdbc take it from the URL's parameters
 * @param password password, or null
 */
public record DbUrl(String jdbcUrl, String user, String password) {

    public static DbUrl parse(String url) {
        return parse(url, "RISKMAP_DB_URL");
    }

    /** As {@link #parse(String)}; {@code setting} names where the URL came from in the messages. */
    public static DbUrl parse(String url, String setting) {
        if (url.startsWith("jdbc:postgresql:")) return new DbUrl(url, null, null);
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw new StartupException(setting + " '" + redact(url) + "' is not a PostgreSQL URL; write it as "
                    + "postgresql://user:password@host:5432/database (or jdbc:postgresql://host:5432/database)");
        }
        try {
            URI uri = URI.create(url);
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                if (parts.length > 1) password = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
            String host = uri.getHost() == null ? "localhost" : uri.getHost();
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new DbUrl("jdbc:postgresql://" + host + ":" + port + "/" + db + query, user, password);
        } catch (IllegalArgumentException e) {
            throw new StartupException(setting + " '" + redact(url) + "' cannot be read (" + e.getMessage()
                    + "); write it as postgresql://user:password@host:5432/database");
        }
    }

    /** The URL with any password replaced, fit for messages and logs. */
    public static String redact(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
