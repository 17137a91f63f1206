package riskmap.delivery;

/**
 * A way of handing a message to a person: the outbound webhook (an SMS gateway, a WeChat Work
 * bot) or SMTP e-mail. Another gateway plugs in as one more implementation, registered by name
 * in {@link Channels}.
 *
 * <p>{@link #send} hands over one message and says whether the other side took it. It must be
 * safe to call twice with the same message (after a crash the message may be sent again): the
 * message's {@link Message#messageId} travels with it as the idempotency key, so the receiver
 * can drop the second copy. Implementations never log addresses or phone numbers.
 */
public interface Channel {
    /** {@code webhook}, {@code email}: the name stored with each attempt. */
    String name();


    /** Hands the message over; {@link Result#delivered} when the receiver accepted it. */
    Result send(Message message);

    /** What one send came to; {@code error} is for the attempt record and the log (no personal data). */
    record Result(boolean delivered, String error) {
        public static final Result DELIVERED = new Result(true, null);

        public static Result failed(String error) {
            return new Result(false, error.length() > 1000 ? error.substring(0, 1000) : error);
        }
    }
}
