package riskmap.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import riskmap.config.DeliveryConfig;

/** The channels this server sends through, from the configuration: the webhook when a URL is set, e-mail when an SMTP host is. */
public final class Channels {
    private final List<Channel> all;

    public Channels(List<Channel> all) {
        this.all = List.copyOf(all);
    }

    public static Channels from(DeliveryConfig cfg) {
        List<Channel> list = new ArrayList<>();
        if (!cfg.webhookUrl().isEmpty()) list.add(new WebhookChannel(cfg.webhookUrl(), cfg.webhookTimeoutMs()));
        if (!cfg.smtpHost().isEmpty()) list.add(new EmailChannel(cfg));
        return new Channels(list);
    }

    public Optional<Channel> named(String name) {
        return all.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The names, for the SQL that enqueues one job per target and channel. */
    public String[] names() {
        return all.stream().map(Channel::name).toArray(String[]::new);
    }
}
