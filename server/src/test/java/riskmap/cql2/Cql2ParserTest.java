package riskmap.cql2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CQL2 text in, expression tree out; malformed text refused with the position of the problem. */
class Cql2ParserTest {
    private static Operand.Property p(String name) {
        return new Operand.Property(name);
    }

    @Test
    void comparison_with_every_operator() {
        for (String op : List.of("=", "<>", "<", "<=", ">", ">=")) {
            assertEquals(new Expr.Comparison(p("risk_level"), op, new Operand.Number(new BigDecimal("3"))), Cql2Parser.parse("risk_level " + op + " 3"));
        }
        assertEquals(new Expr.Comparison(p("name"), "=", new Operand.Text("O'Brien 滑坡")), Cql2Parser.parse("name='O''Brien 滑坡'"));
        assertEquals(new Expr.Comparison(p("threatened people"), ">", new Operand.Number(new BigDecimal("-1.5e2"))), Cql2Parser.parse("\"threatened people\" > -1.5e2"));
    }

    @Test
    void not_binds_tighter_than_and_which_binds_tighter_than_or() {
        Expr a = new Expr.Comparison(p("a"), "=", new Operand.Number(BigDecimal.ONE));
        Expr b = new Expr.Comparison(p("b"), "=", new Operand.Number(BigDecimal.ONE));
        Expr c = new Expr.Comparison(p("c"), "=", new Operand.Number(BigDecimal.ONE));
        assertEquals(new Expr.Or(List.of(a, new Expr.And(List.of(new Expr.Not(b), c)))), Cql2Parser.parse("a=1 or not b=1 AND c=1"));
        assertEquals(new Expr.And(List.of(new Expr.Or(List.of(a, b)), c)), Cql2Parser.parse("(a=1 OR b=1) AND c=1"));
        assertEquals(new Expr.Literal(true), Cql2Parser.parse("TRUE"));
    }

    @Test
    void like_between_in_and_is_null_with_their_negations() {
        assertEquals(new Expr.Like(p("name"), new Operand.Text("%滑坡%"), false), Cql2Parser.parse("name LIKE '%滑坡%'"));
        assertEquals(new Expr.Like(p("name"), new Operand.Text("a_"), true), Cql2Parser.parse("name NOT LIKE 'a_'"));
        assertEquals(new Expr.Like(new Operand.CaseInsensitive(p("name")), new Operand.Text("AB%"), false), Cql2Parser.parse("CASEI(name) LIKE CASEI('AB%')"));
        assertEquals(new Expr.Between(p("x"), new Operand.Number(BigDecimal.ONE), new Operand.Number(new BigDecimal("3")), true), Cql2Parser.parse("x NOT BETWEEN 1 AND 3"));
        assertEquals(new Expr.In(p("category"), List.of(new Operand.Text("flood"), new Operand.Text("landslide")), false), Cql2Parser.parse("category IN ('flood','landslide')"));
        assertEquals(new Expr.IsNull(p("township"), true), Cql2Parser.parse("township IS NOT NULL"));
    }

    @Test
    void temporal_and_geometry_literals() {
        Expr.Comparison t = (Expr.Comparison) Cql2Parser.parse("updated_at >= TIMESTAMP('2024-01-02T08:00:00+08:00')");
        assertEquals(new Operand.Timestamp(Instant.parse("2024-01-02T00:00:00Z")), t.right());
        assertEquals(new Operand.Date(LocalDate.of(2024, 1, 2)), ((Expr.Comparison) Cql2Parser.parse("updated_at = DATE('2024-01-02')")).right());
        Expr.Spatial s = (Expr.Spatial) Cql2Parser.parse("s_intersects(geometry, POLYGON((106 29, 107 29, 107 30, 106 29)))");
        assertEquals("S_INTERSECTS", s.function());
        assertEquals("POLYGON ((106 29, 107 29, 107 30, 106 29))", ((Operand.Geometry) s.right()).value().toText());
        assertEquals(new Operand.Bbox(106, 29, 107, 30), ((Expr.Spatial) Cql2Parser.parse("S_WITHIN(geometry, BBOX(106, 29, 107, 30))")).right());
        assertEquals(new Operand.Bbox(106, 29, 107, 30), ((Expr.Spatial) Cql2Parser.parse("S_WITHIN(geometry, BBOX(106, 29, 0, 107, 30, 9))")).right());
        assertInstanceOf(Operand.Geometry.class, ((Expr.Spatial) Cql2Parser.parse("S_INTERSECTS(POINT(106.5 29.5), geometry)")).left());
    }

    @Test
    void malformed_filters_say_where_and_what_was_expected() {
        assertMessage("risk_level >", "at character 13: expected a property name or a literal, found the end of the filter");
        assertMessage("name = 'abc", "at character 8: a text literal is not closed");
        assertMessage("(a = 1", "expected ')' to close the parenthesis");
        assertMessage("a = 1 b = 2", "at character 7: expected AND, OR or the end of the filter");
        assertMessage("a BETWEEN 1 OR 2", "expected AND between the two bounds of BETWEEN");
        assertMessage("a LIKE 3", "the pattern after LIKE must be a text literal");
        assertMessage("a IS 3", "expected NULL after IS");
        assertMessage("a ! 3", "unexpected character '!'");
        assertMessage("FOO(a) = 1", "unknown function FOO");
        assertMessage("S_INTERSECTS(geometry, POLYGON((106 29, 107 29, 107 30)))", "not valid WKT");
        assertMessage("S_INTERSECTS(geometry, POLYGON((0 0, 2 2, 2 0, 0 2, 0 0)))", "not a valid geometry");
        assertMessage("S_INTERSECTS(geometry, POINT(1 2)", "expected ')' to close S_INTERSECTS");
        assertMessage("S_INTERSECTS(geometry, BBOX(1,2,3))", "BBOX takes 4 (or 6) numbers, got 3");
        assertMessage("updated_at > TIMESTAMP('yesterday')", "not an RFC 3339 date-time");
        assertMessage("", "the filter is empty");
        assertMessage("(".repeat(100) + "a=1" + ")".repeat(100), "nests deeper than 64 levels");
        assertMessage("NOT ".repeat(100) + "a=1", "nests deeper than 64 levels");
    }

    private static void assertMessage(String filter, String expected) {
        Cql2Exception e = assertThrows(Cql2Exception.class, () -> Cql2Parser.parse(filter), filter);
        assertTrue(e.getMessage().contains(expected), filter + " → " + e.getMessage());
    }
}
