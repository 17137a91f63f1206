package riskmap.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.io.WKTWriter;
import riskmap.auth.Visibility;
import riskmap.cql2.Expr;
import riskmap.cql2.Operand;
import riskmap.domain.ApiException;

/**
 * Translates a CQL2 {@link Expr} into a WHERE fragment over table alias {@code t}, every literal a
 * bound value.
 *
 * <p>Property names are looked up in the collection's columns (plus {@code id} and
 * {@code geometry}); an unknown one, or personal data for an anonymous caller, is refused with
 * 400 naming it. Operand types are checked before SQL exists (text with text, numbers with
 * numbers, times with TIMESTAMP/DATE or RFC 3339 text, geometries only in spatial functions), so a
 * filter that type-checks cannot make PostgreSQL fail. Geometry literals are in the filter CRS
 * ({@code filter-crs}, CRS84 by default) and are transformed to the storage CRS in SQL.
 */
public final class Cql2Sql {
    private enum Type { TEXT, NUMBER, TIME, DATE, BOOL, GEOMETRY }

    private record Typed(String sql, List<Object> binds, Type type, Operand source) {
        SqlFragment fragment() {
            return new SqlFragment(sql, binds);
        }
    }

    private static final Map<String, String> SPATIAL = Map.of("S_INTERSECTS", "ST_Intersects", "S_WITHIN", "ST_Within",
            "S_CONTAINS", "ST_Contains", "S_DISJOINT", "ST_Disjoint", "S_EQUALS", "ST_Equals", "S_TOUCHES", "ST_Touches",
            "S_CROSSES", "ST_Crosses", "S_OVERLAPS", "ST_Overlaps");

    private final FeatureCollection collection;
    private final Visibility visibility;
    private final int filterSrid;
    private final boolean filterLatLon;

    private Cql2Sql(FeatureCollection collection, Visibility visibility, int filterSrid, boolean filterLatLon) {
        this.collection = collection;
        this.visibility = visibility;
        this.filterSrid = filterSrid;
        this.filterLatLon = filterLatLon;
    }

    /**
     * @param filterSrid   SRID of geometry literals (4326 for CRS84)
     * @param filterLatLon true when literals are written latitude first (EPSG:4326, EPSG:4490)
     */
    public static SqlFragment where(Expr e, FeatureCollection c, Visibility v, int filterSrid, boolean filterLatLon) {
        return new Cql2Sql(c, v, filterSrid, filterLatLon).expr(e);
    }

    private SqlFragment expr(Expr e) {
        if (e instanceof Expr.And a) return group(a.terms(), " AND ");
        if (e instanceof Expr.Or o) return group(o.terms(), " OR ");
        if (e instanceof Expr.Not n) return wrap("NOT (", expr(n.term()), ")");
        if (e instanceof Expr.Literal l) return SqlFragment.of(l.value() ? "TRUE" : "FALSE");
        if (e instanceof Expr.Comparison c) return comparison(c);
        if (e instanceof Expr.Like l) return like(l);
        if (e instanceof Expr.Between b) return between(b);
        if (e instanceof Expr.In in) return in(in);
        if (e instanceof Expr.IsNull n) {
            Typed v = operand(n.value());
            return new SqlFragment(v.sql() + (n.negated() ? " IS NOT NULL" : " IS NULL"), v.binds());
        }
        return spatial((Expr.Spatial) e);
    }

    private SqlFragment group(List<Expr> terms, String op) {
        List<SqlFragment> parts = new ArrayList<>();
        for (Expr t : terms) parts.add(wrap("(", expr(t), ")"));
        return SqlFragment.join(op, parts);
    }

    private static SqlFragment wrap(String before, SqlFragment f, String after) {
        return new SqlFragment(before + f.sql() + after, f.binds());
    }

    private SqlFragment comparison(Expr.Comparison c) {
        Typed[] lr = unify(operand(c.left()), operand(c.right()), c.op());
        Type type = lr[0].type();
        boolean ordering = !c.op().equals("=") && !c.op().equals("<>");
        if (type == Type.GEOMETRY) throw invalid("geometries are compared with spatial functions such as S_INTERSECTS(geometry, POINT(106.5 29.5)), not with " + c.op());
        if (ordering && type == Type.BOOL) throw invalid("TRUE and FALSE can only be compared with = or <>");
        return concat(lr[0], " " + c.op() + " ", lr[1]);
    }

