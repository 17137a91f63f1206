package riskmap.config;

import java.util.Map;

/**
 * The settings of warning delivery, acknowledgement and escalation, and of the job workers that
 * run them; part of {@link AppConfig}, read from the same sources.
 *
 * @param publicUrl          the address people's phones reach this server at, for answer links; empty: {@code http://localhost:<port>}
 * @param webhookUrl         the outbound webhook (SMS gateway, WeChat Work bot) messages are POSTed to; empty: no webhook
 * @param webhookTimeoutMs   how long one POST may take
 * @param smtpHost           the SMTP relay for e-mail; empty: no e-mail
 * @param smtpPort           its port (25, 587 with STARTTLS, 465 with TLS)
 * @param smtpFrom           the sender address
 * @param smtpUser           user for SMTP AUTH; empty: none
 * @param smtpPassword       its password
 * @param smtpTls            {@code none}, {@code starttls} (required) or {@code tls} (implicit, port 465)
 * @param ackDeadlineSeconds how long a target has to answer before the retry, and again before escalation
 * @param ackDeadlineOverrides per tier and warning level: {@code village:4} (tier and level) or {@code county} (tier) → seconds
 * @param jobWorkers         job threads in this server (0: this server runs no jobs)
 * @param jobPollMs          longest wait for a due job without a NOTIFY
 * @param jobLeaseSeconds    how long a claimed job stays claimed; a crashed server's jobs run again after this
 * @param jobRetryBaseMs     first retry delay of a failed job, doubled after each failure
 */
public record DeliveryConfig(String publicUrl, String webhookUrl, int webhookTimeoutMs, String smtpHost, int smtpPort, String smtpFrom,
                             String smtpUser, String smtpPassword, String smtpTls, int ackDeadlineSeconds,
                             Map<String, Integer> ackDeadlineOverrides, int jobWorkers, int jobPollMs, int jobLeaseSeconds,
                             int jobRetryBaseMs) {

    public DeliveryConfig {
        ackDeadlineOverrides = Map.copyOf(ackDeadlineOverrides);
    }

    static void defaults(Map<String, String> d) {
        d.put("public_url", "");
        d.put("webhook_url", "");
        d.put("webhook_timeout_ms", "10000");
        d.put("smtp_host", "");
        d.put("smtp_port", "25");
        d.put("smtp_from", "riskmap@localhost");
        d.put("smtp_user", "");
        d.put("smtp_password", "");
        d.put("smtp_tls", "none");
        d.put("ack_deadline_seconds", "300");
        d.put("ack_deadline_overrides", "");
        d.put("job_workers", "4");
        d.put("job_poll_ms", "1000");
        d.put("job_lease_seconds", "60");
        d.put("job_retry_base_ms", "1000");
    }

    /** The seconds a target of {@code tier} has to answer a warning of {@code level}: tier:level, else tier, else the default. */
    public int ackDeadlineSeconds(String tier, int level) {
        Integer s = ackDeadlineOverrides.get(tier + ":" + level);
        if (s == null) s = ackDeadlineOverrides.get(tier);
        return s == null ? ackDeadlineSeconds : s;
    }

    /** {@code village:4=180,county=600} → a map; refuses anything else with one sentence. */
    static Map<String, Integer> parseOverrides(String text) {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) continue;
            String[] kv = part.strip().split("=", 2);
            if (kv.length != 2 || !kv[0].strip().matches("(county|township|village)(:[1-4])?") || !kv[1].strip().matches("[0-9]{1,7}")
                    || Integer.parseInt(kv[1].strip()) < 1) {
                throw new StartupException("setting 'ack_deadline_overrides' must be a comma list of tier[:level]=seconds, e.g. "
                        + "village:4=180,county=600 (tiers county, township, village; levels 1-4), got '" + text + "'");
            }
            out.put(kv[0].strip(), Integer.parseInt(kv[1].strip()));
        }
        return out;
    }
}
