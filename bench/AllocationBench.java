import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;
import riskmap.evacuation.allocation.Demand;
import riskmap.evacuation.allocation.Supply;

/**
 * Shelter allocation benchmark helper (bench/allocation.sh). Run with the server's classes and libraries:
 *   java -cp target/classes:target/lib/* bench/AllocationBench.java generate HOUSEHOLDS SHELTERS RATIO SEED > body.json
 *   java -cp … bench/AllocationBench.java compare body.json answer.json
 * generate: towns (shelters near each town's centre, σ ≈ 1 km) with villages around them (σ ≈ 8 km),
 * households around their village (σ ≈ 500 m), 1–6 persons; total room = RATIO × persons, spread over the
 * shelters with random weights that ignore where people live, so some towns must send people on.
 * compare: checks the endpoint's answer (capacities, persons, objective recomputed with the geodesic), then
 * times in this JVM the greedy baseline — each household in turn to its nearest shelter with room (by the
 * allocator's own index, nearest on the sphere), split when that one fills — and prints both objectives.
 */
public class AllocationBench {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("generate")) generate(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Double.parseDouble(args[3]), Long.parseLong(args[4]));
        else compare(Path.of(args[1]), Path.of(args[2]));
    }

    static void generate(int households, int shelters, double ratio, long seed) {
        Random r = new Random(seed);
        int towns = Math.max(1, shelters / 10);
        double[][] town = new double[towns][];
        for (int t = 0; t < towns; t++) town[t] = new double[]{115.5 + r.nextDouble() * 3, 38.5 + r.nextDouble() * 3};
        double[][] village = new double[towns * 20][];
        for (int v = 0; v < village.length; v++) {
            double[] t = town[v / 20];
            village[v] = new double[]{t[0] + r.nextGaussian() * 0.08, t[1] + r.nextGaussian() * 0.08};
        }
        PrintWriter out = new PrintWriter(System.out);
        out.print("{\"households\":[");
        long persons = 0;
        for (int i = 0; i < households; i++) {
            double[] v = village[r.nextInt(village.length)];
            int people = 1 + r.nextInt(6);
            persons += people;
            out.printf(Locale.ROOT, "%s{\"id\":\"H%06d\",\"lon\":%.6f,\"lat\":%.6f,\"people\":%d}", i == 0 ? "" : ",", i,
                    v[0] + r.nextGaussian() * 0.005, v[1] + r.nextGaussian() * 0.005, people);
        }
        double[] weight = new double[shelters];
        double sum = 0;
        for (int j = 0; j < shelters; j++) sum += weight[j] = 0.2 + r.nextDouble();
        long room = Math.round(persons * ratio), given = 0;
        out.print("],\"shelters\":[");
        for (int j = 0; j < shelters; j++) {
            long capacity = j == shelters - 1 ? room - given : Math.round(room * weight[j] / sum);
            given += capacity;
            double[] t = town[j % towns];
            out.printf(Locale.ROOT, "%s{\"id\":\"S%05d\",\"lon\":%.6f,\"lat\":%.6f,\"capacity\":%d}", j == 0 ? "" : ",", j,
                    t[0] + r.nextGaussian() * 0.01, t[1] + r.nextGaussian() * 0.01, capacity);
        }
        out.println("]}");
        out.flush();
    }

    static double metres(Demand d, Supply s) {
        return Geodesic.WGS84.Inverse(d.lat(), d.lon(), s.lat(), s.lon(), GeodesicMask.DISTANCE).s12;
    }

    static void compare(Path bodyFile, Path answerFile) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode body = json.readTree(bodyFile.toFile());
        List<Demand> demands = new ArrayList<>();
        body.get("households").forEach(h -> demands.add(new Demand(h.get("id").asText(), h.get("lon").asDouble(), h.get("lat").asDouble(), h.get("people").asInt())));
        List<Supply> supplies = new ArrayList<>();
        body.get("shelters").forEach(s -> supplies.add(new Supply(s.get("id").asText(), s.get("lon").asDouble(), s.get("lat").asDouble(), s.get("capacity").asInt())));
        long persons = demands.stream().mapToLong(Demand::people).sum(), room = supplies.stream().mapToLong(Supply::capacity).sum();
        System.out.printf(Locale.ROOT, "%d households (%d persons), %d shelters (room for %d, %.2f×)%n",
                demands.size(), persons, supplies.size(), room, (double) room / persons);

        double exact = checkAnswer(json.readTree(answerFile.toFile()), demands, supplies);
        long t0 = System.nanoTime();
        double[] greedy = greedy(demands, supplies);
        double greedyS = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "greedy nearest with room: %.2f s, %.1f person-km, %d placed, %d unplaced (%+.1f%% person-km over exact)%n",
                greedyS, greedy[0] / 1000, (long) greedy[1], persons - (long) greedy[1], 100 * (greedy[0] / exact - 1));
    }

    /** The endpoint's answer keeps every capacity, accounts for every person, and its objective is what its pairs cost; returns it. */
    static double checkAnswer(JsonNode answer, List<Demand> demands, List<Supply> supplies) {
        Map<String, Demand> byId = new HashMap<>();
        demands.forEach(d -> byId.put(d.id(), d));
        Map<String, Supply> shelterById = new HashMap<>();
        supplies.forEach(s -> shelterById.put(s.id(), s));
        Map<String, Long> used = new HashMap<>(), persons = new HashMap<>();
        double total = 0;
        for (JsonNode a : answer.get("assignments")) {
            Demand d = byId.get(a.get("household").asText());
            Supply s = shelterById.get(a.get("shelter").asText());
            int people = a.get("people").asInt();
            used.merge(s.id(), (long) people, Long::sum);
            persons.merge(d.id(), (long) people, Long::sum);
            total += people * metres(d, s);
        }
        for (JsonNode u : answer.get("unplaced")) persons.merge(u.get("household").asText(), u.get("people").asLong(), Long::sum);
        for (Supply s : supplies) if (used.getOrDefault(s.id(), 0L) > s.capacity()) throw new AssertionError("over capacity: " + s.id());
        for (Demand d : demands) if (persons.getOrDefault(d.id(), 0L) != d.people()) throw new AssertionError("persons of " + d.id());
        double reported = answer.get("total_person_metres").asDouble();
        if (Math.abs(total - reported) > 1 + 1e-9 * total) throw new AssertionError("objective " + reported + " but its pairs cost " + total);
        System.out.printf(Locale.ROOT, "endpoint answer checked: no shelter over capacity, every person placed or listed, %.1f person-km, %d unplaced, optimal=%s, rounds=%s%n",
                total / 1000, answer.get("unplaced_people").asLong(), answer.get("optimal").asBoolean(), answer.get("rounds"));
        return total;
    }

    /** {person-metres, placed}: households in input order, each to its nearest shelters with room in turn. */
    static double[] greedy(List<Demand> demands, List<Supply> supplies) throws Exception {
        // the allocator's own sphere index (package-private, hence reflection), so both use the same nearest search
        Class<?> indexClass = Class.forName("riskmap.evacuation.allocation.SphereIndex");
        Constructor<?> make = indexClass.getDeclaredConstructor(double[].class, double[].class);
        Method unit = indexClass.getDeclaredMethod("unit", double.class, double.class);
        Method nearest = indexClass.getDeclaredMethod("nearest", double[].class, int.class);
        make.setAccessible(true);
        unit.setAccessible(true);
        nearest.setAccessible(true);
        Object index = make.newInstance(supplies.stream().mapToDouble(Supply::lon).toArray(), supplies.stream().mapToDouble(Supply::lat).toArray());
        int[] room = supplies.stream().mapToInt(Supply::capacity).toArray();
        double cost = 0;
        long placed = 0;
        for (Demand d : demands) {
            double[] q = (double[]) unit.invoke(null, d.lon(), d.lat());
            int left = d.people();
            for (int k = 8, from = 0; left > 0 && from < supplies.size(); from = k, k = Math.min(supplies.size(), k * 4)) {
                int[] near = (int[]) nearest.invoke(index, q, k);
                for (int c = from; c < near.length && left > 0; c++) {
                    int j = near[c], take = Math.min(left, room[j]);
                    if (take == 0) continue;
                    room[j] -= take;
                    left -= take;
                    placed += take;
                    cost += take * metres(d, supplies.get(j));
                }
            }
        }
        return new double[]{cost, placed};
    }
}
