package riskmap.cql2;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import riskmap.cql2.Cql2Lexer.Kind;
import riskmap.cql2.Cql2Lexer.Token;

/**
 * Parses CQL2 text into an {@link Expr} tree by recursive descent.
 *
 * <p>Grammar (keywords case-insensitive; precedence NOT over AND over OR):
 * <pre>
 * filter     = or EOF
 * or         = and { OR and }
 * and        = not { AND not }
 * not        = NOT not | primary
 * primary    = "(" or ")" | spatialFn "(" operand "," operand ")" | TRUE | FALSE | predicate
 * predicate  = operand ( compOp operand | [NOT] LIKE text | [NOT] BETWEEN operand AND operand
 *                      | [NOT] IN "(" operand { "," operand } ")" | IS [NOT] NULL )
 * operand    = property | "quoted property" | 'text' | number | TRUE | FALSE
 *            | TIMESTAMP('…') | DATE('…') | CASEI(operand) | BBOX(n,n,n,n[,n,n]) | WKT geometry
 * </pre>
 * Spatial functions: S_INTERSECTS, S_WITHIN, S_CONTAINS, S_DISJOINT, S_EQUALS, S_TOUCHES,
 * S_CROSSES, S_OVERLAPS. Geometry literals are read by JTS and must be valid (closed, non
 * self-intersecting rings), so the database never sees a geometry it would reject.
 *
 * <p>Limits: at most {@link #MAX_LENGTH} characters and {@link #MAX_DEPTH} nested levels, so a
 * hostile filter cannot exhaust the stack.
 */
public final class Cql2Parser {
    public static final int MAX_LENGTH = 20_000;
    static final int MAX_DEPTH = 64;
    public static final Set<String> SPATIAL_FUNCTIONS = Set.of("S_INTERSECTS", "S_WITHIN", "S_CONTAINS", "S_DISJOINT",
            "S_EQUALS", "S_TOUCHES", "S_CROSSES", "S_OVERLAPS");
    private static final Set<String> WKT_TYPES = Set.of("POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING",
            "MULTIPOLYGON", "GEOMETRYCOLLECTION");
    private static final Set<String> RESERVED = Set.of("AND", "OR", "NOT", "LIKE", "BETWEEN", "IN", "IS", "NULL");

    private final Cql2Lexer lexer;
    private Token tok;
    private int depth;

    private Cql2Parser(String text) {
        this.lexer = new Cql2Lexer(text);
        this.tok = lexer.next();
    }

    /** Parses a whole filter; throws {@link Cql2Exception} naming the position of the first problem. */
    public static Expr parse(String text) {
        if (text == null || text.isBlank()) throw new Cql2Exception("the filter is empty");
        if (text.length() > MAX_LENGTH) throw new Cql2Exception("the filter is longer than " + MAX_LENGTH + " characters");
        Cql2Parser p = new Cql2Parser(text);
        Expr e = p.or();
        if (!p.tok.is(Kind.EOF)) throw p.unexpected("AND, OR or the end of the filter");
        return e;
    }

    private Expr or() {
        enter();
        List<Expr> terms = new ArrayList<>(List.of(and()));
        while (tok.isWord("OR")) {
            advance();
            terms.add(and());
        }
        depth--;
        return terms.size() == 1 ? terms.get(0) : new Expr.Or(terms);
    }

    private Expr and() {
        List<Expr> terms = new ArrayList<>(List.of(not()));
        while (tok.isWord("AND")) {
            advance();
            terms.add(not());
        }
        return terms.size() == 1 ? terms.get(0) : new Expr.And(terms);
    }

    private Expr not() {
        if (tok.isWord("NOT")) {
            advance();
            enter();
            Expr e = new Expr.Not(not());
            depth--;
            return e;
        }
        return primary();
    }

