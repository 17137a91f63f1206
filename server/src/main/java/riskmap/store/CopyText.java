package riskmap.store;

/** Values in COPY's text format, for the loaders that stream rows to PostgreSQL with COPY … FROM STDIN. */
public final class CopyText {
    private CopyText() {
    }

    /** Appends {@code value}: {@code \N} for null, backslash escapes for the characters that delimit. */
    public static void append(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }
}
