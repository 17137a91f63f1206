package riskmap.evacuation.allocation;

import net.sf.geographiclib.Geodesic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ShelterAllocatorTest {

    /** Independent exact answer: every person tries every shelter (or none); most placed, then least person-metres. */
    private record Best(int placed, double cost) {}

    private static Best bruteForce(List<Demand> demands, List<Supply> supplies) {
        List<double[]> persons = new ArrayList<>();   // one row per person: distance to each shelter
        for (Demand d : demands) {
            double[] row = new double[supplies.size()];
            for (int j = 0; j < supplies.size(); j++) {
                Supply s = supplies.get(j);
                row[j] = Geodesic.WGS84.Inverse(d.lat(), d.lon(), s.lat(), s.lon()).s12;
            }
            for (int p = 0; p < d.people(); p++) persons.add(row);
        }
        int[] room = supplies.stream().mapToInt(Supply::capacity).toArray();
        return search(persons, 0, room, 0, 0);
    }

    private static Best search(List<double[]> persons, int k, int[] room, int placed, double cost) {
        if (k == persons.size()) return new Best(placed, cost);
        Best best = search(persons, k + 1, room, placed, cost);            // this person stays unplaced
        for (int j = 0; j < room.length; j++) {
            if (room[j] == 0) continue;
            room[j]--;
            Best b = search(persons, k + 1, room, placed + 1, cost + persons.get(k)[j]);
            room[j]++;
            if (b.placed > best.placed || (b.placed == best.placed && b.cost < best.cost)) best = b;
        }
        return best;
    }

    /** Allocates and checks what must hold of any answer: capacities kept, every person accounted for. */
    private static Allocation checkedAllocation(List<Demand> demands, List<Supply> supplies) {
        Allocation a = ShelterAllocator.allocate(demands, supplies);
        assertConsistent(demands, supplies, a);
        return a;
    }

    private static void assertConsistent(List<Demand> demands, List<Supply> supplies, Allocation a) {
        Map<String, Integer> used = new HashMap<>(), placed = new HashMap<>(), parts = new HashMap<>();
        double total = 0;
        for (Assignment as : a.assignments()) {
            assertTrue(as.people() > 0);
            used.merge(as.supplyId(), as.people(), Integer::sum);
            placed.merge(as.demandId(), as.people(), Integer::sum);
            parts.merge(as.demandId(), 1, Integer::sum);
            total += as.people() * as.distanceM();
        }
        for (Unplaced u : a.unplaced()) placed.merge(u.demandId(), u.people(), Integer::sum);
        for (Supply s : supplies) assertTrue(used.getOrDefault(s.id(), 0) <= s.capacity(), "over capacity at " + s.id());
        for (Demand d : demands) assertEquals(d.people(), placed.getOrDefault(d.id(), 0), "persons of " + d.id());
        assertEquals(total, a.totalPersonMetres(), 1e-6 * Math.max(1, total));
        assertEquals(parts.values().stream().filter(c -> c > 1).count(), a.splitHouseholds());
    }

    private static int unplacedCount(Allocation a) {
        return a.unplaced().stream().mapToInt(Unplaced::people).sum();
    }

    @Test
    void sendsEachHouseholdToTheNearerShelterWhenThereIsRoom() {
        List<Demand> demands = List.of(new Demand("h1", 116.00, 40.00, 2), new Demand("h2", 116.10, 40.00, 3));
        List<Supply> supplies = List.of(new Supply("west", 115.99, 40.00, 10), new Supply("east", 116.11, 40.00, 10));
        Allocation a = checkedAllocation(demands, supplies);
        assertTrue(a.assignments().contains(new Assignment("h1", "west", 2,
                Geodesic.WGS84.Inverse(40, 116, 40, 115.99).s12)));
        assertEquals("east", a.assignments().stream().filter(x -> x.demandId().equals("h2")).findFirst().orElseThrow().supplyId());
        assertTrue(a.optimal());
        assertEquals(0, a.splitHouseholds());
    }

    @Test
    void beatsGreedyWhereNearestFirstIsWrong() {
        // h1 sits between both shelters, h2 only near A: greedy gives A to h1 and sends h2 far away
        List<Demand> demands = List.of(new Demand("h1", 116.05, 40.0, 1), new Demand("h2", 115.99, 40.0, 1));
        List<Supply> supplies = List.of(new Supply("A", 116.04, 40.0, 1), new Supply("B", 116.07, 40.0, 1));
        Allocation a = checkedAllocation(demands, supplies);
        assertEquals(bruteForce(demands, supplies).cost(), a.totalPersonMetres(), 1e-6);
        assertTrue(a.assignments().contains(new Assignment("h2", "A", 1, Geodesic.WGS84.Inverse(40, 115.99, 40, 116.04).s12)));
    }

    @Test
    void reportsShortfallAndSplitsWhenCapacityIsTooSmall() {
        List<Demand> demands = List.of(new Demand("h1", 116.0, 40.0, 5));
        List<Supply> supplies = List.of(new Supply("A", 116.01, 40.0, 2), new Supply("B", 116.02, 40.0, 1));
        Allocation a = checkedAllocation(demands, supplies);
        assertEquals(List.of(new Unplaced("h1", 2)), a.unplaced());
        assertEquals(1, a.splitHouseholds());
        assertEquals(bruteForce(demands, supplies).cost(), a.totalPersonMetres(), 1e-6);
    }

    @Test
    void handlesNoShelters() {
        Allocation a = ShelterAllocator.allocate(List.of(new Demand("h", 1, 2, 3)), List.of());
        assertEquals(List.of(new Unplaced("h", 3)), a.unplaced());
        assertEquals(0, a.totalPersonMetres());
    }

    @Test
    void matchesBruteForceOnRandomInstances() {
        Random random = new Random(12);
        for (int round = 0; round < 300; round++) {
            List<Demand> demands = new ArrayList<>();
            List<Supply> supplies = new ArrayList<>();
            int persons = 0;
            for (int i = 0, n = 1 + random.nextInt(4); i < n && persons < 7; i++) {
                int people = 1 + random.nextInt(Math.min(3, 7 - persons));
                persons += people;
                demands.add(new Demand("h" + i, 116 + random.nextDouble() * 0.5, 40 + random.nextDouble() * 0.5, people));
            }
            for (int j = 0, n = 1 + random.nextInt(3); j < n; j++) {
                supplies.add(new Supply("s" + j, 116 + random.nextDouble() * 0.5, 40 + random.nextDouble() * 0.5, random.nextInt(5)));
            }
            Allocation a = checkedAllocation(demands, supplies);
            Best best = bruteForce(demands, supplies);
            assertEquals(persons - best.placed(), unplacedCount(a), "round " + round);
            assertEquals(best.cost(), a.totalPersonMetres(), 1e-6 * Math.max(1, best.cost()), "round " + round);
        }
    }

    /** Households in villages around towns, shelters in the towns; total room = ratio × persons. */
    private static List<List<?>> clustered(Random random, int households, int shelters, double ratio) {
        double[][] towns = new double[8][];
        for (int t = 0; t < towns.length; t++) towns[t] = new double[]{116 + random.nextDouble(), 40 + random.nextDouble()};
        List<Demand> demands = new ArrayList<>();
        int persons = 0;
        for (int i = 0; i < households; i++) {
            double[] town = towns[random.nextInt(towns.length)];
            int people = 1 + random.nextInt(6);
            persons += people;
            demands.add(new Demand("h" + i, town[0] + random.nextGaussian() * 0.08, town[1] + random.nextGaussian() * 0.08, people));
        }
        List<Supply> supplies = new ArrayList<>();
        int room = (int) Math.round(persons * ratio);
        for (int j = 0; j < shelters; j++) {
            // uneven towns: the first ones get more shelters, so some towns must send people to the next
            double[] town = towns[Math.min(towns.length - 1, (int) Math.floor(Math.abs(random.nextGaussian()) * 3))];
            int capacity = j == shelters - 1 ? room : Math.min(room, random.nextInt(2 * persons / shelters + 1));
            room -= capacity;
            supplies.add(new Supply("s" + j, town[0] + random.nextGaussian() * 0.02, town[1] + random.nextGaussian() * 0.02, capacity));
        }
        return List.of(demands, supplies);
    }

    @SuppressWarnings("unchecked")
    @Test
    void matchesTheDenseReferenceOnMediumClusteredCases() {
        long seed = System.nanoTime();
        System.out.println("ShelterAllocatorTest medium cases: seed " + seed);
        Random random = new Random(seed);
        for (double ratio : new double[]{1.1, 0.9}) {
            List<List<?>> c = clustered(random, 1000, 100, ratio);
            List<Demand> demands = (List<Demand>) c.get(0);
            List<Supply> supplies = (List<Supply>) c.get(1);
            Allocation a = checkedAllocation(demands, supplies);
            double[] dense = DenseMinCostFlow.solve(demands, supplies);
            int persons = demands.stream().mapToInt(Demand::people).sum();
            String what = "seed " + seed + ", ratio " + ratio;
            assertTrue(a.optimal(), what);
            assertEquals(persons - (int) dense[0], unplacedCount(a), what);
            assertEquals(dense[1], a.totalPersonMetres(), 1e-6 * dense[1], what);
            if (ratio < 1) assertTrue(unplacedCount(a) > 0, what);
        }
    }

    @Test
    void provesOptimalityBeyondTheNearestShelters() {
        // 30 persons at one spot; its NEAREST + 4 nearest shelters hold 1 each, so the rest must go beyond the first candidates
        List<Demand> demands = new ArrayList<>();
        for (int i = 0; i < 30; i++) demands.add(new Demand("h" + i, 116.0 + i * 1e-4, 40.0, 1));
        List<Supply> supplies = new ArrayList<>();
        for (int j = 0; j < ShelterAllocator.NEAREST + 4; j++) {
            supplies.add(new Supply("near" + j, 116.0 + 0.001 * Math.cos(j), 40.0 + 0.001 * Math.sin(j), 1));
        }
        supplies.add(new Supply("far-small", 116.2, 40.0, 5));
        supplies.add(new Supply("far-big", 116.3, 40.0, 50));
        Allocation a = checkedAllocation(demands, supplies);
        assertTrue(a.rounds() > 1, "the first round's candidates cannot hold everyone: " + a.rounds());
        assertTrue(a.optimal());
        double[] dense = DenseMinCostFlow.solve(demands, supplies);
        assertEquals(30, dense[0]);
        assertEquals(dense[1], a.totalPersonMetres(), 1e-6 * dense[1]);
        assertEquals(0, unplacedCount(a));
    }

    @Test
    void rejectsBadInputWithAClearMessage() {
        Supply ok = new Supply("s", 116, 40, 1);
        Demand fine = new Demand("h", 116, 40, 1);
        assertMessage("capacity=-1", () -> ShelterAllocator.allocate(List.of(fine), List.of(new Supply("s", 116, 40, -1))));
        assertMessage("people=0", () -> ShelterAllocator.allocate(List.of(new Demand("h", 116, 40, 0)), List.of(ok)));
        assertMessage("lat in [-90, 90]", () -> ShelterAllocator.allocate(List.of(new Demand("h", 116, 91, 1)), List.of(ok)));
        assertMessage("household h", () -> ShelterAllocator.allocate(List.of(new Demand("h", Double.NaN, 40, 1)), List.of(ok)));
        assertMessage("shelter s", () -> ShelterAllocator.allocate(List.of(fine), List.of(new Supply("s", 181, 40, 1))));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
