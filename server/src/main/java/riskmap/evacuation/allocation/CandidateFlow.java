package riskmap.evacuation.allocation;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Minimum-cost flow of persons from sources to sinks over given candidate arcs (uncapacitated), plus one
 * arc per source to a "left over" sink of unlimited room that costs {@link #LEFT_OVER_M} — more than any
 * geodesic on Earth, so a person is left over only when no sink with room is reachable at all. The
 * allocator makes sources the sources when the sinks have room for all, and the sinks (their
 * capacity) the sources when they have not: the sources' total is the smaller one, so the searches end
 * at the first sink with room instead of crossing the whole crowd in search of whom to leave out.
 *
 * <p>Successive shortest paths with node potentials: sources are taken one by one; Dijkstra on reduced
 * costs over the residual network runs from the source until it settles a sink with room, the settled
 * nodes' potentials are lowered by their distance short of that sink's, and the path is augmented.
 * Reduced costs c + π(from) − π(to) on residual arcs stay non-negative, sinks with room keep potential 0
 * and full ones at most 0: with the flow, the optimality certificate that {@link ShelterAllocator}
 * checks against the pairs that are not candidates.
 */
final class CandidateFlow {
    /** Cost of one person left over: above the longest WGS84 geodesic (about 20,004 km). */
    static final double LEFT_OVER_M = 25_000_000;

    private final int sources, sinks;   // sink index `sinks` is the left-over one
    // arcs of source i: start[i] .. start[i+1]-1, the last one to the left-over sink
    private final int[] start, arcSink, arcSource, flow;
    private final double[] cost;
    // the arcs carrying persons into real sink j: carrying[j][0 .. carried[j]-1]; an arc's place there in slot[arc]
    private final int[][] carrying;
    private final int[] carried, slot;
    private final int[] room;
    /** Sources 0..sources-1, then sinks, then the left-over one. */
    private final double[] potential;

    // Dijkstra scratch, reset through the stamps
    private final double[] dist;
    private final int[] reached, settledAt, prevArc, settled;
    private int stamp, settledCount;
    private final Heap heap = new Heap();

    /** targets[i] and costs[i]: the candidate sinks of source i and their metres; room[j]: what sink j takes. */
    CandidateFlow(int[][] targets, double[][] costs, int[] room) {
        sources = targets.length;
        sinks = room.length;
        start = new int[sources + 1];
        for (int i = 0; i < sources; i++) start[i + 1] = start[i] + targets[i].length + 1;
        int arcs = start[sources];
        arcSink = new int[arcs];
        arcSource = new int[arcs];
        flow = new int[arcs];
        cost = new double[arcs];
        for (int i = 0; i < sources; i++) {
            int a = start[i];
            for (int c = 0; c < targets[i].length; c++, a++) {
                arcSink[a] = targets[i][c];
                cost[a] = costs[i][c];
                arcSource[a] = i;
            }
            arcSink[a] = sinks;
            cost[a] = LEFT_OVER_M;
            arcSource[a] = i;
        }
        carrying = new int[sinks][4];
        carried = new int[sinks];
        slot = new int[arcs];
        this.room = room.clone();
        int nodes = sources + sinks + 1;
        potential = new double[nodes];
        dist = new double[nodes];
        reached = new int[nodes];
        settledAt = new int[nodes];
        prevArc = new int[nodes];
        settled = new int[nodes];
    }

    /**
     * Routes all amount[i] persons of every source i, to a sink or to "left over". Any order gives the
     * optimum; nearest-first is faster, as a source that later has to give way comes when few searches
     * have yet to cross the crowd in front of it.
     */
    void solve(int[] amount) {
        Integer[] order = new Integer[sources];
        for (int i = 0; i < sources; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(this::nearestCost));
        for (int s : order) {
            int left = amount[s];
            while (left > 0) left -= augment(s, shortestPathToRoom(s), left);
        }
    }

    private double nearestCost(int i) {
        double least = LEFT_OVER_M;
        for (int a = start[i]; a < start[i + 1]; a++) least = Math.min(least, cost[a]);
        return least;
    }

    private int sinkNode(int j) {
        return sources + j;
    }

    /** Dijkstra from source s; returns the first sink node with room that it settles. */
    private int shortestPathToRoom(int s) {
        stamp++;
        settledCount = 0;
        heap.clear();
        reach(s, 0, -1);
        while (true) {
            int u = heap.pollNode();
            double d = heap.polledKey;
            if (settledAt[u] == stamp || d > dist[u]) continue;
            settledAt[u] = stamp;
            settled[settledCount++] = u;
            if (u >= sources) {
                int j = u - sources;
                if (j == sinks || room[j] > 0) {
                    lowerPotentials(d);
                    return u;
                }
                for (int k = 0; k < carried[j]; k++) {       // back along the arcs with flow
                    int a = carrying[j][k];
                    relax(u, arcSource[a], d, -cost[a], a);
                }
            } else {
                for (int a = start[u]; a < start[u + 1]; a++) relax(u, sinkNode(arcSink[a]), d, cost[a], a);
            }
        }
    }

    private void relax(int u, int v, double d, double arcCost, int a) {
        if (settledAt[v] == stamp) return;
        // reduced costs are >= 0 up to rounding; clamped so rounding never reorders settled nodes
        double nd = d + Math.max(0, arcCost + potential[u] - potential[v]);
        if (reached[v] != stamp || nd < dist[v]) reach(v, nd, a);
    }

    private void reach(int v, double d, int a) {
        reached[v] = stamp;
        dist[v] = d;
        prevArc[v] = a;
        heap.add(d, v);
    }

    /** Nodes settled nearer than the target D: potential -= D - d, which keeps every residual reduced cost >= 0. */
    private void lowerPotentials(double target) {
        for (int k = 0; k < settledCount; k++) {
            int v = settled[k];
            potential[v] -= target - dist[v];
        }
    }

    /** Pushes as many of the source's remaining persons as the path from s to sink node t allows. */
    private int augment(int s, int t, int left) {
        int amount = left;
        int j = t - sources;
        if (j < sinks) amount = Math.min(amount, room[j]);
        for (int v = t; v != s; ) {
            int a = prevArc[v];
            if (v >= sources) {
                v = arcSource[a];
            } else {
                amount = Math.min(amount, flow[a]);
                v = sinkNode(arcSink[a]);
            }
        }
        for (int v = t; v != s; ) {
            int a = prevArc[v];
            if (v >= sources) {
                if (flow[a] == 0) startCarrying(a);
                flow[a] += amount;
                v = arcSource[a];
            } else {
                flow[a] -= amount;
                if (flow[a] == 0) stopCarrying(a);
                v = sinkNode(arcSink[a]);
            }
        }
        if (j < sinks) room[j] -= amount;
        return amount;
    }

    private void startCarrying(int a) {
        int j = arcSink[a];
        if (j == sinks) return;                 // the left-over sink is never searched from
        if (carried[j] == carrying[j].length) carrying[j] = Arrays.copyOf(carrying[j], carried[j] * 2);
        slot[a] = carried[j];
        carrying[j][carried[j]++] = a;
    }

    private void stopCarrying(int a) {
        int j = arcSink[a];
        if (j == sinks) return;
        int last = carrying[j][--carried[j]];
        carrying[j][slot[a]] = last;
        slot[last] = slot[a];
    }

    // ---- the answer and its certificate ----

    int sources() {
        return sources;
    }

    /** Arc range of source i, the left-over arc excluded. */
    int firstArc(int i) {
        return start[i];
    }

    int endArc(int i) {
        return start[i + 1] - 1;
    }

    int sinkOf(int arc) {
        return arcSink[arc];
    }

    int flowOf(int arc) {
        return flow[arc];
    }

    double costOf(int arc) {
        return cost[arc];
    }

    double sourcePotential(int i) {
        return potential[i];
    }

    double sinkPotential(int j) {
        return potential[sinkNode(j)];
    }

    /** A binary min-heap of (key, node) with lazy deletion: stale entries are skipped by the caller. */
    private static final class Heap {
        private double[] keys = new double[64];
        private int[] nodes = new int[64];
        private int size;
        double polledKey;

        void clear() {
            size = 0;
        }

        void add(double key, int node) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                nodes = Arrays.copyOf(nodes, size * 2);
            }
            int i = size++;
            while (i > 0 && keys[(i - 1) / 2] > key) {
                keys[i] = keys[(i - 1) / 2];
                nodes[i] = nodes[(i - 1) / 2];
                i = (i - 1) / 2;
            }
            keys[i] = key;
            nodes[i] = node;
        }

        /** Removes the least entry, leaves its key in polledKey; never empty here (the left-over sink is always reachable). */
        int pollNode() {
            int top = nodes[0];
            polledKey = keys[0];
            double key = keys[--size];
            int node = nodes[size];
            int i = 0;
            while (2 * i + 1 < size) {
                int c = 2 * i + 1;
                if (c + 1 < size && keys[c + 1] < keys[c]) c++;
                if (keys[c] >= key) break;
                keys[i] = keys[c];
                nodes[i] = nodes[c];
                i = c;
            }
            keys[i] = key;
            nodes[i] = node;
            return top;
        }
    }
}
