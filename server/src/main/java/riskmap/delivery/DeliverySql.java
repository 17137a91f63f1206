package riskmap.delivery;

/**
 * Every statement of delivery, answers and escalation, over V8's {@code warning},
 * {@code warning_target} and V9's {@code job}, {@code delivery_attempt}, {@code ack_link}.
 * Values are always bound.
 */
final class DeliverySql {
    static final String NOTIFY_KIND = "delivery.notify";
    static final String DEADLINE_KIND = "delivery.deadline";

    /**
     * Starts the calls of every new target of a warning (state pending, no deadline yet) in one
     * statement, however many targets: sets each deadline by its tier, and enqueues one send job
     * per target and channel (e-mail only for people with an address) and one deadline job.
     * Binds: seconds for county, township, village; warning id; channel names (text[]).
     * Yields the number of targets started.
     */
    static final String START_CALLS = """
            WITH fresh AS (
              UPDATE warning_target t SET deadline = now() + (CASE t.tier WHEN 'county' THEN ? WHEN 'township' THEN ? ELSE ? END) * interval '1 second',
                     updated_at = now()
              WHERE t.warning_id = ? AND t.deadline IS NULL AND t.state = 'pending'
              RETURNING t.warning_id, t.person_id, t.round, t.deadline
            ), sends AS (
              INSERT INTO job (kind, idempotency_key, payload)
              SELECT '%1$s', concat_ws(':', 'notify', f.warning_id, f.person_id, f.round, c.ch),
                     jsonb_build_object('warning', f.warning_id, 'person', f.person_id, 'round', f.round, 'channel', c.ch)
              FROM fresh f JOIN person p ON p.id = f.person_id CROSS JOIN unnest(?::text[]) AS c (ch)
              WHERE c.ch <> 'email' OR p.email IS NOT NULL
              ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1
            ), deadlines AS (
              INSERT INTO job (kind, idempotency_key, payload, run_at)
              SELECT '%2$s', concat_ws(':', 'deadline', f.warning_id, f.person_id, f.round),
                     jsonb_build_object('warning', f.warning_id, 'person', f.person_id, 'round', f.round), f.deadline
              FROM fresh f ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1
            )
            SELECT (SELECT count(*) FROM fresh), (SELECT count(*) FROM sends), (SELECT count(*) FROM deadlines)
            """.formatted(NOTIFY_KIND, DEADLINE_KIND);

    /** Targets just started that no channel reaches are failed at once (their deadline job still escalates). Binds: warning id, webhook on, e-mail on. */
    static final String FAIL_UNREACHABLE = "UPDATE warning_target t SET state = 'failed', updated_at = now() FROM person p"
            + " WHERE p.id = t.person_id AND t.warning_id = ? AND t.state = 'pending' AND t.deadline IS NOT NULL"
            + " AND NOT (? OR ? AND p.email IS NOT NULL)";

    /** The level of a warning, for the deadlines. Binds: warning id. */
    static final String LEVEL = "SELECT level FROM warning WHERE id = ?";

    /**
     * Everything the messages of a batch say, and their targets' states, one row per target.
     * Binds: warning ids (text[]), person ids (text[]), pairwise.
     */
    static final String MESSAGES = """
            SELECT t.state, t.round, t.deadline, t.answered_at, t.escalated_from IS NOT NULL AS escalation,
                   w.id, w.identifier, w.level, w.event, w.headline, w.description, w.instruction, w.expires, w.state AS warning_state,
                   p.id AS person_id, p.name, p.phone, p.email, p.unit, p.tier, p.admin_code
            FROM (SELECT DISTINCT * FROM unnest(?::text[], ?::text[]) AS k (warning_id, person_id)) k
            JOIN warning_target t ON t.warning_id = k.warning_id AND t.person_id = k.person_id
            JOIN warning w ON w.id = t.warning_id JOIN person p ON p.id = t.person_id""";

    /** Which of these messages were delivered already. Binds: message keys (text[]). */
    static final String DELIVERED = "SELECT message_key FROM delivery_attempt WHERE message_key = ANY (?) AND result = 'delivered'";
    /** Binds: warning, person, round, channel, message key, result, error. */
    static final String ATTEMPT = "INSERT INTO delivery_attempt (warning_id, person_id, round, channel, message_key, result, error) VALUES (?, ?, ?, ?, ?, ?, ?)";
    /** Binds: token hash, warning, person, message key. */
    static final String LINK = "INSERT INTO ack_link (token_hash, warning_id, person_id, message_key) VALUES (?, ?, ?, ?)";
    /** A delivered first message moves a waiting target on. Binds: warning, person. */
    static final String NOTIFIED = "UPDATE warning_target SET state = 'notified', updated_at = now()"
            + " WHERE warning_id = ? AND person_id = ? AND state IN ('pending', 'failed')";
    /** After the last failed attempt of a channel: failed, unless another channel delivered this round. Binds: warning, person, round. */
    static final String GAVE_UP = "UPDATE warning_target t SET state = 'failed', updated_at = now()"
            + " WHERE t.warning_id = ? AND t.person_id = ? AND t.state = 'pending' AND NOT EXISTS (SELECT 1 FROM delivery_attempt a"
            + " WHERE a.warning_id = t.warning_id AND a.person_id = t.person_id AND a.round = ? AND a.result = 'delivered')";

