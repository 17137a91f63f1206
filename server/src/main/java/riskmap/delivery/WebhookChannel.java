package riskmap.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The outbound webhook: one JSON POST per message to the configured URL, with the headers
 * {@code Idempotency-Key} and {@code X-Riskmap-Message-Id} (both the stable message id). A 2xx
 * answer means delivered; anything else, or no answer within the timeout, is a failed attempt
 * (retried by the job). The body is documented in the README ("The webhook message"); an SMS
 * gateway reads {@code recipient.phone} and {@code text}, a WeChat Work bot {@code text}.
 */
public final class WebhookChannel implements Channel {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    public WebhookChannel(String url, int timeoutMs) {
        this.url = URI.create(url);
        this.timeout = Duration.ofMillis(timeoutMs);
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "webhook";
    }


    @Override
    public Result send(Message m) {
        HttpRequest req = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", m.messageId())
                .header("X-Riskmap-Message-Id", m.messageId())
                .POST(HttpRequest.BodyPublishers.ofString(body(m).toString(), StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<Void> r = client.send(req, HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 == 2) return Result.DELIVERED;
            return Result.failed("the webhook answered HTTP " + r.statusCode());
        } catch (IOException e) {
            return Result.failed("the webhook could not be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted while sending");
        }
    }

    /** The JSON document of one message (README: "The webhook message"). */
    static ObjectNode body(Message m) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("message_id", m.messageId());
        o.put("idempotency_key", m.messageId());
        o.put("sent_at", Instant.now().toString());
        o.put("round", m.round());
        o.put("escalation", m.escalation());
        o.put("text", m.text());
        o.put("ack_url", m.ackUrl());
        o.put("deadline", m.deadline().toString());
        ObjectNode w = o.putObject("warning");
        w.put("id", m.warning().id());
        w.put("identifier", m.warning().identifier());
        w.put("level", m.warning().level());
        w.put("level_name", m.warning().levelZh());
        w.put("color", m.warning().levelEn());
        w.put("event", m.warning().event());
        w.put("headline", m.warning().headline());
        w.put("instruction", m.warning().instruction());
        w.put("expires", m.warning().expires() == null ? null : m.warning().expires().toString());
        ObjectNode r = o.putObject("recipient");
        r.put("person_id", m.recipient().personId());
        r.put("name", m.recipient().name());
        r.put("phone", m.recipient().phone());
        r.put("unit", m.recipient().unit());
        r.put("tier", m.recipient().tier());
        r.put("admin_code", m.recipient().adminCode());
        return o;
    }
}
