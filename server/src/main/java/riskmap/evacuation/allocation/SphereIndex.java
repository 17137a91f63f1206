package riskmap.evacuation.allocation;

import java.util.function.IntConsumer;

/**
 * Points on the mean-radius sphere as unit vectors in a 3-D k-d tree: the k nearest and all within a
 * great-circle radius. Great-circle order equals chord order, so the tree works on straight 3-D
 * distances. {@link #lowerBoundM} turns a sphere distance into a floor of the WGS84 geodesic.
 */
final class SphereIndex {
    static final double MEAN_RADIUS_M = 6_371_008.8;
    /** The WGS84 geodesic and the great circle on the mean-radius sphere differ by less than 0.6 %; 0.99 leaves room. */
    private static final double GEODESIC_FLOOR = 0.99;

    private final double[] x, y, z;
    /** Tree order: the point at position mid of a range [lo, hi) splits it on axis[mid]. */
    private final int[] order;
    private final byte[] axis;

    SphereIndex(double[] lon, double[] lat) {
        int n = lon.length;
        x = new double[n];
        y = new double[n];
        z = new double[n];
        for (int i = 0; i < n; i++) {
            double[] v = unit(lon[i], lat[i]);
            x[i] = v[0];
            y[i] = v[1];
            z[i] = v[2];
        }
        order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        axis = new byte[n];
        build(0, n);
    }

    static double[] unit(double lon, double lat) {
        double la = Math.toRadians(lat), lo = Math.toRadians(lon);
        return new double[]{Math.cos(la) * Math.cos(lo), Math.cos(la) * Math.sin(lo), Math.sin(la)};
    }

    /** A distance no WGS84 geodesic between the two points is shorter than, from the unit vector q to point j. */
    double lowerBoundM(double[] q, int j) {
        double chord = Math.sqrt(sq(q[0] - x[j]) + sq(q[1] - y[j]) + sq(q[2] - z[j]));
        return GEODESIC_FLOOR * MEAN_RADIUS_M * 2 * Math.asin(Math.min(1, chord / 2));
    }

    /** The k points nearest to q (fewer when there are fewer), nearest first. */
    int[] nearest(double[] q, int k) {
        k = Math.min(k, order.length);
        int[] best = new int[k];
        if (k == 0) return best;
        double[] bestD = new double[k];
        int[] size = {0};
        nearest(q, 0, order.length, k, best, bestD, size);
        return best;
    }

    /** Every point whose geodesic floor ({@link #lowerBoundM}) from q is below {@code metres}. */
    void within(double[] q, double metres, IntConsumer out) {
        double angle = metres / (GEODESIC_FLOOR * MEAN_RADIUS_M);
        if (angle >= Math.PI) {
            for (int j = 0; j < order.length; j++) out.accept(j);
            return;
        }
        double chord = 2 * Math.sin(angle / 2);
        within(q, 0, order.length, chord * chord, out);
    }

    private void build(int lo, int hi) {
        if (hi - lo <= 1) return;
        int a = widestAxis(lo, hi), mid = (lo + hi) >>> 1;
        select(lo, hi - 1, mid, a);
        axis[mid] = (byte) a;
        build(lo, mid);
        build(mid + 1, hi);
    }

    private int widestAxis(int lo, int hi) {
        double[] min = {1, 1, 1}, max = {-1, -1, -1};
        for (int i = lo; i < hi; i++) {
            for (int a = 0; a < 3; a++) {
                double c = coord(order[i], a);
                min[a] = Math.min(min[a], c);
                max[a] = Math.max(max[a], c);
            }
        }
        int a = 0;
        for (int b = 1; b < 3; b++) if (max[b] - min[b] > max[a] - min[a]) a = b;
        return a;
    }

    /** Quickselect: order[k] becomes the point of rank k on axis a within order[lo..hi]. */
    private void select(int lo, int hi, int k, int a) {
        while (lo < hi) {
            double pivot = coord(order[(lo + hi) >>> 1], a);
            int i = lo, j = hi;
            while (i <= j) {
                while (coord(order[i], a) < pivot) i++;
                while (coord(order[j], a) > pivot) j--;
                if (i <= j) {
                    int t = order[i];
                    order[i++] = order[j];
                    order[j--] = t;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return;
        }
    }

    private double coord(int p, int a) {
        return a == 0 ? x[p] : a == 1 ? y[p] : z[p];
    }

    private double chord2(double[] q, int p) {
        return sq(q[0] - x[p]) + sq(q[1] - y[p]) + sq(q[2] - z[p]);
    }

    /** best/bestD hold a max-heap of the size[0] nearest so far, the farthest at 0; sorted nearest first at the end. */
    private void nearest(double[] q, int lo, int hi, int k, int[] best, double[] bestD, int[] size) {
        boolean top = lo == 0 && hi == order.length;
        if (lo < hi) {
            int mid = (lo + hi) >>> 1, p = order[mid];
            double d = chord2(q, p);
            if (size[0] < k) {
                siftUp(best, bestD, size[0]++, p, d);
            } else if (d < bestD[0]) {
                siftDown(best, bestD, size[0], p, d);
            }
            double diff = q[axis[mid]] - coord(p, axis[mid]);
            boolean leftFirst = diff < 0;
            nearest(q, leftFirst ? lo : mid + 1, leftFirst ? mid : hi, k, best, bestD, size);
            if (size[0] < k || diff * diff < bestD[0]) nearest(q, leftFirst ? mid + 1 : lo, leftFirst ? hi : mid, k, best, bestD, size);
        }
        if (top) {
            for (int n = size[0] - 1; n > 0; n--) {      // heap sort: farthest moves to the end
                int p = best[0];
                double d = bestD[0];
                siftDown(best, bestD, n, best[n], bestD[n]);
                best[n] = p;
                bestD[n] = d;
            }
        }
    }

    private static void siftUp(int[] heap, double[] key, int i, int p, double d) {
        while (i > 0 && key[(i - 1) / 2] < d) {
            heap[i] = heap[(i - 1) / 2];
            key[i] = key[(i - 1) / 2];
            i = (i - 1) / 2;
        }
        heap[i] = p;
        key[i] = d;
    }

    /** Replaces the root of a max-heap of size n with (p, d). */
    private static void siftDown(int[] heap, double[] key, int n, int p, double d) {
        int i = 0;
        while (2 * i + 1 < n) {
            int c = 2 * i + 1;
            if (c + 1 < n && key[c + 1] > key[c]) c++;
            if (key[c] <= d) break;
            heap[i] = heap[c];
            key[i] = key[c];
            i = c;
        }
        heap[i] = p;
        key[i] = d;
    }

    private void within(double[] q, int lo, int hi, double r2, IntConsumer out) {
        if (lo >= hi) return;
        int mid = (lo + hi) >>> 1, p = order[mid];
        if (chord2(q, p) < r2) out.accept(p);
        double diff = q[axis[mid]] - coord(p, axis[mid]);
        if (diff < 0 || diff * diff < r2) within(q, lo, mid, r2, out);
        if (diff >= 0 || diff * diff < r2) within(q, mid + 1, hi, r2, out);
    }

    private static double sq(double v) {
        return v * v;
    }
}