    private SqlFragment like(Expr.Like l) {
        Typed v = operand(l.value());
        if (v.type() != Type.TEXT) throw invalid(describe(v) + " is not text: LIKE works on text properties such as name");
        String pattern = l.pattern().value();
        checkText(pattern);
        int trailing = 0;
        for (int i = pattern.length() - 1; i >= 0 && pattern.charAt(i) == '\\'; i--) trailing++;
        if (trailing % 2 == 1) throw invalid("the LIKE pattern '" + pattern + "' ends with an escape character \\; write \\\\ for a backslash");
        String p = l.value() instanceof Operand.CaseInsensitive ? "lower(?)" : "?";
        List<Object> binds = new ArrayList<>(v.binds());
        binds.add(pattern);
        return new SqlFragment(v.sql() + (l.negated() ? " NOT LIKE " : " LIKE ") + p, binds);
    }

    private SqlFragment between(Expr.Between b) {
        Typed v = operand(b.value());
        Typed[] low = unify(v, operand(b.low()), "BETWEEN");
        Typed[] high = unify(v, operand(b.high()), "BETWEEN");
        if (low[0].type() == Type.GEOMETRY || low[0].type() == Type.BOOL) throw invalid("BETWEEN works on numbers, text and times");
        List<Object> binds = new ArrayList<>(low[0].binds());
        binds.addAll(low[1].binds());
        binds.addAll(high[1].binds());
        return new SqlFragment(low[0].sql() + (b.negated() ? " NOT BETWEEN " : " BETWEEN ") + low[1].sql() + " AND " + high[1].sql(), binds);
    }

    private SqlFragment in(Expr.In in) {
        Typed v = operand(in.value());
        List<Object> binds = new ArrayList<>();
        List<String> items = new ArrayList<>();
        String valueSql = null;
        for (Operand o : in.list()) {
            Typed[] pair = unify(v, operand(o), "IN");
            if (pair[0].type() == Type.GEOMETRY) throw invalid("IN does not work on geometries");
            if (valueSql == null) {
                valueSql = pair[0].sql();
                binds.addAll(pair[0].binds());
            }
            items.add(pair[1].sql());
            binds.addAll(pair[1].binds());
        }
        return new SqlFragment(valueSql + (in.negated() ? " NOT IN (" : " IN (") + String.join(", ", items) + ")", binds);
    }

    private SqlFragment spatial(Expr.Spatial s) {
        Typed a = operand(s.left());
        Typed b = operand(s.right());
        for (Typed x : new Typed[] {a, b}) {
            if (x.type() != Type.GEOMETRY) throw invalid(s.function() + " takes geometries (the property geometry or a literal such as POINT(106.5 29.5) or BBOX(106,29,107,30)), got " + describe(x));
        }
        List<Object> binds = new ArrayList<>(a.binds());
        binds.addAll(b.binds());
        return new SqlFragment(SPATIAL.get(s.function()) + "(" + a.sql() + ", " + b.sql() + ")", binds);
    }

    private static SqlFragment concat(Typed a, String op, Typed b) {
        List<Object> binds = new ArrayList<>(a.binds());
        binds.addAll(b.binds());
        return new SqlFragment(a.sql() + op + b.sql(), binds);
    }

    /** Makes the two operands comparable, or refuses: a time with DATE compares by UTC day, with text by parsing it. */
    private Typed[] unify(Typed a, Typed b, String op) {
        if (a.type() == b.type()) return new Typed[] {a, b};
        if (a.type() == Type.TIME && b.type() == Type.DATE) return new Typed[] {utcDay(a), b};
        if (a.type() == Type.DATE && b.type() == Type.TIME) return new Typed[] {a, utcDay(b)};
        if (a.type() == Type.TIME && b.source() instanceof Operand.Text t) return new Typed[] {a, timeFromText(t)};
        if (b.type() == Type.TIME && a.source() instanceof Operand.Text t) return new Typed[] {timeFromText(t), b};
        throw invalid("cannot compare " + describe(a) + " with " + describe(b) + " using " + op
                + ": compare text with 'quoted text', numbers with numbers, times with TIMESTAMP('2024-05-01T08:00:00Z') or DATE('2024-05-01')");
    }

