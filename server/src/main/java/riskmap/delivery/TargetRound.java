package riskmap.delivery;

import riskmap.jobs.Job;

/**
 * The target and call round a sending or deadline job is about, as {@code DeliverySql} writes
 * them into the job's payload ({@code warning}, {@code person}, {@code round}).
 */
record TargetRound(String warningId, String personId, int round) {
    static TargetRound of(Job job) {
        return new TargetRound(job.payload().path("warning").asText(), job.payload().path("person").asText(), job.payload().path("round").asInt());
    }
}
