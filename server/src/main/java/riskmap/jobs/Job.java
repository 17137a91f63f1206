package riskmap.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One claimed job, as a handler sees it.
 *
 * @param id             the row id
 * @param kind           which handler runs it
 * @param idempotencyKey unique per effect: enqueuing the same key twice makes one job
 * @param payload        the handler's input
 * @param attempt        1 for the first run, counting every claim (a crashed worker's claim counts too)
 * @param maxAttempts    after this many failed runs the job is given up
 */
public record Job(long id, String kind, String idempotencyKey, JsonNode payload, int attempt, int maxAttempts) {
    /** True when a failure of this run is the last one allowed. */
    public boolean lastAttempt() {
        return attempt >= maxAttempts;
    }
}