    private Expr primary() {
        if (tok.is(Kind.LPAREN)) {
            advance();
            Expr e = or();
            expect(Kind.RPAREN, "')' to close the parenthesis");
            return e;
        }
        if (tok.is(Kind.IDENT) && SPATIAL_FUNCTIONS.contains(tok.text().toUpperCase(Locale.ROOT))) {
            String fn = tok.text().toUpperCase(Locale.ROOT);
            advance();
            expect(Kind.LPAREN, "'(' after " + fn);
            Operand a = operand();
            expect(Kind.COMMA, "',' between the two arguments of " + fn);
            Operand b = operand();
            expect(Kind.RPAREN, "')' to close " + fn);
            return new Expr.Spatial(fn, a, b);
        }
        Operand left = operand();
        if ((tok.is(Kind.EOF) || tok.is(Kind.RPAREN) || tok.isWord("AND") || tok.isWord("OR")) && left instanceof Operand.Bool b) {
            return new Expr.Literal(b.value());
        }
        return predicate(left);
    }

    private Expr predicate(Operand left) {
        if (tok.is(Kind.OP)) {
            String op = tok.text();
            advance();
            return new Expr.Comparison(left, op, operand());
        }
        if (tok.isWord("IS")) {
            advance();
            boolean negated = acceptWord("NOT");
            if (!tok.isWord("NULL")) throw unexpected("NULL after IS" + (negated ? " NOT" : ""));
            advance();
            return new Expr.IsNull(left, negated);
        }
        boolean negated = acceptWord("NOT");
        if (acceptWord("LIKE")) {
            Operand pattern = operand();
            if (pattern instanceof Operand.CaseInsensitive ci && ci.value() instanceof Operand.Text t) {
                // CASEI on the pattern: compare both sides case-insensitively
                return new Expr.Like(left instanceof Operand.CaseInsensitive ? left : new Operand.CaseInsensitive(left), t, negated);
            }
            if (!(pattern instanceof Operand.Text t)) throw new Cql2Exception("the pattern after LIKE must be a text literal such as '%滑坡%'");
            return new Expr.Like(left, t, negated);
        }
        if (acceptWord("BETWEEN")) {
            Operand low = operand();
            if (!acceptWord("AND")) throw unexpected("AND between the two bounds of BETWEEN");
            return new Expr.Between(left, low, operand(), negated);
        }
        if (acceptWord("IN")) {
            expect(Kind.LPAREN, "'(' to open the IN list");
            List<Operand> list = new ArrayList<>(List.of(operand()));
            while (tok.is(Kind.COMMA)) {
                advance();
                list.add(operand());
            }
            expect(Kind.RPAREN, "')' to close the IN list");
            return new Expr.In(left, list, negated);
        }
        throw unexpected(negated ? "LIKE, BETWEEN or IN after NOT" : "a comparison (=, <>, <, <=, >, >=), LIKE, BETWEEN, IN or IS NULL");
    }

    private Operand operand() {
        Token t = tok;
        switch (t.kind()) {
            case STRING -> {
                advance();
                return new Operand.Text(t.text());
            }
            case NUMBER -> {
                advance();
                try {
                    return new Operand.Number(new BigDecimal(t.text()));
                } catch (NumberFormatException e) {
                    throw Cql2Lexer.error(t.start(), "'" + t.text() + "' is not a number");
                }
            }
            case QUOTED_IDENT -> {
                advance();
                return new Operand.Property(t.text());
            }
            case IDENT -> {
                return identOperand(t);
            }
            default -> throw unexpected("a property name or a literal");
        }
    }

