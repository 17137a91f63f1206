package riskmap.warning;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The CAP identifier of GB/T 35965.1 (appendix A.1.1): {@code ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N},
 * 31 characters — the issuing unit's 14-digit code ({@link SenderCode}), the time of issue in
 * Beijing time, and N, a digit 0–9 counting that unit's messages of the same second from 0.
 */
public final class WarningIdentifier {
    /** Beijing time, which the standard's times are written in. */
    public static final ZoneId BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(BEIJING);
    /** N is one digit: ten messages per unit and second. */
    public static final int PER_SECOND = 10;

    private WarningIdentifier() {
    }

    /** {@code senderCode_time_}: what every identifier of that unit and second starts with. */
    public static String prefix(String senderCode, Instant sent) {
        return senderCode + "_" + BASIC.format(sent) + "_";
    }

    public static String of(String senderCode, Instant sent, int sequence) {
        return prefix(senderCode, sent) + sequence;
    }
}