    private static Typed utcDay(Typed time) {
        return new Typed("((" + time.sql() + ") AT TIME ZONE 'UTC')::date", time.binds(), Type.DATE, time.source());
    }

    private static Typed timeFromText(Operand.Text t) {
        try {
            Instant i = OffsetDateTime.parse(t.value()).toInstant();
            return new Typed("?", List.of(i.atOffset(ZoneOffset.UTC)), Type.TIME, t);
        } catch (DateTimeParseException e) {
            throw invalid("'" + t.value() + "' is not an RFC 3339 date-time such as 2024-05-01T08:00:00Z");
        }
    }

    private Typed operand(Operand o) {
        if (o instanceof Operand.Property p) return property(p);
        if (o instanceof Operand.Text t) {
            checkText(t.value());
            return new Typed("?", List.of(t.value()), Type.TEXT, o);
        }
        if (o instanceof Operand.Number n) return new Typed("?", List.of(n.value()), Type.NUMBER, o);
        if (o instanceof Operand.Bool b) return new Typed("?", List.of(b.value()), Type.BOOL, o);
        if (o instanceof Operand.Timestamp ts) return new Typed("?", List.of(ts.value().atOffset(ZoneOffset.UTC)), Type.TIME, o);
        if (o instanceof Operand.Date d) return new Typed("?", List.of(d.value()), Type.DATE, o);
        if (o instanceof Operand.Geometry g) {
            return new Typed(toStorage("ST_GeomFromText(?, " + filterSrid + ")", true), List.of(new WKTWriter().write(g.value())), Type.GEOMETRY, o);
        }
        if (o instanceof Operand.Bbox b) {
            List<Object> binds = filterLatLon ? List.of(b.minY(), b.minX(), b.maxY(), b.maxX()) : List.of(b.minX(), b.minY(), b.maxX(), b.maxY());
            return new Typed(toStorage("ST_MakeEnvelope(?, ?, ?, ?, " + filterSrid + ")", false), binds, Type.GEOMETRY, o);
        }
        Typed inner = operand(((Operand.CaseInsensitive) o).value());
        if (inner.type() != Type.TEXT) throw invalid("CASEI takes text, got " + describe(inner));
        return new Typed("lower(" + inner.sql() + ")", inner.binds(), Type.TEXT, o);
    }

    /** Geometry literal SQL in the filter CRS → storage CRS (EPSG:4326, lon/lat). */
    private String toStorage(String literal, boolean mayFlip) {
        String g = mayFlip && filterLatLon ? "ST_FlipCoordinates(" + literal + ")" : literal;
        return filterSrid == 4326 ? g : "ST_Transform(" + g + ", 4326)";
    }

    private Typed property(Operand.Property p) {
        String name = p.name();
        if (name.equals("geometry")) return new Typed("t.geom", List.of(), Type.GEOMETRY, p);
        if (name.equals("id")) return new Typed("t.id", List.of(), Type.TEXT, p);
        Column col = collection.column(name).orElseThrow(() -> invalid("unknown property '" + name + "' in collection "
                + collection.id() + "; queryable properties are listed at /ogc/collections/" + collection.id() + "/queryables"));
        if (col.personal() && !visibility.anyPersonal()) throw invalid("property '" + name + "' is personal data, readable only by accounts with read_personal");
        Type type = switch (col.type()) {
            case STRING -> Type.TEXT;
            case INTEGER -> Type.NUMBER;
            case TIMESTAMP -> Type.TIME;
        };
        // as the caller sees it: a phone outside the caller's scope is NULL here too, so a filter cannot probe it
        return new Typed(FeatureSql.column(col, visibility), List.of(), type, p);
    }

    private static void checkText(String s) {
        if (s.indexOf('\0') >= 0) throw invalid("text literals cannot contain the NUL character");
    }

    private static String describe(Typed t) {
        String what = switch (t.type()) {
            case TEXT -> "text";
            case NUMBER -> "a number";
            case TIME -> "a time";
            case DATE -> "a date";
            case BOOL -> "a boolean";
            case GEOMETRY -> "a geometry";
        };
        return t.source() instanceof Operand.Property p ? p.name() + " (" + what + ")" : what;
    }

    private static ApiException invalid(String detail) {
        return ApiException.invalidParameter("filter", detail);
    }
}
