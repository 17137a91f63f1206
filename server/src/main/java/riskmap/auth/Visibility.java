package riskmap.auth;

import java.util.Objects;

/**
 * What one caller may read, as the SQL of every read path needs it: which rows, and on which of
 * them personal data. Computed once per request ({@link Caller#visibility}) and applied in one
 * place, {@code store.FeatureSql}, by every query that reads hazard points, risk zones, shelters
 * or people — /api, /ogc, /tiles, exports and history alike.
 *
 * <p>Both parts are region-code prefixes: {@link #ALL} (the empty prefix) for everything, a code
 * for that region and below. {@code personalRows} null means no personal data at all.
 *
 * @param rows         prefix of the admin codes whose rows may be read ({@link #ALL} = every row)
 * @param personalRows prefix of the admin codes whose personal data may be read, null for none
 */
public record Visibility(String rows, String personalRows) {
    /** The prefix every code starts with. */
    public static final String ALL = "";
    /** An anonymous caller on a public server: every row, no personal data. */
    public static final Visibility PUBLIC = new Visibility(ALL, null);
    /** The server's own command line on its own database: every row with its personal data. */
    public static final Visibility EVERYTHING = new Visibility(ALL, ALL);

    public Visibility {
        Objects.requireNonNull(rows, "rows");
        if (!rows.matches("[0-9]{0,12}") || personalRows != null && !personalRows.matches("[0-9]{0,12}")) {
            // digits only: the prefixes may then be used in LIKE without escaping
            throw new IllegalArgumentException("region prefixes are digits only");
        }
    }

    static Visibility publicOnly(String rows) {
        return new Visibility(rows == null ? ALL : rows, null);
    }

    static Visibility withPersonal(String rows, String personalRows) {
        return new Visibility(rows == null ? ALL : rows, personalRows);
    }

    public boolean allRows() {
        return rows.isEmpty();
    }

    /** True when at least some personal data may be read. */
    public boolean anyPersonal() {
        return personalRows != null;
    }

    /** True when personal data of every readable row may be read. */
    public boolean allPersonal() {
        return personalRows != null && rows.startsWith(personalRows);
    }
}
