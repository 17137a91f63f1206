/**
 * A durable job queue in PostgreSQL: jobs enqueued inside the caller's transaction, claimed by
 * workers with {@code FOR UPDATE SKIP LOCKED} under an expiring lease, retried with backoff, and
 * finished exactly once (the job's effects commit together with marking it done).
 */
package riskmap.jobs;
