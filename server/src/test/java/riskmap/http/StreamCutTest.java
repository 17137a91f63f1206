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
