package riskmap.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import riskmap.TestDatabase;
import riskmap.config.AppConfig;
import riskmap.jobs.JobWorker;
import riskmap.jobs.WorkerSettings;

/**
 * A worker that dies after the webhook took a message but before the attempt was recorded: a
 * second worker takes the claim over once its lease runs out and sends what was not recorded
 * again, with the same idempotency key. The guarantee checked here is the README's: at least
 * once to the gateway (a copy only for what the dead worker had sent and not recorded), exactly
 * one delivered attempt recorded per message, nothing recorded sent again, nothing lost.
 */
class DeliveryCrashTest {
    private static final int PEOPLE = 40;
    /** The dead worker's last send: after a first batch it completed (a claim takes 32 jobs), in its second batch. */
    private static final int CRASH_AT = 35;
    private static final String W = "WNCRASH01";

    /** Stands in for the process dying: nothing in the worker catches an Error, so its thread ends with its claim held. */
    private static final class Crash extends Error {
        Crash() {
            super("simulated crash after the send", null, false, false);
        }
    }

    @Test
    void a_crash_between_send_and_record_resends_only_what_was_not_recorded_and_records_each_message_once() throws Exception {
        DataSource ds = TestDatabase.database("deliverycrash", false);
        load(ds);
        try (WebhookReceiver hook = new WebhookReceiver()) {
            WebhookChannel webhook = new WebhookChannel(hook.url(), 5000);
            try (Connection c = ds.getConnection()) {
                new Calls(AppConfig.load(TestDatabase.home(), new String[0], Map.of()).delivery(), new Channels(List.of(webhook))).start(c, W);
            }
            List<String> sentByDead = new CopyOnWriteArrayList<>();
            CountDownLatch crashed = new CountDownLatch(1);
            Channel dying = new Channel() {
                @Override
                public String name() {
                    return "webhook";
                }

                @Override
                public Result send(Message m) {
                    Result r = webhook.send(m);
                    sentByDead.add(m.messageId());
                    if (sentByDead.size() == CRASH_AT) {
                        crashed.countDown();
                        throw new Crash();
                    }
                    return r;
                }
            };
            WorkerSettings settings = new WorkerSettings(1, 50, 1500, 50);
            try (JobWorker dead = new JobWorker(ds, Map.of(DeliverySql.NOTIFY_KIND, new NotifyJob(ds, new Channels(List.of(dying)), "http://localhost")), settings)
                    .start(null)) {
                assertTrue(crashed.await(30, TimeUnit.SECONDS), "the first worker reached its crash");
            }
            Set<String> recordedBeforeCrash = new TreeSet<>(TestDatabase.ids(ds, "SELECT message_key FROM delivery_attempt WHERE result = 'delivered'"));
            assertFalse(recordedBeforeCrash.isEmpty(), "the dead worker completed a batch before it died");
            assertTrue(recordedBeforeCrash.size() < CRASH_AT, "its last sends were not recorded");

            try (JobWorker next = new JobWorker(ds, Map.of(DeliverySql.NOTIFY_KIND, new NotifyJob(ds, new Channels(List.of(webhook)), "http://localhost")),
                    new WorkerSettings(2, 50, 1500, 50)).start(null)) {
                DeliveryEndToEndTest.await(() -> TestDatabase.count(ds, "SELECT count(*) FROM job WHERE kind = 'delivery.notify' AND done_at IS NULL") == 0, 30_000);
            }

            // the expected keys, from the fixture: one webhook message per person, round 1
            Set<String> expected = new TreeSet<>();
            for (int i = 1; i <= PEOPLE; i++) expected.add("notify:" + W + ":" + person(i) + ":1:webhook");
            assertEquals(expected, new TreeSet<>(hook.countByKey.keySet()), "every message reached the gateway");
            Map<String, Integer> copies = new HashMap<>();
            hook.countByKey.forEach((k, n) -> copies.put(k, n.get()));
            for (String k : recordedBeforeCrash) assertEquals(1, copies.get(k), k + ": recorded before the crash, so never sent again");
            Set<String> unrecorded = new TreeSet<>(sentByDead);
            unrecorded.removeAll(recordedBeforeCrash);
            for (var e : copies.entrySet()) {
                int allowed = unrecorded.contains(e.getKey()) ? 2 : 1;
                assertEquals(allowed, e.getValue(), e.getKey() + (allowed == 2 ? ": sent, not recorded, so sent once more with the same key" : ": sent once"));
            }
            assertEquals(2, copies.get(sentByDead.get(CRASH_AT - 1)), "the message the worker died on went again");

            // exactly one delivered attempt per message, every target notified, every job done
            assertEquals(PEOPLE, TestDatabase.count(ds, "SELECT count(*) FROM delivery_attempt WHERE result = 'delivered'"));
            assertEquals(PEOPLE, TestDatabase.count(ds, "SELECT count(DISTINCT message_key) FROM delivery_attempt WHERE result = 'delivered'"));
            assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM delivery_attempt WHERE result <> 'delivered'"));
            assertEquals(PEOPLE, TestDatabase.count(ds, "SELECT count(*) FROM warning_target WHERE warning_id = '" + W + "' AND state = 'notified'"));
            assertEquals(0, TestDatabase.count(ds, "SELECT count(*) FROM job WHERE kind = 'delivery.notify' AND failed"));
            // each prepared send stored a link of its own: one for what was recorded before the crash, two for what was sent again
            Map<String, Long> links = new HashMap<>();
            for (String k : TestDatabase.ids(ds, "SELECT message_key FROM ack_link WHERE warning_id = '" + W + "'")) links.merge(k, 1L, Long::sum);
            assertEquals(expected, links.keySet());
            for (String k : recordedBeforeCrash) assertEquals(1L, links.get(k), k);
            for (String k : unrecorded) assertEquals(2L, links.get(k), k);
            links.values().forEach(n -> assertTrue(n <= 2, links.toString()));
        }
    }

    private static String person(int i) {
        return String.format("PS72%04d", i);
    }

    private static void load(DataSource ds) throws Exception {
        TestDatabase.emptyFeatureTables(ds);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO person (id, name, phone, tier, admin_code) SELECT format('PS72%s', lpad(i::text, 4, '0')), '村责任人' || i,"
                    + " '139' || lpad(i::text, 8, '0'), 'village', '500101145200' FROM generate_series(1, " + PEOPLE + ") i");
            st.execute("INSERT INTO warning (id, sender, sender_code, sender_name, msg_type, status, state, level, category, event, urgency, certainty,"
                    + " headline, description, effective, expires, area_desc, area_codes, created_by) VALUES ('" + W + "', 'test', '50010100000000', '万州区',"
                    + " 'Alert', 'Actual', 'issued', 3, 'landslide', '滑坡', 'Immediate', 'Likely', '关龙村滑坡预警', '强降雨。', now(), now() + interval '1 day',"
                    + " '关龙村', ARRAY['500101145200'], 'test')");
            st.execute("INSERT INTO warning_target (warning_id, person_id, tier, reasons) SELECT '" + W + "', id, 'village', ARRAY['duty'] FROM person");
        }
    }
}
