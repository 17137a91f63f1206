package riskmap.evacuation.allocation;

import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The reference for the tests: the earlier production method, kept here as an independent solver — a
 * dense successive-shortest-path min-cost max-flow over every household × shelter pair, with an explicit
 * source and sink (no candidates, no proof rounds, no "unplaced" arcs); {@link #solve(List, List)} gives
 * its answer. Nodes: 0 source, 1..nd households, then shelters, sink last.
 */
final class DenseMinCostFlow {
    private final int nd, ns, n, source, sink;
    private final int[] demandLeft, capacityLeft;
    private final double[][] cost;
    private final int[][] flow;
    private final double[] potential;

    DenseMinCostFlow(List<Demand> demands, List<Supply> supplies, double[][] cost) {
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

    static double[][] distances(List<Demand> demands, List<Supply> supplies) {
        double[][] dist = new double[demands.size()][supplies.size()];
        for (int i = 0; i < demands.size(); i++) {
            for (int j = 0; j < supplies.size(); j++) {
                Demand d = demands.get(i);
                Supply s = supplies.get(j);
                dist[i][j] = net.sf.geographiclib.Geodesic.WGS84.Inverse(d.lat(), d.lon(), s.lat(), s.lon()).s12;
            }
        }
        return dist;
    }

    /** Solves and returns {persons placed, person-metres}. */
    static double[] solve(List<Demand> demands, List<Supply> supplies) {
        double[][] dist = distances(demands, supplies);
        int[][] flow = new DenseMinCostFlow(demands, supplies, dist).solve();
        double cost = 0, placed = 0;
        for (int i = 0; i < flow.length; i++) {
            for (int j = 0; j < supplies.size(); j++) {
                cost += flow[i][j] * dist[i][j];
                placed += flow[i][j];
            }
        }
        return new double[]{placed, cost};
    }
}
