package riskmap.geojson;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that JSON is written into from values already in UTF-8: text as the
 * database sent it is escaped byte by byte (only {@code "}, {@code \} and control characters need
 * it; every other byte, multi-byte characters included, is copied), so nothing is decoded into a
 * String and encoded again. Not synchronised: one writer, one thread.
 */
final class JsonBytes {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private byte[] buf = new byte[8192];
    private int size;

    void write(int b) {
        if (size == buf.length) grow(1);
        buf[size++] = (byte) b;
    }

    void write(byte[] b) {
        write(b, 0, b.length);
    }

    void write(byte[] b, int from, int to) {
        int n = to - from;
        if (size + n > buf.length) grow(n);
        System.arraycopy(b, from, buf, size, n);
        size += n;
    }

    /** {@code utf8} as a JSON string, with the escapes Jackson writes: a backslash before {@code "} and itself, b t n f r for those controls, the others as u00XX (hex in capitals). */
    void string(byte[] utf8) {
        write('"');
        int run = 0;
        for (int i = 0; i < utf8.length; i++) {
            int b = utf8[i] & 0xff;
            if (b >= 0x20 && b != '"' && b != '\\') continue;
            write(utf8, run, i);
            run = i + 1;
            write('\\');
            switch (b) {
                case '"', '\\' -> write(b);
                case '\b' -> write('b');
                case '\t' -> write('t');
                case '\n' -> write('n');
                case '\f' -> write('f');
                case '\r' -> write('r');
                default -> {
                    write('u');
                    write('0');
                    write('0');
                    write(HEX[b >> 4]);
                    write(HEX[b & 0xf]);
                }
            }
        }
        write(utf8, run, utf8.length);
        write('"');
    }

    /**
     * A number as PostgreSQL writes it, which is JSON already; what is not a number (a float's
     * NaN or Infinity) becomes a string, as Jackson writes those.
     */
    void number(byte[] text) {
        int c = text.length == 0 ? 0 : text[text.length - 1];
        if (c >= '0' && c <= '9') write(text);
        else string(text);
    }

    /**
     * A {@code timestamp} in UTC as PostgreSQL writes it ({@code 2024-01-09 08:30:00.5}) as the
     * string ISO_INSTANT makes of the instant ({@code "2024-01-09T08:30:00.500Z"}): the fraction in
     * 3 or 6 digits, none when zero (PostgreSQL drops its trailing zeros). Other text (infinity, a
     * year BC or past 9999) is written as it came.
     */
    void utcInstant(byte[] t) {
        int n = t.length;
        if (n < 19 || t[10] != ' ' || t[4] != '-' || (n > 19 && t[19] != '.') || !digits(t, 20, n)) {
            string(t);
            return;
        }
        write('"');
        write(t, 0, 10);
        write('T');
        write(t, 11, n);
        if (n > 19) for (int pad = (n - 20 <= 3 ? 3 : 6) - (n - 20); pad > 0; pad--) write('0');
        write('Z');
        write('"');
    }

    private static boolean digits(byte[] t, int from, int to) {
        for (int i = from; i < to; i++) if (t[i] < '0' || t[i] > '9') return false;
        return true;
    }

    /** Hands the bytes on to {@code out} and empties the buffer. */
    void drainTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
        size = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void grow(int n) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
}
