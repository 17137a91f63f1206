-- Delivery, acknowledgement and escalation of warnings (预警叫应, issue 10), on top of V8's
-- warning and warning_target: a durable job queue, every delivery attempt, one-time answer
-- links, people's e-mail addresses, and NOTIFY of every target change for the live board.

-- A durable job queue (riskmap.jobs). A job is done when done_at is set (failed = true when it
-- was given up); until then workers claim it with FOR UPDATE SKIP LOCKED and a lease
-- (locked_until) that runs out when the worker dies. The idempotency key makes enqueuing the
-- same effect twice a no-op. A deadline is a job whose run_at lies in the future.
CREATE TABLE job (
  id              bigserial PRIMARY KEY,
  kind            text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{1,39}$'),
  idempotency_key text NOT NULL UNIQUE CHECK (char_length(idempotency_key) BETWEEN 1 AND 200),
  payload         jsonb NOT NULL DEFAULT '{}',
  run_at          timestamptz NOT NULL DEFAULT now(),
  attempts        integer NOT NULL DEFAULT 0,
  max_attempts    integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
  locked_until    timestamptz,
  locked_by       text,
  done_at         timestamptz,
  failed          boolean NOT NULL DEFAULT false,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
-- what a claim scans: unfinished jobs by due time
CREATE INDEX job_due_idx ON job (run_at, id) WHERE done_at IS NULL;

-- People's e-mail (personal data, like the phone): the e-mail channel's address.
ALTER TABLE person ADD COLUMN email text
  CHECK (char_length(email) <= 254 AND email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$');

-- The round of calls a target is in (1 = first message, 2 = the retry after the first deadline),
-- and for an escalated-to target the person whose silence brought it in.
ALTER TABLE warning_target ADD COLUMN round smallint NOT NULL DEFAULT 1 CHECK (round BETWEEN 1 AND 2);
ALTER TABLE warning_target ADD COLUMN escalated_from text REFERENCES person (id) ON DELETE SET NULL;
ALTER TABLE warning_target DROP CONSTRAINT warning_target_reasons_check;
ALTER TABLE warning_target ADD CONSTRAINT warning_target_reasons_check
  CHECK (reasons <@ ARRAY['responsible', 'duty', 'escalation'] AND cardinality(reasons) > 0);
ALTER TABLE warning_target ADD CONSTRAINT warning_target_answer_check
  CHECK (answer IS NULL OR answer IN ('received', 'on_duty', 'need_support'));
ALTER TABLE warning_target ADD CONSTRAINT warning_target_answered_via_check
  CHECK (answered_via IS NULL OR answered_via IN ('link', 'phone', 'desk'));
CREATE INDEX warning_target_deadline_idx ON warning_target (warning_id, deadline);

-- Every attempt to hand a message to a channel. message_key is the message's idempotency key
-- (also sent as the Idempotency-Key header): a message whose attempt says 'delivered' is never sent again.
CREATE TABLE delivery_attempt (
  id           bigserial PRIMARY KEY,
  warning_id   text NOT NULL,
  person_id    text NOT NULL,
  FOREIGN KEY (warning_id, person_id) REFERENCES warning_target (warning_id, person_id) ON DELETE CASCADE,
  round        smallint NOT NULL,
  channel      text NOT NULL CHECK (channel IN ('webhook', 'email')),
  message_key  text NOT NULL CHECK (char_length(message_key) BETWEEN 1 AND 200),
  attempted_at timestamptz NOT NULL DEFAULT now(),
  result       text NOT NULL CHECK (result IN ('delivered', 'failed')),
  error        text CHECK (char_length(error) <= 1000)
);
CREATE INDEX delivery_attempt_target_idx ON delivery_attempt (warning_id, person_id);
-- at most one delivered attempt per message
CREATE UNIQUE INDEX delivery_attempt_delivered_idx ON delivery_attempt (message_key) WHERE result = 'delivered';

-- One-time answer links: only the SHA-256 of the random token is stored. A link is spent by
-- its first answer (used_at); every link of a target is refused once the target has answered.
-- (A target may hold several: one per message, the retry included.)
CREATE TABLE ack_link (
  token_hash  bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
  warning_id  text NOT NULL,
  person_id   text NOT NULL,
  FOREIGN KEY (warning_id, person_id) REFERENCES warning_target (warning_id, person_id) ON DELETE CASCADE,
  -- the message the link was sent in; a re-sent message (after a crash) gets a link of its own, and both work
  message_key text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  used_at     timestamptz
);

-- The live board's feed: every change of a target's state, and every batch of new targets, as
-- a NOTIFY on riskmap_target (delivered at commit to every server's one LISTEN connection).
-- New targets notify once per statement, so issuing 50,000 targets is one notification.
CREATE FUNCTION warning_target_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.state IS DISTINCT FROM OLD.state THEN
    PERFORM pg_notify('riskmap_target', json_build_object('warning', NEW.warning_id, 'person', NEW.person_id,
      'tier', NEW.tier, 'admin_code', (SELECT admin_code FROM person WHERE id = NEW.person_id),
      'from', OLD.state, 'state', NEW.state)::text);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER warning_target_changed AFTER UPDATE OF state ON warning_target
  FOR EACH ROW EXECUTE FUNCTION warning_target_changed();

CREATE FUNCTION warning_target_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT warning_id, count(*) AS n FROM added GROUP BY warning_id LOOP
    PERFORM pg_notify('riskmap_target', json_build_object('warning', r.warning_id, 'added', r.n)::text);
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER warning_target_added AFTER INSERT ON warning_target
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION warning_target_added();
