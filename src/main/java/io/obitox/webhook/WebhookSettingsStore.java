package io.obitox.webhook;

import io.obitox.settings.SettingsService;
import java.time.Duration;

/** Loads and saves {@link WebhookSettings} as preferences; anything missing or invalid falls back to the default. */
public final class WebhookSettingsStore {
    private static final String PREFIX = "webhook.";
    private final SettingsService settings;

    public WebhookSettingsStore(SettingsService settings) {
        this.settings = settings;
    }

    public WebhookSettings load() {
        WebhookSettings d = WebhookSettings.defaults();
        try {
            return new WebhookSettings(
                    Duration.ofMillis(settings.getLong(
                            PREFIX + "timeoutMillis", d.timeout().toMillis())),
                    RetrySchedule.parse(
                            settings.get(PREFIX + "schedule", d.schedule().format())),
                    (int) settings.getLong(PREFIX + "parallelism", d.parallelism()),
                    (int) settings.getLong(PREFIX + "perEndpoint", d.perEndpoint()),
                    Duration.ofMillis(settings.getLong(
                            PREFIX + "rotationOverlapMillis",
                            d.rotationOverlap().toMillis())),
                    d.rescan());
        } catch (RuntimeException invalid) {
            return d;
        }
    }

    public void save(WebhookSettings s) {
        settings.put(PREFIX + "timeoutMillis", s.timeout().toMillis());
        settings.put(PREFIX + "schedule", s.schedule().format());
        settings.put(PREFIX + "parallelism", s.parallelism());
        settings.put(PREFIX + "perEndpoint", s.perEndpoint());
        settings.put(PREFIX + "rotationOverlapMillis", s.rotationOverlap().toMillis());
    }
}