    private Operand identOperand(Token t) {
        String word = t.text().toUpperCase(Locale.ROOT);
        if (WKT_TYPES.contains(word)) {
            String wkt = lexer.rawGeometry(t.start());
            tok = lexer.next();
            return new Operand.Geometry(readWkt(wkt, t));
        }
        if (RESERVED.contains(word)) throw unexpected("a property name or a literal");
        advance();
        switch (word) {
            case "TRUE" -> {
                return new Operand.Bool(true);
            }
            case "FALSE" -> {
                return new Operand.Bool(false);
            }
            default -> {
                // a function call or a property name
            }
        }
        if (!tok.is(Kind.LPAREN)) return new Operand.Property(t.text());
        advance();
        Operand result = switch (word) {
            case "TIMESTAMP" -> new Operand.Timestamp(instant(textArgument("TIMESTAMP")));
            case "DATE" -> new Operand.Date(date(textArgument("DATE")));
            case "CASEI" -> new Operand.CaseInsensitive(operand());
            case "BBOX" -> bbox();
            default -> throw Cql2Lexer.error(t.start(), "unknown function " + t.text()
                    + "; this server knows TIMESTAMP, DATE, CASEI, BBOX and " + String.join(", ", SPATIAL_FUNCTIONS.stream().sorted().toList()));
        };
        expect(Kind.RPAREN, "')' to close " + word);
        return result;
    }

    private Operand bbox() {
        List<Double> n = new ArrayList<>();
        while (true) {
            Operand o = operand();
            if (!(o instanceof Operand.Number num)) throw new Cql2Exception("BBOX takes 4 (or 6) numbers: BBOX(minx, miny, maxx, maxy)");
            n.add(num.value().doubleValue());
            if (!tok.is(Kind.COMMA)) break;
            advance();
        }
        return bbox(n);
    }

    /** 4 or 6 numbers (heights dropped), minimum before maximum; shared with {@link Cql2Json}. */
    static Operand.Bbox bbox(List<Double> n) {
        if (n.size() != 4 && n.size() != 6) throw new Cql2Exception("BBOX takes 4 (or 6) numbers, got " + n.size());
        int h = n.size() / 2;
        double minX = n.get(0), minY = n.get(1), maxX = n.get(h), maxY = n.get(h + 1);
        if (minX > maxX || minY > maxY) throw new Cql2Exception("BBOX(" + minX + ", " + minY + ", " + maxX + ", " + maxY + "): the minimum is greater than the maximum");
        return new Operand.Bbox(minX, minY, maxX, maxY);
    }

    private String textArgument(String fn) {
        if (!tok.is(Kind.STRING)) throw unexpected("a quoted text argument for " + fn + ", e.g. " + fn + "('2024-05-01" + (fn.equals("DATE") ? "" : "T08:00:00Z") + "')");
        String s = tok.text();
        advance();
        return s;
    }

    static Instant instant(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new Cql2Exception("TIMESTAMP('" + s + "') is not an RFC 3339 date-time such as 2024-05-01T08:00:00Z");
        }
    }

    static LocalDate date(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new Cql2Exception("DATE('" + s + "') is not a date such as 2024-05-01");
        }
    }

    private static Geometry readWkt(String wkt, Token at) {
        try {
            return geometry(wkt);
        } catch (Cql2Exception e) {
            throw Cql2Lexer.error(at.start(), e.getMessage());
        }
    }

    /** A WKT literal read and checked: the text form and {@link Cql2Json} (which writes GeoJSON as WKT) share it. */
    static Geometry geometry(String wkt) {
        Geometry g;
        try {
            g = new WKTReader().read(wkt);
        } catch (ParseException | IllegalArgumentException e) {
            throw new Cql2Exception("the geometry literal is not valid WKT (" + e.getMessage() + ")");
        }
        for (var c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) throw new Cql2Exception("the geometry literal has a coordinate that is not a finite number");
        }
        if (!g.isValid()) throw new Cql2Exception("the geometry literal is not a valid geometry (rings must close and must not cross themselves)");
        return g;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) throw new Cql2Exception("the filter nests deeper than " + MAX_DEPTH + " levels");
    }

    private void advance() {
        tok = lexer.next();
    }

    private boolean acceptWord(String keyword) {
        if (!tok.isWord(keyword)) return false;
        advance();
        return true;
    }

    private void expect(Kind kind, String what) {
        if (!tok.is(kind)) throw unexpected(what);
        advance();
    }

    private Cql2Exception unexpected(String expected) {
        return Cql2Lexer.error(tok.start(), "expected " + expected + ", found " + tok.describe());
    }
}
