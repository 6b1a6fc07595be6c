package io.obitox.objects;

import io.obitox.settings.SettingsService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Stored object-settings defaults, read alike by the CLI and the GUI, as JSON under {@code object.settings} (global),
 * {@code object.settings.<profileId>} and {@code object.settings.<profileId>.<bucket>}, like {@code
 * sync.ConflictDefaults}. Unlike the conflict policy they layer: the bucket's fields over the profile's over the
 * global ones (a profile's storage class and a bucket's Cache-Control both apply); flags go on top of that. SSE-C
 * cannot be a default: its key is never stored. Blocking database reads: off the FX thread. Thread-safe.
 */
public final class ObjectSettingsDefaults {
    public static final String PREFIX = "object.settings";
    /** The setting table's name column is 100 characters; longer bucket keys are shortened to a hash. */
    static final int MAX_NAME = 100;

    private final SettingsService settings;

    public ObjectSettingsDefaults(SettingsService settings) {
        this.settings = settings;
    }

    /** Global, then profile, then bucket defaults, each over the one before (either argument may be null). */
    public UploadSettings effective(String profileId, String bucket) {
        UploadSettings s = stored(null, null).orElse(UploadSettings.NONE);
        if (profileId != null) {
            s = s.overriddenBy(stored(profileId, null).orElse(UploadSettings.NONE));
            if (bucket != null && !bucket.isBlank()) {
                s = s.overriddenBy(stored(profileId, bucket).orElse(UploadSettings.NONE));
            }
        }
        return s;
    }

    /** What is stored at exactly this level (null profile: global; null bucket: the profile's). */
    public Optional<UploadSettings> stored(String profileId, String bucket) {
        return settings.get(name(profileId, bucket)).map(UploadSettingsJson::fromJson);
    }

    /**
     * The buckets of a profile that have defaults of their own, by name (those stored under a hash of a very long
     * name cannot be named and are left out).
     */
    public java.util.List<String> bucketsWithDefaults(String profileId) {
        String prefix = PREFIX + "." + profileId + ".";
        return settings.withPrefix(prefix).entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> e.getKey().substring(prefix.length()))
                .filter(b -> !b.startsWith("#"))
                .sorted()
                .toList();
    }

    /** Stores (after checking) the defaults of one level; {@link UploadSettings#NONE} clears them. */
    public void save(String profileId, String bucket, UploadSettings s) {
        if (s.encryption().mode() == Encryption.Mode.SSE_C) {
            throw ObjectSettingsErrors.invalid(
                    "SSE-C cannot be a default: ObitoX never stores the key.",
                    "Give --sse-c-key-file with each upload instead.");
        }
        UploadSettingsRules.check(s);
        String json = UploadSettingsJson.toJson(s);
        settings.put(name(profileId, bucket), json == null ? "" : json);
    }

    static String name(String profileId, String bucket) {
        if (profileId == null) {
            return PREFIX;
        }
        String base = PREFIX + "." + profileId;
        if (bucket == null || bucket.isBlank()) {
            return base;
        }
        String full = base + "." + bucket;
        return full.length() <= MAX_NAME ? full : base + ".#" + sha256(bucket).substring(0, 16);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
