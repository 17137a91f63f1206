package riskmap.delivery;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import riskmap.config.DeliveryConfig;

/**
 * SMTP e-mail through the configured relay (Jakarta Mail, implementation Eclipse Angus): plain,
 * STARTTLS (required) or implicit TLS, with AUTH when a user is set. The subject and body are
 * UTF-8 (Chinese); the headers {@code Message-ID} and {@code Idempotency-Key} carry the stable
 * message id, so a relay or mailbox that sees the message twice can tell.
 */
public final class EmailChannel implements Channel {
    private final Session session;
    private final DeliveryConfig cfg;

    public EmailChannel(DeliveryConfig cfg) {
        this.cfg = cfg;
        Properties p = new Properties();
        String proto = cfg.smtpTls().equals("tls") ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", cfg.smtpHost());
        p.put("mail." + proto + ".port", String.valueOf(cfg.smtpPort()));
        p.put("mail." + proto + ".connectiontimeout", String.valueOf(cfg.webhookTimeoutMs()));
        p.put("mail." + proto + ".timeout", String.valueOf(cfg.webhookTimeoutMs()));
        p.put("mail." + proto + ".writetimeout", String.valueOf(cfg.webhookTimeoutMs()));
        p.put("mail." + proto + ".auth", String.valueOf(!cfg.smtpUser().isEmpty()));
        if (cfg.smtpTls().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        this.session = Session.getInstance(p);
    }

    @Override
    public String name() {
        return "email";
    }


    @Override
    public Result send(Message m) {
        try {
            MimeMessage mail = new StableIdMessage(session, m.messageId());
            mail.setFrom(new InternetAddress(cfg.smtpFrom()));
            mail.setRecipient(RecipientType.TO, new InternetAddress(m.recipient().email(), m.recipient().name(), StandardCharsets.UTF_8.name()));
            mail.setSubject("【" + m.warning().levelZh() + "预警】" + m.warning().headline(), StandardCharsets.UTF_8.name());
            mail.setText(body(m), StandardCharsets.UTF_8.name());
            mail.setHeader("Idempotency-Key", m.messageId());
            try (Transport t = session.getTransport()) {
                if (cfg.smtpUser().isEmpty()) t.connect();
                else t.connect(cfg.smtpUser(), cfg.smtpPassword());
                t.sendMessage(mail, mail.getAllRecipients());
            }
            return Result.DELIVERED;
        } catch (MessagingException | java.io.UnsupportedEncodingException e) {
            // the exception text can name the address the relay refused: only its class and reply code go on
            return Result.failed("SMTP failed: " + e.getClass().getSimpleName() + smtpCode(e));
        }
    }

    private static String smtpCode(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.angus.mail.smtp.SMTPSendFailedException f) return " (reply " + f.getReturnCode() + ")";
            if (t instanceof org.eclipse.angus.mail.smtp.SMTPAddressFailedException f) return " (reply " + f.getReturnCode() + ")";
        }
        return "";
    }

    private static String body(Message m) {
        StringBuilder s = new StringBuilder();
        s.append(m.text()).append("\n\n");
        if (m.warning().description() != null) s.append(m.warning().description()).append("\n\n");
        s.append("请在 ").append(m.deadline()).append(" 前回复 / Please answer by ").append(m.deadline()).append(":\n").append(m.ackUrl()).append('\n');
        s.append("\n预警编号 / Warning: ").append(m.warning().identifier() == null ? m.warning().id() : m.warning().identifier()).append('\n');
        return s.toString();
    }

    /** A message whose Message-ID is derived from the stable message id instead of a fresh random one. */
    private static final class StableIdMessage extends MimeMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + messageId.replace(':', '.') + "@riskmap>");
        }
    }
}
