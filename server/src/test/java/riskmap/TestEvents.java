package riskmap;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A Server-Sent-Events client on a thread of its own: every event of one stream, with when it arrived. */
public final class TestEvents implements AutoCloseable {
    /** One event; {@code nanos} is {@link System#nanoTime} at its arrival. */
    public record Event(String name, String data, long nanos) {
    }

    private final BlockingQueue<Event> arrived = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();
    private volatile InputStream body;

    /** Opens {@code path} on the server at {@code port} ({@code token} null: anonymously) and reads it until closed. */
    public TestEvents(int port, String path, String token) {
        Thread t = new Thread(() -> read(port, path, token), "test-sse " + path);
        t.setDaemon(true);
        t.start();
    }

    private void read(int port, String path, String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", "text/event-stream");
            if (token != null) b.header("Authorization", "Bearer " + token);
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            body = r.body();
            if (r.statusCode() != 200) arrived.add(new Event("http_" + r.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8), System.nanoTime()));
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String name = "message";
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event:")) name = line.substring(6).strip();
                    if (line.startsWith("data:")) arrived.add(new Event(name, line.substring(5).strip(), System.nanoTime()));
                }
            }
            arrived.add(new Event("end", "", System.nanoTime()));
        } catch (Exception e) {
            arrived.add(new Event("error", e.toString(), System.nanoTime()));
        }
    }

    /** The next event named {@code name} whose data passes {@code test}, waiting at most {@code within}; fails listing what came instead. */
    public Event await(String name, Predicate<String> test, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            Event e = arrived.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) break;
            seen.add(e);
            if (e.name().equals(name) && test.test(e.data())) return e;
        }
        throw new AssertionError("no event '" + name + "' as expected within " + within.toMillis() + " ms; seen " + seen);
    }

    /** Every event that arrived so far and was not yet taken by {@link #await}. */
    public List<Event> drain() {
        List<Event> out = new ArrayList<>();
        arrived.drainTo(out);
        seen.addAll(out);
        return out;
    }

    @Override
    public void close() throws Exception {
        if (body != null) body.close();
    }
}
