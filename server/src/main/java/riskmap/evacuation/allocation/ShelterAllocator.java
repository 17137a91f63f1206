package riskmap.evacuation.allocation;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * are added (the {@link #ADDED_PER_ROUND} most negative per household) and the flow is solved again,
 * until none remains. The answer is then the exact optimum over all households × shelters
 * ({@code optimal=true}); only if {@link #MAX_ROUNDS} rounds did not settle it is the last one returned
 * with {@code optimal=false}.
 */
public final class ShelterAllocator {
    /** Candidate shelters per household in the first round. */
    static final int NEAREST = 16;
    /** Pairs a round of the proof adds per household at most: those of most negative reduced cost. */
    static final int ADDED_PER_ROUND = 8;
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
        boolean roomForAll = Arrays.stream(capacity).asLongStream().sum() >= Arrays.stream(people).asLongStream().sum();
        for (int round = 1; ; round++) {
            Solved flow = new Solved(candidates, roomForAll, people, capacity);
            boolean proven = candidates.addPairsThatWouldLowerTheCost(flow) == 0;
            if (proven || round == MAX_ROUNDS) return toAllocation(demands, open, flow, proven, round, candidates.pairs());
        }
    }

    /**
     * The flow over the candidates, households → shelters when the shelters have room for all, else
     * shelters → households (see {@link CandidateFlow}), read back by household and shelter.
     */
    private static final class Solved {
        final CandidateFlow flow;
        final boolean roomForAll;

        Solved(Candidates c, boolean roomForAll, int[] people, int[] capacity) {
            this.roomForAll = roomForAll;
            if (roomForAll) {
                flow = new CandidateFlow(c.shelters, c.metres, capacity);
                flow.solve(people);
            } else {
                // the candidates turned round: shelter j's candidate households and their metres
                int[] count = new int[capacity.length];
                for (int[] list : c.shelters) for (int j : list) count[j]++;
                int[][] households = new int[capacity.length][];
                double[][] metres = new double[capacity.length][];
                for (int j = 0; j < capacity.length; j++) {
                    households[j] = new int[count[j]];
                    metres[j] = new double[count[j]];
                    count[j] = 0;
                }
                for (int i = 0; i < c.shelters.length; i++) {
                    for (int k = 0; k < c.shelters[i].length; k++) {
                        int j = c.shelters[i][k];
                        households[j][count[j]] = i;
                        metres[j][count[j]++] = c.metres[i][k];
                    }
                }
                flow = new CandidateFlow(households, metres, people);
                flow.solve(capacity);
            }
        }

        double householdPotential(int i) {
            return roomForAll ? flow.sourcePotential(i) : flow.sinkPotential(i);
        }

        double shelterPotential(int j) {
            return roomForAll ? flow.sinkPotential(j) : flow.sourcePotential(j);
        }

        /** c + π(from) − π(to) of the pair's arc, from household to shelter or back. */
        double reducedCost(int i, int j, double metres) {
            return roomForAll ? metres + householdPotential(i) - shelterPotential(j) : metres + shelterPotential(j) - householdPotential(i);
        }

        /** The highest shelter potential when households are the sources, else the lowest. */
        double shelterBound(int shelters) {
            double bound = roomForAll ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            for (int j = 0; j < shelters; j++) {
                bound = roomForAll ? Math.max(bound, shelterPotential(j)) : Math.min(bound, shelterPotential(j));
            }
            return bound;
        }

        /** Below this many metres a pair of household i could have a negative reduced cost; with {@link #shelterBound}. */
        double reach(int i, double bound) {
            return roomForAll ? bound - householdPotential(i) : householdPotential(i) - bound;
        }

        /** Calls out for each (household, shelter, persons, metres) with persons > 0. */
        void forEachPlacement(PlacementConsumer out) {
            for (int src = 0; src < flow.sources(); src++) {
                for (int a = flow.firstArc(src); a < flow.endArc(src); a++) {
                    if (flow.flowOf(a) == 0) continue;
                    if (roomForAll) out.accept(src, flow.sinkOf(a), flow.flowOf(a), flow.costOf(a));
                    else out.accept(flow.sinkOf(a), src, flow.flowOf(a), flow.costOf(a));
                }
            }
        }
    }

    private interface PlacementConsumer {
        void accept(int household, int shelter, int people, double metres);
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
         * Adds the pairs outside the candidates whose reduced cost is negative (at most {@link #ADDED_PER_ROUND}
         * per household, the most negative) and returns how many. Only shelters nearer than
         * {@link Solved#reach} can qualify; the index lists those by a geodesic floor.
         */
        int addPairsThatWouldLowerTheCost(Solved flow) {
            double bound = flow.shelterBound(open.size());
            int added = 0;
            for (int i = 0; i < shelters.length; i++) {
                double reach = flow.reach(i, bound);
                if (reach <= TOLERANCE_M || beyondNearest[i] >= reach) continue;
                int house = i;
                List<double[]> found = new ArrayList<>();      // {shelter, metres, reduced cost}
                index.within(unit[i], reach, j -> {
                    if (flow.reducedCost(house, j, index.lowerBoundM(unit[house], j)) >= 0 || contains(shelters[house], j)) return;
                    double m = metres(demands.get(house), j), reduced = flow.reducedCost(house, j, m);
                    if (reduced < -TOLERANCE_M) found.add(new double[]{j, m, reduced});
                });
                if (found.isEmpty()) continue;
                found.sort(Comparator.comparingDouble(f -> f[2]));
                int had = shelters[i].length, take = Math.min(ADDED_PER_ROUND, found.size());
                shelters[i] = Arrays.copyOf(shelters[i], had + take);
                metres[i] = Arrays.copyOf(metres[i], had + take);
                for (int f = 0; f < take; f++) {
                    shelters[i][had + f] = (int) found.get(f)[0];
                    metres[i][had + f] = found.get(f)[1];
                }
                added += take;
            }
            return added;
        }

        private static boolean contains(int[] list, int j) {
            for (int v : list) if (v == j) return true;
            return false;
        }
    }

    private static Allocation toAllocation(List<Demand> demands, List<Supply> open, Solved flow, boolean optimal,
                                           int rounds, long pairs) {
        List<List<Assignment>> byHousehold = new ArrayList<>();
        for (int i = 0; i < demands.size(); i++) byHousehold.add(new ArrayList<>());
        double[] total = {0};
        int[] placed = new int[demands.size()];
        flow.forEachPlacement((i, j, people, metres) -> {
            byHousehold.get(i).add(new Assignment(demands.get(i).id(), open.get(j).id(), people, metres));
            total[0] += people * metres;
            placed[i] += people;
        });
        List<Assignment> assignments = new ArrayList<>();
        List<Unplaced> unplaced = new ArrayList<>();
        int split = 0;
        for (int i = 0; i < demands.size(); i++) {
            assignments.addAll(byHousehold.get(i));
            if (byHousehold.get(i).size() > 1) split++;
            Demand d = demands.get(i);
            if (placed[i] < d.people()) unplaced.add(new Unplaced(d.id(), d.people() - placed[i]));
        }
        return new Allocation(List.copyOf(assignments), List.copyOf(unplaced), total[0], split, optimal, rounds, pairs);
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
