package riskmap.cql2;

import java.util.List;

/**
 * A CQL2 boolean expression: the tree {@link Cql2Parser} produces. Pure data, no SQL: the store
 * translates it ({@code store.Cql2Sql}) after checking every property name against the
 * collection's whitelist.
 */
public sealed interface Expr {
    /** {@code a AND b AND …} */
    record And(List<Expr> terms) implements Expr {
    }

    /** {@code a OR b OR …} */
    record Or(List<Expr> terms) implements Expr {
    }

    record Not(Expr term) implements Expr {
    }

    /** {@code TRUE} or {@code FALSE} used as a whole predicate. */
    record Literal(boolean value) implements Expr {
    }

    /** {@code left op right} with op one of {@code = <> < <= > >=}. */
    record Comparison(Operand left, String op, Operand right) implements Expr {
    }

    /** {@code value [NOT] LIKE pattern}; {@code %} any run, {@code _} one character, {@code \} escapes. */
    record Like(Operand value, Operand.Text pattern, boolean negated) implements Expr {
    }

    record Between(Operand value, Operand low, Operand high, boolean negated) implements Expr {
    }

    record In(Operand value, List<Operand> list, boolean negated) implements Expr {
    }

    record IsNull(Operand value, boolean negated) implements Expr {
    }

    /** {@code S_INTERSECTS(a, b)} and the other spatial functions, {@code function} in upper case. */
    record Spatial(String function, Operand left, Operand right) implements Expr {
    }
}
