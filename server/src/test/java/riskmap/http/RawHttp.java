package riskmap.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One HTTP/1.0 request over a socket, its request line and headers sent byte for byte as given:
 * java.net.URI refuses to even build a path with %u0041, and HttpClient refuses some header values.
 * HTTP/1.0, so the answer is never chunked; an event stream's answer stops after its head.
 */
final class RawHttp {
    record Answer(int status, String head, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The Content-Type the answer declared, or "". */
        String contentType() {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) return line.substring(13).strip();
            }
            return "";
        }
    }

    /** Senders of request bytes, one per request under way (the common pool may have one thread on two cores). */
    private static final ExecutorService SENDERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raw-http-sender");
        t.setDaemon(true);
        return t;
    });

    private RawHttp() {
    }

    /**
     * {@code head} is the request line and header lines, without the blank line that ends them. The body
     * is sent by another thread while this one reads, as HttpClient does: a server may answer (401, 413,
     * 400 for a request line it cannot parse) and close before it has read the whole body.
     */
    static Answer send(int port, String head, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    out.write((head + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    if (body != null) out.write(body);
                    out.flush();
                } catch (IOException closedEarly) {
                    // the server answered before reading all of it: its answer is what counts
                }
            }, SENDERS);
            try {
                InputStream in = s.getInputStream();
                String responseHead = readHead(in);
                if (responseHead.length() < 12) throw new IOException("no status line in the answer: '" + responseHead + "'");
                int status = Integer.parseInt(responseHead.substring(9, 12));
                Answer opened = new Answer(status, responseHead, new byte[0]);
                return opened.contentType().startsWith("text/event-stream") ? opened : new Answer(status, responseHead, in.readAllBytes());
            } finally {
                sent.cancel(true);
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; matched < 4 && (b = in.read()) >= 0; ) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.UTF_8);
    }
}
