package riskmap.cql2;

/**
 * Splits CQL2 text into tokens. Keywords are returned as identifiers; the parser decides, case
 * insensitively, which identifiers are keywords. Geometry literals are not tokenised: the parser
 * asks for their raw WKT text with {@link #rawGeometry(int)}.
 */
final class Cql2Lexer {
    enum Kind { IDENT, QUOTED_IDENT, STRING, NUMBER, OP, LPAREN, RPAREN, COMMA, EOF }

    /** One token; {@code pos} is its 1-based character position, for messages. */
    record Token(Kind kind, String text, int start, int end) {
        int pos() {
            return start + 1;
        }

        boolean is(Kind k) {
            return kind == k;
        }

        boolean isWord(String keyword) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
        }

        String describe() {
            return switch (kind) {
                case EOF -> "the end of the filter";
                case STRING -> "'" + text + "'";
                default -> "'" + text + "'";
            };
        }
    }

    private final String src;
    private int pos;

    Cql2Lexer(String src) {
        this.src = src;
    }

    Token next() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) pos++;
        int start = pos;
        if (pos >= src.length()) return new Token(Kind.EOF, "", start, start);
        char c = src.charAt(pos);
        switch (c) {
            case '(' -> {
                pos++;
                return new Token(Kind.LPAREN, "(", start, pos);
            }
            case ')' -> {
                pos++;
                return new Token(Kind.RPAREN, ")", start, pos);
            }
            case ',' -> {
                pos++;
                return new Token(Kind.COMMA, ",", start, pos);
            }
            case '=' -> {
                pos++;
                return new Token(Kind.OP, "=", start, pos);
            }
            case '<', '>' -> {
                pos++;
                if (pos < src.length() && (src.charAt(pos) == '=' || (c == '<' && src.charAt(pos) == '>'))) pos++;
                return new Token(Kind.OP, src.substring(start, pos), start, pos);
            }
            case '\'' -> {
                return string(start);
            }
            case '"' -> {
                int close = src.indexOf('"', pos + 1);
                if (close < 0) throw error(start, "a quoted property name is not closed: add the closing \"");
                pos = close + 1;
                return new Token(Kind.QUOTED_IDENT, src.substring(start + 1, close), start, pos);
            }
            default -> {
                if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && pos + 1 < src.length()
                        && (Character.isDigit(src.charAt(pos + 1)) || src.charAt(pos + 1) == '.'))) {
                    return number(start);
                }
                if (Character.isLetter(c) || c == '_') {
                    pos++;
                    while (pos < src.length() && isIdentPart(src.charAt(pos))) pos++;
                    return new Token(Kind.IDENT, src.substring(start, pos), start, pos);
                }
                throw error(start, "unexpected character '" + c + "'");
            }
        }
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':';
    }

    /** {@code '…'} with {@code ''} standing for one quote. */
    private Token string(int start) {
        StringBuilder s = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= src.length()) throw error(start, "a text literal is not closed: add the closing ' (write '' for a quote inside it)");
            char c = src.charAt(pos++);
            if (c == '\'') {
                if (pos < src.length() && src.charAt(pos) == '\'') {
                    s.append('\'');
                    pos++;
                } else {
                    break;
                }
            } else {
                s.append(c);
            }
        }
        return new Token(Kind.STRING, s.toString(), start, pos);
    }

    private Token number(int start) {
        if (src.charAt(pos) == '-' || src.charAt(pos) == '+') pos++;
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) pos++;
        if (pos < src.length() && src.charAt(pos) == '.') {
            pos++;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) pos++;
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos++;
            if (pos < src.length() && (src.charAt(pos) == '-' || src.charAt(pos) == '+')) pos++;
            if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) pos++;
            } else {
                pos = save;
            }
        }
        return new Token(Kind.NUMBER, src.substring(start, pos), start, pos);
    }

    /**
     * The WKT text of a geometry literal whose type keyword starts at {@code start}: the keyword,
     * an optional Z/M/ZM, then either EMPTY or a balanced parenthesised list. Moves past it.
     */
    String rawGeometry(int start) {
        int p = start;
        while (p < src.length() && Character.isLetter(src.charAt(p))) p++;
        p = skipSpace(p);
        int word = p;
        while (p < src.length() && Character.isLetter(src.charAt(p))) p++;
        String modifier = src.substring(word, p);
        if (modifier.equalsIgnoreCase("EMPTY")) {
            pos = p;
            return src.substring(start, p);
        }
        if (!modifier.isEmpty() && !modifier.matches("(?i)Z|M|ZM")) throw error(word, "expected '(' or EMPTY after the geometry type");
        p = skipSpace(p);
        if (p >= src.length() || src.charAt(p) != '(') throw error(p, "expected '(' to open the coordinates of the geometry literal");
        int depth = 0;
        for (; p < src.length(); p++) {
            char c = src.charAt(p);
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) break;
        }
        if (depth != 0) throw error(start, "the geometry literal's parentheses are not balanced");
        pos = p + 1;
        return src.substring(start, pos);
    }

    private int skipSpace(int p) {
        while (p < src.length() && Character.isWhitespace(src.charAt(p))) p++;
        return p;
    }

    static Cql2Exception error(int index, String what) {
        return new Cql2Exception("at character " + (index + 1) + ": " + what);
    }
}
