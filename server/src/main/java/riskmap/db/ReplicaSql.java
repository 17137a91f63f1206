package riskmap.db;

/** The statements that measure a streaming replica against its primary (LSNs as bytes from the start of the WAL). */
final class ReplicaSql {
    private ReplicaSql() {
    }

    /** On the primary: how far its WAL is flushed, which is as far as a replica can have received it. */
    static final String PRIMARY_FLUSHED = "SELECT pg_current_wal_flush_lsn() - '0/0'::pg_lsn";

    /** On a replica: whether it is one, how far it has replayed, and the age in seconds of the last transaction it replayed. */
    static final String REPLICA_STATE = """
            SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn() - '0/0'::pg_lsn,
                   EXTRACT(epoch FROM now() - pg_last_xact_replay_timestamp())::float8""";
}
