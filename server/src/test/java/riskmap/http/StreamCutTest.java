package riskmap.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import riskmap.ServerExtension;
import riskmap.TestDatabase;

/**
 * Issue 17: a streamed answer that fails after its first byte must not look complete. The export of
 * 60,000 points is read slowly, so the server is mid-cursor when the test terminates its database
 * backend; the client must then see a cut connection — no final chunk, no parseable document, and
 * no error document glued after the features.
 */
class StreamCutTest {
    private static final int POINTS = 60_000;
    private static final String DB = "streamcut";

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(() -> TestDatabase.database(DB, false));

    @BeforeAll
    static void manyPoints() throws Exception {
        try (Connection c = SERVER.ds().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO hazard_point (id, category, name, risk_level, admin_code, geom)"
                    + " SELECT 'SC' || i, 'landslide', '长名称的滑坡隐患点用于填满响应缓冲区' || i, 1 + i % 4, '500101',"
                    + " ST_SetSRID(ST_MakePoint(108 + (i % 1000) / 1000.0, 30 + (i / 1000) / 1000.0), 4326)"
                    + " FROM generate_series(1, " + POINTS + ") i");
        }
    }

    @Test
    void an_export_whose_database_backend_dies_midway_ends_cut_not_complete() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", SERVER.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/export?collection=hazards&format=geojson HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (got.size() < 64 * 1024) got.write(buf, 0, in.read(buf));
            String head = got.toString(StandardCharsets.ISO_8859_1);
            assertTrue(head.startsWith("HTTP/1.1 200"), "the export started");
            assertTrue(head.substring(0, head.indexOf("\r\n\r\n")).toLowerCase().contains("transfer-encoding: chunked"), head.substring(0, 300));

            // the server now waits on the socket with its cursor open; cut its database session
            long killed = terminateExportBackend(SERVER.ds());
            assertTrue(killed >= 1, "found the export's backend");

            for (int n; (n = readOrCut(in, buf)) > 0; ) got.write(buf, 0, n);
            byte[] raw = got.toByteArray();
            String ascii = new String(raw, StandardCharsets.ISO_8859_1);
            assertFalse(ascii.endsWith("\r\n0\r\n\r\n"), "a cut answer has no final chunk, so HTTP clients see it failed");
            assertFalse(ascii.contains("\"error\""), "no error document is glued onto the features");
            byte[] body = dechunk(java.util.Arrays.copyOfRange(raw, ascii.indexOf("\r\n\r\n") + 4, raw.length));
            assertTrue(body.length > 32 * 1024, "features were streamed before the cut");
            assertThrows(IOException.class, () -> new ObjectMapper().readTree(body), "the body is no complete JSON document");
        }
    }

    /**
     * Issue 13: a GIS tool cancelling a download is the client's choice, not a server failure: the
     * log says so in one INFO line, with no ERROR, no stack trace and no 500.
     */
    @Test
    void a_download_the_client_cancels_is_logged_as_a_client_abort_without_a_stack_trace() throws Exception {
        java.io.PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // slf4j-simple looks System.err up on every line (cacheOutputStream=false), so this captures the server's log
        System.setErr(new java.io.PrintStream(new OutputStream() {
            @Override
            public synchronized void write(int b) {
                original.write(b);
                log.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                log.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            try (Socket socket = new Socket("127.0.0.1", SERVER.port())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("GET /ogc/collections/hazards/items?limit=10000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] buf = new byte[8192];
                InputStream in = socket.getInputStream();
                for (int got = 0; got < 16 * 1024; ) got += in.read(buf);
                socket.setSoLinger(true, 0); // close with a reset, as a killed download does
            }
            String text = "";
            for (long deadline = System.currentTimeMillis() + 20_000; System.currentTimeMillis() < deadline; Thread.sleep(100)) {
                text = log.toString(StandardCharsets.UTF_8);
                if (text.contains("client closed the connection")) break;
            }
            assertTrue(text.contains("INFO ClientAbort - GET /ogc/collections/hazards/items: client closed the connection"), text);
            assertFalse(text.contains("ERROR"), text);
            assertFalse(text.contains("\tat "), "no stack trace:\n" + text);
            assertFalse(text.contains("Exception"), text);
            assertFalse(text.contains(" 500 "), text);
            assertTrue(text.contains("access - GET /ogc/collections/hazards/items aborted"), "the access log says aborted, not 500:\n" + text);
        } finally {
            System.setErr(original);
        }
    }

    /** The backend of the running export (its cursor over hazard_point), terminated by a second session. */
    private static long terminateExportBackend(DataSource ds) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            long n = TestDatabase.count(ds, "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = '" + DB + "' AND pid <> pg_backend_pid() AND query ILIKE '%hazard_point%' AND query NOT ILIKE '%pg_stat_activity%'");
            if (n > 0) return n;
            Thread.sleep(100);
        }
        return 0;
    }

    /** Reads on; a reset connection counts as the end the server chose. */
    private static int readOrCut(InputStream in, byte[] buf) {
        try {
            return in.read(buf);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The payload of a chunked body, as far as it goes. */
    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int eol = indexOfCrLf(body, at);
            if (eol < 0) break;
            int size;
            try {
                size = Integer.parseInt(new String(body, at, eol - at, StandardCharsets.US_ASCII).trim(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            int start = eol + 2, end = Math.min(start + size, body.length);
            out.write(body, start, end - start);
            if (size == 0 || end < start + size) break;
            at = end + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrLf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) if (b[i] == '\r' && b[i + 1] == '\n') return i;
        return -1;
    }
}
