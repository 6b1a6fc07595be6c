package io.obitox.webhook;

import io.obitox.common.ObitoxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The events an endpoint can subscribe to, with their wire names ({@code upload.completed} …). */
public enum WebhookEventType {
    UPLOAD_COMPLETED("upload.completed"),
    UPLOAD_FAILED("upload.failed"),
    /** Sent on request ("Send test event", {@code obitox webhooks test}); every endpoint receives it. */
    WEBHOOK_TEST("webhook.test");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The events a new endpoint gets when none are named. */
    public static Set<WebhookEventType> defaults() {
        return EnumSet.of(UPLOAD_COMPLETED, UPLOAD_FAILED);
    }

    /** The events an endpoint can choose (the test event always reaches it). */
    public static List<WebhookEventType> subscribable() {
        return List.of(UPLOAD_COMPLETED, UPLOAD_FAILED);
    }

    public static WebhookEventType parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (WebhookEventType t : values()) {
            if (t.wireName.equals(n) || t.name().toLowerCase(Locale.ROOT).equals(n)) {
                return t;
            }
        }
        throw new ObitoxException(
                "UNKNOWN_WEBHOOK_EVENT",
                "'" + name.trim() + "' is not a webhook event.",
                "Use upload.completed, upload.failed or both (comma-separated).");
    }

    /** Parses a comma-separated list; an empty list means the defaults. */
    public static Set<WebhookEventType> parseList(String list) {
        if (list == null || list.isBlank()) {
            return defaults();
        }
        Set<WebhookEventType> out = EnumSet.noneOf(WebhookEventType.class);
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        return out.isEmpty() ? defaults() : out;
    }

    /** Comma-separated wire names, in declaration order (how the database stores them). */
    public static String format(Set<WebhookEventType> events) {
        List<String> names = new ArrayList<>();
        for (WebhookEventType t : values()) {
            if (events.contains(t)) {
                names.add(t.wireName);
            }
        }
        return String.join(",", names);
    }
}
