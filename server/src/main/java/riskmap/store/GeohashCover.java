package riskmap.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The runs of the geohash curve (V41: {@code hazard_point.geohash}, 12 characters) that together
 * hold a lon/lat box: the cells of a quadtree over the curve's bits, refined while they stay
 * within {@link #MAX_RUNS}, then adjacent cells merged. A cell wholly inside the box is a run
 * whose points all match; a cell on its edge a run whose points still need the box test. Every
 * point of the closed box lies in some run; the runs are disjoint and in curve order.
 *
 * <p>Geohash bits alternate longitude (first) and latitude, each halving its interval, 1 for the
 * upper half: a prefix of n bits is a cell, and the strings under it are one range of the index.
 */
public final class GeohashCover {
    /**
     * A run costs an index descent (a few µs); the fewer, the more points of the edge runs lie
     * outside the box and are read for nothing (2.3 index entries per match over 32 runs for a
     * box of 0.6°). 64 was the fastest of 32–512 over the benchmark's boxes, by a little.
     */
    static final int MAX_RUNS = 64;
    static final int BITS = 60;
    private static final String BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz";
    /** Cells are widened by this much before the test that they touch the box, so that float rounding keeps a point on its edge. */
    private static final double MARGIN = 1e-9;

    /**
     * One run: geohashes from {@code from} (inclusive) to {@code to} (exclusive; null: to the end).
     *
     * @param inside every point of the run lies in the box
     */
    public record Run(String from, String to, boolean inside) {
    }

    private record Cell(long prefix, int bits, double minX, double minY, double maxX, double maxY) {
        Cell child(int bit) {
            boolean lon = bits % 2 == 0;
            double mid = lon ? (minX + maxX) / 2 : (minY + maxY) / 2;
            long p = prefix << 1 | bit;
            if (lon) return bit == 1 ? new Cell(p, bits + 1, mid, minY, maxX, maxY) : new Cell(p, bits + 1, minX, minY, mid, maxY);
            return bit == 1 ? new Cell(p, bits + 1, minX, mid, maxX, maxY) : new Cell(p, bits + 1, minX, minY, maxX, mid);
        }

        long first() {
            return prefix << (BITS - bits);
        }

        long end() {
            return (prefix + 1) << (BITS - bits);
        }
    }

    /** What a cover holds, as its cells see it (lon/lat bounds). */
    interface Region {
        /** Whether some point of the region may lie in the cell (erring towards yes). */
        boolean touches(double minX, double minY, double maxX, double maxY);

        /** Whether every point of the cell lies in the region (erring towards no). */
        boolean contains(double minX, double minY, double maxX, double maxY);
    }

    /**
     * Boxes ({minX, minY, maxX, maxY} each); cells are widened by {@link #MARGIN} for the touch test.
     * Plain loops: a cover tests thousands of cells, and a stream per test was a quarter of the
     * JVM's CPU for a small bbox page.
     */
    private record Boxes(double[][] boxes) implements Region {
        @Override
        public boolean touches(double minX, double minY, double maxX, double maxY) {
            for (double[] b : boxes) {
                if (maxX >= b[0] - MARGIN && minX <= b[2] + MARGIN && maxY >= b[1] - MARGIN && minY <= b[3] + MARGIN) return true;
            }
            return false;
        }

        @Override
        public boolean contains(double minX, double minY, double maxX, double maxY) {
            for (double[] b : boxes) {
                if (minX >= b[0] && maxX <= b[2] && minY >= b[1] && maxY <= b[3]) return true;
            }
            return false;
        }
    }

    private GeohashCover() {
    }

    /** The runs holding the box; {@code minX > maxX} crosses the antimeridian (two boxes, one cover). */
    public static List<Run> of(double minX, double minY, double maxX, double maxY) {
        return of(minX, minY, maxX, maxY, MAX_RUNS);
    }

    /** The same in at most {@code maxRuns} cells (before neighbours are merged). */
    static List<Run> of(double minX, double minY, double maxX, double maxY, int maxRuns) {
        double[][] boxes = minX <= maxX ? new double[][] {{minX, minY, maxX, maxY}}
                : new double[][] {{minX, minY, 180, maxY}, {-180, minY, maxX, maxY}};
        return of(new Boxes(boxes), maxRuns);
    }

    /** The runs holding {@code region}, in at most {@code maxRuns} cells (before neighbours are merged). */
    static List<Run> of(Region region, int maxRuns) {
        return runs(pieces(region, maxRuns));
    }

    private record Piece(Cell cell, boolean inside) {
    }

    /** Refines the cells touching the boxes, level by level, while the cover stays within {@code maxRuns} cells. */
    private static List<Piece> pieces(Region region, int maxRuns) {
        List<Cell> inside = new ArrayList<>(), edge = List.of(new Cell(0, 0, -180, -90, 180, 90));
        while (edge.get(0).bits < BITS) {
            List<Cell> nextInside = new ArrayList<>(), nextEdge = new ArrayList<>();
            for (Cell c : edge) {
                for (int bit = 0; bit <= 1; bit++) {
                    Cell child = c.child(bit);
                    if (!region.touches(child.minX, child.minY, child.maxX, child.maxY)) continue;
                    (region.contains(child.minX, child.minY, child.maxX, child.maxY) ? nextInside : nextEdge).add(child);
                }
            }
            if (inside.size() + nextInside.size() + nextEdge.size() > maxRuns) break;
            inside.addAll(nextInside);
            edge = nextEdge;
            if (edge.isEmpty()) break;
        }
        List<Piece> all = new ArrayList<>(inside.stream().map(c -> new Piece(c, true)).toList());
        edge.forEach(c -> all.add(new Piece(c, false)));
        return all;
    }

    /** The cells in curve order, neighbours of the same kind merged into one run. */
    private static List<Run> runs(List<Piece> pieces) {
        pieces.sort(Comparator.comparingLong(p -> p.cell().first()));
        List<Run> runs = new ArrayList<>();
        long from = -1, end = -1;
        boolean in = false;
        for (Piece p : pieces) {
            Cell c = p.cell();
            boolean cin = p.inside();
            if (from >= 0 && c.first() == end && cin == in) {
                end = c.end();
                continue;
            }
            if (from >= 0) runs.add(run(from, end, in));
            from = c.first();
            end = c.end();
            in = cin;
        }
        if (from >= 0) runs.add(run(from, end, in));
        return runs;
    }

    private static Run run(long from, long end, boolean inside) {
        return new Run(geohash(from), end == 1L << BITS ? null : geohash(end), inside);
    }

    /** The 60-bit curve position of a geohash (its first bits; the rest zero). */
    static long position(String geohash) {
        long bits = 0;
        for (int i = 0; i < BITS / 5; i++) bits = bits << 5 | (i < geohash.length() ? BASE32.indexOf(geohash.charAt(i)) : 0);
        return bits;
    }

    /** The 12-character geohash of a 60-bit curve position. */
    static String geohash(long bits) {
        char[] s = new char[BITS / 5];
        for (int i = 0; i < s.length; i++) s[i] = BASE32.charAt((int) (bits >>> (BITS - 5 * (i + 1))) & 31);
        return new String(s);
    }
}
