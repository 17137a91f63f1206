package riskmap.jobs;

/**
 * How the workers of one server run.
 *
 * @param threads     jobs run side by side in this server
 * @param pollMs      the longest wait for a due job when no NOTIFY arrives (delayed jobs become due without one)
 * @param leaseMs     how long a claim holds; a worker that dies lets its jobs go after this
 * @param retryBaseMs backoff after the first failure, doubled after each further one (at most {@link #MAX_BACKOFF_MS})
 */
public record WorkerSettings(int threads, int pollMs, int leaseMs, int retryBaseMs) {
    public static final long MAX_BACKOFF_MS = 300_000;

    /** The wait before attempt {@code failedAttempts + 1}. */
    public long backoffMs(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 20);
        return Math.min(MAX_BACKOFF_MS, (long) retryBaseMs << doublings);
    }
}
