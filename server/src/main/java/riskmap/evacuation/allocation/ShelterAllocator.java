package riskmap.evacuation.allocation;

import net.sf.geographiclib.Geodesic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sends households to shelters so that as many persons as possible get a place (maximum flow) and,
 * among those, the total of persons × geodesic metres is minimal (minimum cost). Flow is counted in
 * persons, so a household may be split over shelters.
 *
 * <p>Method: successive shortest paths on the dense bipartite network source → household → shelter → sink,
 * Dijkstra with node potentials (reduced costs stay non-negative, so each augmentation follows a
 * shortest path and the final flow is a min-cost max-flow — exact, hence {@code optimal=true}).
 */
public final class ShelterAllocator {

    private ShelterAllocator() {}

    public static Allocation allocate(List<Demand> demands, List<Supply> supplies) {
        validate(demands, supplies);
        int nd = demands.size(), ns = supplies.size();
        double[][] dist = new double[nd][ns];
        for (int i = 0; i < nd; i++) {
            Demand d = demands.get(i);
            for (int j = 0; j < ns; j++) {
                Supply s = supplies.get(j);
                dist[i][j] = Geodesic.WGS84.Inverse(d.lat(), d.lon(), s.lat(), s.lon()).s12;
            }
        }
        int[][] flow = new MinCostFlow(demands, supplies, dist).solve();
        return toAllocation(demands, supplies, dist, flow);
    }

    private static Allocation toAllocation(List<Demand> demands, List<Supply> supplies, double[][] dist, int[][] flow) {
        List<Assignment> assignments = new ArrayList<>();
        List<Unplaced> unplaced = new ArrayList<>();
        double total = 0;
        int split = 0;
        for (int i = 0; i < demands.size(); i++) {
            Demand d = demands.get(i);
            int placed = 0, shelters = 0;
            for (int j = 0; j < supplies.size(); j++) {
                if (flow[i][j] == 0) continue;
                assignments.add(new Assignment(d.id(), supplies.get(j).id(), flow[i][j], dist[i][j]));
                total += flow[i][j] * dist[i][j];
                placed += flow[i][j];
                shelters++;
            }
            if (shelters > 1) split++;
            if (placed < d.people()) unplaced.add(new Unplaced(d.id(), d.people() - placed));
        }
        return new Allocation(List.copyOf(assignments), List.copyOf(unplaced), total, split, true);
    }

    private static void validate(List<Demand> demands, List<Supply> supplies) {
        if (demands == null || supplies == null) throw new IllegalArgumentException("demands and supplies are required");
        for (Demand d : demands) {
            if (d == null || d.id() == null) throw new IllegalArgumentException("every household needs an id");
            checkPoint("household " + d.id(), d.lon(), d.lat());
            if (d.people() < 1) {
                throw new IllegalArgumentException("household " + d.id() + " has people=" + d.people() + "; give at least 1");
            }
        }
        for (Supply s : supplies) {
            if (s == null || s.id() == null) throw new IllegalArgumentException("every shelter needs an id");
            checkPoint("shelter " + s.id(), s.lon(), s.lat());
            if (s.capacity() < 0) {
                throw new IllegalArgumentException("shelter " + s.id() + " has capacity=" + s.capacity() + "; give 0 or more");
            }
        }
    }

    private static void checkPoint(String what, double lon, double lat) {
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException(what + " has coordinates (" + lon + ", " + lat
                    + "); give lon in [-180, 180] and lat in [-90, 90] (WGS84 degrees)");
        }
    }

    /** Dense successive-shortest-path min-cost max-flow; nodes: 0 source, 1..nd households, then shelters, sink last. */
    private static final class MinCostFlow {
        private final int nd, ns, n, source, sink;
        private final int[] demandLeft, capacityLeft;
        private final double[][] cost;
        private final int[][] flow;
        private final double[] potential;

        MinCostFlow(List<Demand> demands, List<Supply> supplies, double[][] cost) {
            nd = demands.size();
            ns = supplies.size();
            n = nd + ns + 2;
            source = 0;
            sink = n - 1;
            demandLeft = demands.stream().mapToInt(Demand::people).toArray();
            capacityLeft = supplies.stream().mapToInt(Supply::capacity).toArray();
            this.cost = cost;
            flow = new int[nd][ns];
            potential = new double[n];
        }

        int[][] solve() {
            double[] dist = new double[n];
            int[] prev = new int[n];
            while (shortestPath(dist, prev)) {
                for (int v = 0; v < n; v++) if (dist[v] < Double.POSITIVE_INFINITY) potential[v] += dist[v];
                augment(prev);
            }
            return flow;
        }

        private int demandNode(int i) { return 1 + i; }
        private int supplyNode(int j) { return 1 + nd + j; }

        /** Dijkstra on reduced costs over the residual network; false when the sink is unreachable. */
        private boolean shortestPath(double[] dist, int[] prev) {
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            Arrays.fill(prev, -1);
            boolean[] done = new boolean[n];
            PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
            dist[source] = 0;
            queue.add(new double[]{0, source});
            while (!queue.isEmpty()) {
                int u = (int) queue.poll()[1];
                if (done[u]) continue;
                done[u] = true;
                if (u == source) {
                    for (int i = 0; i < nd; i++) if (demandLeft[i] > 0) relax(u, demandNode(i), 0, dist, prev, queue);
                } else if (u <= nd) {
                    int i = u - 1;
                    for (int j = 0; j < ns; j++) relax(u, supplyNode(j), cost[i][j], dist, prev, queue);
                } else if (u != sink) {
                    int j = u - 1 - nd;
                    if (capacityLeft[j] > 0) relax(u, sink, 0, dist, prev, queue);
                    for (int i = 0; i < nd; i++) if (flow[i][j] > 0) relax(u, demandNode(i), -cost[i][j], dist, prev, queue);
                }
            }
            return dist[sink] < Double.POSITIVE_INFINITY;
        }

        private void relax(int u, int v, double arcCost, double[] dist, int[] prev, PriorityQueue<double[]> queue) {
            // reduced costs are >= 0 up to rounding; clamp so rounding never reorders settled nodes
            double d = dist[u] + Math.max(0, arcCost + potential[u] - potential[v]);
            if (d < dist[v]) {
                dist[v] = d;
                prev[v] = u;
                queue.add(new double[]{d, v});
            }
        }

        private void augment(int[] prev) {
            int amount = Integer.MAX_VALUE;
            for (int v = sink; v != source; v = prev[v]) amount = Math.min(amount, residual(prev[v], v));
            for (int v = sink; v != source; v = prev[v]) push(prev[v], v, amount);
        }

        private int residual(int u, int v) {
            if (u == source) return demandLeft[v - 1];
            if (v == sink) return capacityLeft[u - 1 - nd];
            if (u <= nd) return Integer.MAX_VALUE;           // household → shelter: uncapacitated
            return flow[v - 1][u - 1 - nd];                   // shelter → household: undo earlier flow
        }

        private void push(int u, int v, int amount) {
            if (u == source) demandLeft[v - 1] -= amount;
            else if (v == sink) capacityLeft[u - 1 - nd] -= amount;
            else if (u <= nd) flow[u - 1][v - 1 - nd] += amount;
            else flow[v - 1][u - 1 - nd] -= amount;
        }
    }
}
