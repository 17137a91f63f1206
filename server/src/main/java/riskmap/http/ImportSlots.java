package riskmap.http;

import java.util.Map;
import java.util.concurrent.Semaphore;
import riskmap.domain.ApiException;

/**
 * The bound on imports running at once ({@code max_concurrent_imports}), shared by {@code /api/import}
 * and {@code /api/people/import}. Each running import holds buffers, a spooled GeoPackage or a COPY
 * transaction; one beyond the bound is refused at once with 429 and {@code Retry-After} instead of
 * waiting, so waiting uploads cannot pile up in memory.
 */
public final class ImportSlots {
    /** Seconds a refused client is told to wait; a large import takes minutes, a small one seconds. */
    static final int RETRY_AFTER_SECONDS = 10;

    private final int max;
    private final Semaphore free;

    public ImportSlots(int max) {
        this.max = max;
        this.free = new Semaphore(max);
    }

    /** A taken slot, given back on close. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes a slot, or refuses the request when all are taken. */
    public Slot take() {
        if (!free.tryAcquire()) throw new TooMany(max);
        return free::release;
    }

    /** 429 {@code too_many_imports} with {@code Retry-After}. */
    static final class TooMany extends ApiException {
        TooMany(int max) {
            super(429, "too_many_imports", max + " imports are running, the most this server runs at once (setting max_concurrent_imports);"
                    + " send this one again after the Retry-After seconds");
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
    }
}
