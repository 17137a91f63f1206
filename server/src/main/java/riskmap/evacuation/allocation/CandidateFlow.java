package riskmap.evacuation.allocation;

import java.util.Arrays;

/**
 * Minimum-cost flow of persons from households to shelters over a given set of candidate arcs, plus one
 * "unplaced" arc per household to a shelter of unlimited room that costs {@link #UNPLACED_M} — more than
 * any geodesic on Earth, so a person stays unplaced only when no shelter with room is reachable at all.
 *
 * <p>Successive shortest paths with node potentials: households are taken one by one; Dijkstra on reduced
 * costs over the residual network runs from the household until it settles a shelter with room, the
 * settled nodes' potentials are lowered by their distance short of that shelter's, and the path is
 * augmented. Reduced costs on residual arcs stay non-negative, shelters with room keep potential 0 and
 * full ones at most 0, which with the flow is the optimality certificate {@link ShelterAllocator} checks
 * against the pairs that are not candidates.
 */
final class CandidateFlow {
    /** Cost of one unplaced person: above the longest WGS84 geodesic (about 20,004 km). */
    static final double UNPLACED_M = 25_000_000;

    private final int households, shelters;   // shelter index `shelters` is the unplaced one
    // arcs of household i: start[i] .. start[i+1]-1, the last one to the unplaced shelter
    private final int[] start, arcShelter, arcHousehold, flow;
    private final double[] cost;
    // arcs into real shelter j: inArc[inStart[j] .. inStart[j+1]-1]
    private final int[] inStart, inArc;
    private final int[] room;
    /** Households 0..households-1, then shelters, then the unplaced one. */
    private final double[] potential;

    // Dijkstra scratch, reset through the stamps
    private final double[] dist;
    private final int[] reached, settledAt, prevArc, settled;
    private int stamp, settledCount;
    private final Heap heap = new Heap();

    CandidateFlow(int[][] candidates, double[][] costs, int[] capacity) {
        households = candidates.length;
        shelters = capacity.length;
        start = new int[households + 1];
        for (int i = 0; i < households; i++) start[i + 1] = start[i] + candidates[i].length + 1;
        int arcs = start[households];
        arcShelter = new int[arcs];
        arcHousehold = new int[arcs];
        flow = new int[arcs];
        cost = new double[arcs];
        int[] into = new int[shelters + 1];
        for (int i = 0; i < households; i++) {
            int a = start[i];
            for (int c = 0; c < candidates[i].length; c++, a++) {
                arcShelter[a] = candidates[i][c];
                cost[a] = costs[i][c];
                arcHousehold[a] = i;
                into[candidates[i][c] + 1]++;
            }
            arcShelter[a] = shelters;
            cost[a] = UNPLACED_M;
            arcHousehold[a] = i;
        }
        inStart = new int[shelters + 1];
        for (int j = 0; j < shelters; j++) inStart[j + 1] = inStart[j] + into[j + 1];
        inArc = new int[inStart[shelters]];
        int[] fill = Arrays.copyOf(inStart, shelters);
        for (int a = 0; a < arcs; a++) if (arcShelter[a] < shelters) inArc[fill[arcShelter[a]]++] = a;
        room = capacity.clone();
        int nodes = households + shelters + 1;
        potential = new double[nodes];
        dist = new double[nodes];
        reached = new int[nodes];
        settledAt = new int[nodes];
        prevArc = new int[nodes];
        settled = new int[nodes];
    }

    /** Routes every person of every household (people[i] of household i), to a shelter or to "unplaced". */
    void solve(int[] people) {
        for (int s = 0; s < households; s++) {
            int left = people[s];
            while (left > 0) left -= augment(s, shortestPathToRoom(s), left);
        }
    }

    private int shelterNode(int j) {
        return households + j;
    }

    /** Dijkstra from household s; returns the first shelter node with room that it settles. */
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
            if (u >= households) {
                int j = u - households;
                if (j == shelters || room[j] > 0) {
                    lowerPotentials(d);
                    return u;
                }
                for (int k = inStart[j]; k < inStart[j + 1]; k++) {       // back along arcs with flow
                    int a = inArc[k];
                    if (flow[a] > 0) relax(u, arcHousehold[a], d, -cost[a], a);
                }
            } else {
                for (int a = start[u]; a < start[u + 1]; a++) relax(u, shelterNode(arcShelter[a]), d, cost[a], a);
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

    /** Pushes as many of the household's remaining persons as the path from s to shelter node t allows. */
    private int augment(int s, int t, int left) {
        int amount = left;
        int j = t - households;
        if (j < shelters) amount = Math.min(amount, room[j]);
        for (int v = t; v != s; ) {
            int a = prevArc[v];
            if (v >= households) {
                v = arcHousehold[a];
            } else {
                amount = Math.min(amount, flow[a]);
                v = shelterNode(arcShelter[a]);
            }
        }
        for (int v = t; v != s; ) {
            int a = prevArc[v];
            if (v >= households) {
                flow[a] += amount;
                v = arcHousehold[a];
            } else {
                flow[a] -= amount;
                v = shelterNode(arcShelter[a]);
            }
        }
        if (j < shelters) room[j] -= amount;
        return amount;
    }

    // ---- the answer and its certificate ----

    int households() {
        return households;
    }

    /** Arc range of household i, the unplaced arc excluded. */
    int firstArc(int i) {
        return start[i];
    }

    int endArc(int i) {
        return start[i + 1] - 1;
    }

    int shelterOf(int arc) {
        return arcShelter[arc];
    }

    int flowOf(int arc) {
        return flow[arc];
    }

    double costOf(int arc) {
        return cost[arc];
    }

    int unplaced(int i) {
        return flow[start[i + 1] - 1];
    }

    double householdPotential(int i) {
        return potential[i];
    }

    double shelterPotential(int j) {
        return potential[shelterNode(j)];
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

        /** Removes the least entry, leaves its key in polledKey; never empty here (the unplaced shelter is always reachable). */
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
