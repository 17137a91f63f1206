package riskmap.warning;

import java.time.Instant;

/**
 * A warning's fields, validated ({@link WarningValidator}): what a draft stores and an Update
 * or Cancel message is made from. Times are whole seconds (CAP's dateTime has no fractions).
 */
public record WarningInput(String msgType, String status, WarningLevel level, String category, String event, String urgency,
                           String certainty, String headline, String description, String instruction, Instant effective,
                           Instant expires, WarningArea area, String senderCode, String senderName) {
}