    /** The target, locked, for its deadline. Binds: warning, person. */
    static final String TARGET_FOR_DEADLINE = """
            SELECT t.state, t.round, t.tier, t.answered_at, w.level, w.state AS warning_state, w.expires <= now() AS expired, p.admin_code
            FROM warning_target t JOIN warning w ON w.id = t.warning_id JOIN person p ON p.id = t.person_id
            WHERE t.warning_id = ? AND t.person_id = ? FOR UPDATE OF t""";
    /**
     * The retry: round 2, state no_answer, a new deadline; one send job per channel and a deadline
     * job. Binds: seconds, warning, person, channel names (text[]).
     */
    static final String RETRY = """
            WITH t AS (
              UPDATE warning_target SET round = 2, state = 'no_answer', deadline = now() + ? * interval '1 second', updated_at = now()
              WHERE warning_id = ? AND person_id = ? RETURNING warning_id, person_id, round, deadline
            ), sends AS (
              INSERT INTO job (kind, idempotency_key, payload)
              SELECT '%1$s', concat_ws(':', 'notify', t.warning_id, t.person_id, t.round, c.ch),
                     jsonb_build_object('warning', t.warning_id, 'person', t.person_id, 'round', t.round, 'channel', c.ch)
              FROM t JOIN person p ON p.id = t.person_id CROSS JOIN unnest(?::text[]) AS c (ch)
              WHERE c.ch <> 'email' OR p.email IS NOT NULL
              ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1
            )
            INSERT INTO job (kind, idempotency_key, payload, run_at)
            SELECT '%2$s', concat_ws(':', 'deadline', t.warning_id, t.person_id, t.round),
                   jsonb_build_object('warning', t.warning_id, 'person', t.person_id, 'round', t.round), t.deadline
            FROM t ON CONFLICT (idempotency_key) DO NOTHING""".formatted(NOTIFY_KIND, DEADLINE_KIND);

    /** Binds: warning, person. */
    static final String ESCALATED = "UPDATE warning_target SET state = 'escalated', updated_at = now() WHERE warning_id = ? AND person_id = ?";

    /**
     * The people of the next tier up: walking the region's parent_code chain from the silent
     * person's region, the first ancestor (township, then county) that has people of its own tier
     * above the silent person's; they become targets (reason escalation) unless they already are.
     * Binds: the silent person's admin code, the tier rank to exceed (1 village, 2 township), warning, then warning and person of the silent target.
     * Yields how many people of the next tier there are, and how many of them became targets now (the others already were).
     */
    static final String ESCALATE = """
            WITH RECURSIVE chain AS (
              SELECT r.code, r.parent_code, r.level, 0 AS depth FROM region r WHERE r.code = ?
              UNION ALL
              SELECT r.code, r.parent_code, r.level, c.depth + 1 FROM region r JOIN chain c ON r.code = c.parent_code WHERE c.level > 3
            ), ranked AS (
              SELECT p.id, p.tier, c.depth FROM chain c
              JOIN person p ON p.admin_code = c.code AND p.tier = CASE c.level WHEN 3 THEN 'county' WHEN 4 THEN 'township' WHEN 5 THEN 'village' END
              WHERE CASE p.tier WHEN 'village' THEN 1 WHEN 'township' THEN 2 ELSE 3 END > ?
            ), nearest AS (
              SELECT id, tier FROM ranked WHERE depth = (SELECT min(depth) FROM ranked)
            ), added AS (
              INSERT INTO warning_target (warning_id, person_id, tier, hazard_ids, reasons, escalated_from)
              SELECT ?, n.id, n.tier, o.hazard_ids, ARRAY['escalation'], o.person_id
              FROM nearest n CROSS JOIN (SELECT person_id, hazard_ids FROM warning_target WHERE warning_id = ? AND person_id = ?) o
              ON CONFLICT (warning_id, person_id) DO NOTHING RETURNING 1
            )
            SELECT (SELECT count(*) FROM nearest), (SELECT count(*) FROM added)""";

    /**
     * A silent target nobody above can take over from ends as no_answer with its reason, and the
     * warning's history says so (actor {@code delivery}). Binds: end reason, end detail, warning,
     * person, then the state before.
     */
    static final String ENDED = """
            WITH ended AS (
              UPDATE warning_target SET state = 'no_answer', end_reason = ?, end_detail = ?, updated_at = now()
              WHERE warning_id = ? AND person_id = ? RETURNING warning_id, person_id, tier, state, end_reason, end_detail
            )
            INSERT INTO change_history (collection, feature_id, action, actor, old_value, new_value)
            SELECT 'warnings', e.warning_id, 'update', 'delivery', jsonb_build_object('target', e.person_id, 'tier', e.tier, 'state', ?::text),
                   jsonb_build_object('target', e.person_id, 'tier', e.tier, 'state', e.state, 'end_reason', e.end_reason, 'end_detail', e.end_detail)
            FROM ended e""";

    private DeliverySql() {
    }
}
