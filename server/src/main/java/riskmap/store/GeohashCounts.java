package riskmap.store;

import java.util.ArrayList;
import java.util.List;
import riskmap.store.GeohashCover.Run;

/**
 * numberMatched of a bbox page in geohash order from the counts per geohash cell that the write
 * path keeps (V43 {@code hazard_geohash_count}), for a request whose only filter is the box:
 * the runs of the box's cover that lie inside it are split into whole cells of 4, 5 and 6
 * characters, whose counts are summed, and what is left of them (finer than a 6-character cell)
 * and the runs on the box's edge are counted point by point as before. The count's cover is finer
 * than a page's ({@link #COUNT_RUNS}): a cell costs one row whatever it holds, so thinner edge runs
 * read fewer points outside the box for little more. A box of 0.6° over 1,000,000 points: 67 cell
 * rows, 47 points inside and 660 on the edge read, where counting every key read 10,165.
 */
final class GeohashCounts {
    /** The cell sizes of V43, coarsest first. */
    private static final int[] CHARS = {4, 5, 6};
    static final int COUNT_RUNS = 256;
    private static final long END = 1L << GeohashCover.BITS;

    /** Cells of {@code chars} characters from {@code from} (inclusive) to {@code to} (exclusive). */
    record Cells(int chars, String from, String to) {
    }

    /** A cover split into whole cells and the runs left to count point by point. */
    record Split(List<Cells> cells, List<Run> rest) {
    }

    private GeohashCounts() {
    }

    static Split split(List<Run> cover) {
        List<Cells> cells = new ArrayList<>();
        List<Run> rest = new ArrayList<>();
        for (Run r : cover) {
            if (!r.inside()) rest.add(r);
            else split(GeohashCover.position(r.from()), r.to() == null ? END : GeohashCover.position(r.to()), 0, cells, rest);
        }
        return new Split(cells, rest);
    }

    /** Positions [from, to) inside the box: the whole cells of the coarsest size, then the ends at the finer ones, then the rest as runs. */
    private static void split(long from, long to, int size, List<Cells> cells, List<Run> rest) {
        if (from >= to) return;
        if (size == CHARS.length) {
            rest.add(new Run(GeohashCover.geohash(from), to == END ? null : GeohashCover.geohash(to), true));
            return;
        }
        int chars = CHARS[size];
        long unit = 1L << (GeohashCover.BITS - 5 * chars);
        long first = (from + unit - 1) / unit * unit, end = to / unit * unit;
        if (first >= end) {
            split(from, to, size + 1, cells, rest);
            return;
        }
        cells.add(new Cells(chars, GeohashCover.geohash(first).substring(0, chars), end == END ? PageOrder.PAST_LAST : GeohashCover.geohash(end).substring(0, chars)));
        split(from, first, size + 1, cells, rest);
        split(end, to, size + 1, cells, rest);
    }

    /**
     * The same cells as those of the finest size: a range of coarser cells is the range of their
     * 6-character cells too, its bounds read as prefixes. They say more closely where points lie.
     */
    static List<Cells> finest(List<Cells> cells) {
        int chars = CHARS[CHARS.length - 1];
        return cells.stream().map(x -> new Cells(chars, x.from(), x.to())).toList();
    }

    /**
     * The number of matches of {@code c} in {@code cover} (runs inside the region and on its edge,
     * which {@code order}'s edge test decides), whose own filters are {@code filters} (the box,
     * and nothing a cell's count does not know): a scalar subquery.
     */
    static SqlFragment count(FeatureCollection c, List<SqlFragment> filters, PageOrder order, List<Run> cover) {
        Split s = split(cover);
        SqlFragment rest = order.over(s.rest()).runs(c, filters, SqlFragment.EMPTY, "1", "", false);
        SqlFragment cells = cellRows(s.cells(), c);
        List<Object> binds = new ArrayList<>(cells.binds());
        binds.addAll(rest.binds());
        return new SqlFragment("((SELECT coalesce(sum(g.n), 0) FROM " + cells.sql() + ")"
                + " + (SELECT count(*) FROM " + rest.sql() + "))", binds);
    }

    /**
     * A FROM item of the count rows ({@code g.cell}, {@code g.n}) of {@code cells}, of the
     * category of {@code c} if it has one. LATERAL, kept a subquery: one index range per cell
     * range, where a join let the planner hash the ranges and read the whole table (10M points:
     * 486 ms).
     */
    static SqlFragment cellRows(List<Cells> cells, FeatureCollection c) {
        List<Object> binds = new ArrayList<>(List.of(
                cells.stream().map(x -> Integer.toString(x.chars())).toArray(String[]::new),
                cells.stream().map(Cells::from).toArray(String[]::new),
                cells.stream().map(Cells::to).toArray(String[]::new)));
        String category = "";
        if (c.category() != null) {
            category = " AND g.category = ?";
            binds.add(c.category());
        }
        return new SqlFragment("unnest(?::smallint[], ?::text[], ?::text[]) s(chars, from_cell, to_cell)"
                + " CROSS JOIN LATERAL (SELECT g.cell, g.n FROM hazard_geohash_count g"
                + " WHERE g.chars = s.chars AND g.cell >= s.from_cell AND g.cell < s.to_cell" + category + " OFFSET 0) g", binds); // OFFSET 0: not pulled up into a join
    }
}
