package riskmap.cql2;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A value inside a predicate: a property reference or a literal. */
public sealed interface Operand {
    /** A property (queryable) name, exactly as written (quotes removed). */
    record Property(String name) implements Operand {
    }

    record Text(String value) implements Operand {
    }

    record Number(BigDecimal value) implements Operand {
    }

    record Bool(boolean value) implements Operand {
    }

    /** {@code TIMESTAMP('2024-05-01T08:00:00Z')} */
    record Timestamp(Instant value) implements Operand {
    }

    /** {@code DATE('2024-05-01')} */
    record Date(LocalDate value) implements Operand {
    }

    /** A WKT geometry literal ({@code POINT(…)}, {@code POLYGON(…)}, …), checked valid. */
    record Geometry(org.locationtech.jts.geom.Geometry value) implements Operand {
    }

    /** {@code BBOX(minx, miny, maxx, maxy)}; a 6-number form has its heights dropped. */
    record Bbox(double minX, double minY, double maxX, double maxY) implements Operand {
    }

    /** {@code CASEI(operand)}: compare without regard to letter case. */
    record CaseInsensitive(Operand value) implements Operand {
    }
}
