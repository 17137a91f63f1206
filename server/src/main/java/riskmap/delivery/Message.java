package riskmap.delivery;

import java.time.Instant;
import java.util.List;

/**
 * One message to one target of a warning, in one round, on one channel. {@code messageId} is
 * stable (the same on every re-send) and is the idempotency key the receiver deduplicates by.
 *
 * @param messageId  {@code notify:<warning>:<person>:<round>:<channel>}
 * @param round      1 = the first call, 2 = the retry after the first deadline passed
 * @param ackUrl     the person's one-time answer link
 * @param deadline   the time the answer is due
 */
public record Message(String messageId, Warning warning, Recipient recipient, int round, boolean escalation, String ackUrl, Instant deadline) {

    /** What the message says about its warning. */
    public record Warning(String id, String identifier, int level, String event, String headline, String description, String instruction,
                          Instant expires) {
        private static final List<String> LEVEL_ZH = List.of("蓝色", "黄色", "橙色", "红色");
        private static final List<String> LEVEL_EN = List.of("blue", "yellow", "orange", "red");

        public String levelZh() {
            return LEVEL_ZH.get(level - 1);
        }

        public String levelEn() {
            return LEVEL_EN.get(level - 1);
        }
    }

    /** Who receives it: phone and e-mail are personal data, handed to the channel and nowhere else. */
    public record Recipient(String personId, String name, String phone, String email, String unit, String tier, String adminCode) {
        @Override
        public String toString() {
            return "Recipient[" + personId + "]"; // never the phone or address, even by accident in a log line
        }
    }

    /** The short text an SMS or a chat message carries (Chinese, as people on duty read it). */
    public String text() {
        StringBuilder s = new StringBuilder();
        s.append('【').append(warning.levelZh()).append("预警】").append(warning.headline());
        if (round > 1) s.append("（第").append(round).append("次通知，请尽快回复）");
        if (escalation) s.append("（下级未应答，升级通知）");
        if (warning.instruction() != null) s.append(' ').append(warning.instruction());
        s.append(" 请点击确认 / Answer here: ").append(ackUrl);
        return s.toString();
    }
}
