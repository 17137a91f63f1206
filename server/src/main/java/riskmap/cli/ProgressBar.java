package riskmap.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.LongSupplier;
import riskmap.importers.Importer;

/**
 * A one-line progress bar on standard error for long imports: share of the input read, rows and
 * rows per second. It appears only after the first second, so short imports print nothing, and it
 * redraws at most four times a second.
 */
final class ProgressBar implements Importer.Progress {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final LongSupplier done;
    private final long total;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    /** @param done how much of {@code total} is consumed (bytes or rows); total ≤ 0 when unknown */
    ProgressBar(PrintStream err, LongSupplier done, long total) {
        this.err = err;
        this.done = done;
        this.total = total;
    }

    @Override
    public void rows(long read) {
        long now = System.nanoTime();
        if (now - start < 1_000_000_000L || now - lastDraw < 250_000_000L) return;
        lastDraw = now;
        double seconds = (now - start) / 1e9;
        String bar = "";
        if (total > 0) {
            double share = Math.min(1, done.getAsLong() / (double) total);
            int filled = (int) Math.round(share * WIDTH);
            bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + String.format("] %3.0f%% ", share * 100);
        }
        err.printf("\r%s%,d rows  %,.0f rows/s   ", bar, read, read / seconds);
        err.flush();
        drawn = true;
    }

    /** Ends the bar's line, if one was drawn. */
    void finish() {
        if (drawn) err.println();
    }

    /** Counts the bytes read through it, for the bar's share. */
    static final class CountingInputStream extends FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
