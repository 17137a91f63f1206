package riskmap.evacuation.allocation;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sends households to shelters so that as many persons as possible get a place (maximum flow) and,
 * among those, the total of persons × geodesic (WGS84) metres is minimal (minimum cost). Flow is counted
 * in persons, so a household may be split over shelters.
 *
 * <p>Method: a min-cost flow ({@link CandidateFlow}) over candidate pairs only — each household's
 * {@link #NEAREST} nearest shelters — then a proof over all pairs: with the flow's node potentials,
 * every pair left out must have a non-negative reduced cost. The index ({@link SphereIndex}) finds the
 * few pairs that could break this (those nearer than the household's potential allows); those that do
 * are added and the flow is solved again, until none remains. The answer is then the exact optimum over
 * all households × shelters ({@code optimal=true}); only if {@link #MAX_ROUNDS} rounds did not
 * settle it is the last one returned with {@code optimal=false}.
 */
public final class ShelterAllocator {
    /** Candidate shelters per household in the first round. */
    static final int NEAREST = 10;
    static final int MAX_ROUNDS = 30;
    /** Metres of rounding allowed in a reduced cost before a pair counts as one that would lower the cost. */
    private static final double TOLERANCE_M = 1e-4;

    private ShelterAllocator() {}

    public static Allocation allocate(List<Demand> demands, List<Supply> supplies) {
        validate(demands, supplies);
        List<Supply> open = supplies.stream().filter(s -> s.capacity() > 0).toList();
        SphereIndex index = new SphereIndex(open.stream().mapToDouble(Supply::lon).toArray(),
                open.stream().mapToDouble(Supply::lat).toArray());
        Candidates candidates = new Candidates(demands, open, index);
        int[] people = demands.stream().mapToInt(Demand::people).toArray();
        int[] capacity = open.stream().mapToInt(Supply::capacity).toArray();
        for (int round = 1; ; round++) {
            CandidateFlow flow = new CandidateFlow(candidates.shelters, candidates.metres, capacity);
            flow.solve(people);
            boolean proven = candidates.addPairsThatWouldLowerTheCost(flow) == 0;
            if (proven || round == MAX_ROUNDS) return toAllocation(demands, open, flow, proven, round, candidates.pairs());
        }
    }

    static double metres(double lon1, double lat1, double lon2, double lat2) {
        return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, GeodesicMask.DISTANCE).s12;
    }

    /** Each household's candidate shelters with their geodesic metres; grows by the pairs the proof finds. */
    private static final class Candidates {
        final int[][] shelters;
        final double[][] metres;
        /** No shelter outside the first round's nearest ones is nearer than this (a geodesic floor). */
        private final double[] beyondNearest;
        private final List<Demand> demands;
        private final List<Supply> open;
        private final SphereIndex index;
        private final double[][] unit;

        Candidates(List<Demand> demands, List<Supply> open, SphereIndex index) {
            this.demands = demands;
            this.open = open;
            this.index = index;
            int n = demands.size(), k = Math.min(NEAREST, open.size());
            shelters = new int[n][];
            metres = new double[n][];
            beyondNearest = new double[n];
            unit = new double[n][];
            for (int i = 0; i < n; i++) {
                Demand d = demands.get(i);
                unit[i] = SphereIndex.unit(d.lon(), d.lat());
                shelters[i] = index.nearest(unit[i], k);
                metres[i] = new double[k];
                for (int c = 0; c < k; c++) metres[i][c] = metres(d, shelters[i][c]);
                beyondNearest[i] = k < open.size() ? index.lowerBoundM(unit[i], shelters[i][k - 1]) : Double.POSITIVE_INFINITY;
            }
        }

        private double metres(Demand d, int j) {
            Supply s = open.get(j);
            return ShelterAllocator.metres(d.lon(), d.lat(), s.lon(), s.lat());
        }

        long pairs() {
            long p = 0;
            for (int[] s : shelters) p += s.length;
            return p;
        }

        /**
         * Adds every pair outside the candidates whose reduced cost c + π(household) − π(shelter) is negative
         * and returns how many. Since π(shelter) is at most the highest shelter potential, only shelters nearer
         * than that minus π(household) can qualify; the index lists those by a geodesic floor.
         */
        int addPairsThatWouldLowerTheCost(CandidateFlow flow) {
            double highest = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < open.size(); j++) highest = Math.max(highest, flow.shelterPotential(j));
            int added = 0;
            for (int i = 0; i < shelters.length; i++) {
                double pi = flow.householdPotential(i), reach = highest - pi;
                if (reach <= TOLERANCE_M || beyondNearest[i] >= reach) continue;
                int house = i;
                List<Integer> found = new ArrayList<>();
                index.within(unit[i], reach, j -> {
                    double floor = index.lowerBoundM(unit[house], j) + pi - flow.shelterPotential(j);
                    if (floor < 0 && !contains(shelters[house], j)
                            && metres(demands.get(house), j) + pi - flow.shelterPotential(j) < -TOLERANCE_M) {
                        found.add(j);
                    }
                });
                if (found.isEmpty()) continue;
                int had = shelters[i].length;
                shelters[i] = Arrays.copyOf(shelters[i], had + found.size());
                metres[i] = Arrays.copyOf(metres[i], had + found.size());
                for (int f = 0; f < found.size(); f++) {
                    shelters[i][had + f] = found.get(f);
                    metres[i][had + f] = metres(demands.get(i), found.get(f));
                }
                added += found.size();
            }
            return added;
        }

        private static boolean contains(int[] list, int j) {
            for (int v : list) if (v == j) return true;
            return false;
        }
    }

    private static Allocation toAllocation(List<Demand> demands, List<Supply> open, CandidateFlow flow, boolean optimal,
                                           int rounds, long pairs) {
        List<Assignment> assignments = new ArrayList<>();
        List<Unplaced> unplaced = new ArrayList<>();
        double total = 0;
        int split = 0;
        for (int i = 0; i < demands.size(); i++) {
            String id = demands.get(i).id();
            int parts = 0;
            for (int a = flow.firstArc(i); a < flow.endArc(i); a++) {
                if (flow.flowOf(a) == 0) continue;
                assignments.add(new Assignment(id, open.get(flow.shelterOf(a)).id(), flow.flowOf(a), flow.costOf(a)));
                total += flow.flowOf(a) * flow.costOf(a);
                parts++;
            }
            if (parts > 1) split++;
            if (flow.unplaced(i) > 0) unplaced.add(new Unplaced(id, flow.unplaced(i)));
        }
        return new Allocation(List.copyOf(assignments), List.copyOf(unplaced), total, split, optimal, rounds, pairs);
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
}
