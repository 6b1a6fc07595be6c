package io.obitox.validation.detect;

import io.obitox.common.TextRef;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a file's content is: its media type (without parameters), a short human description and whether the content
 * is something a computer runs (a program, script, shortcut or installer), whatever the file is called.
 *
 * <p>The description is kept twice: {@link #description()} in English (the CLI, JSON, webhooks and logs read it) and
 * {@link #text()} as a bundle reference ({@code detect.*} keys), so that a view shows it in the user's language.
 *
 * @param text the description as a bundle reference; never null
 */
public record DetectedType(String mediaType, String description, boolean executable, TextRef text) {
    /**
     * The references of descriptions without arguments, one object per key: the Upload view keeps the reference of
     * every ready file (100,000 of them), and the keys are the literals of this package, so the map stays small.
     */
    private static final Map<String, TextRef> PLAIN = new ConcurrentHashMap<>();

    /** The type of content nothing recognised. */
    public static final DetectedType UNKNOWN = of("application/octet-stream", "detect.unknown");

    /** The type reported for a file of 0 bytes (nothing to detect). */
    public static final DetectedType EMPTY = of("application/x-empty", "detect.empty");

    /** A description that is no key of ours (Tika's English names of its types) is shown as it is. */
    public DetectedType {
        Objects.requireNonNull(mediaType, "mediaType");
        description = description == null || description.isBlank() ? mediaType : description;
        text = text == null ? TextRef.of("detect.other", description) : text;
    }

    /** A type whose description is the bundle text {@code ref}: its English now, the reference for views. */
    DetectedType(String mediaType, TextRef ref, boolean executable) {
        this(mediaType, ref.english(), executable, ref);
    }

    /** Content that does not run, described by the bundle text {@code key} with {@code args}. */
    static DetectedType of(String mediaType, String key, Object... args) {
        return new DetectedType(mediaType, ref(key, args), false);
    }

    /** A program, script, shortcut or installer, described by the bundle text {@code key} with {@code args}. */
    static DetectedType program(String mediaType, String key, Object... args) {
        return new DetectedType(mediaType, ref(key, args), true);
    }

    static TextRef ref(String key, Object... args) {
        return args.length == 0 ? PLAIN.computeIfAbsent(key, k -> TextRef.of(k)) : TextRef.of(key, args);
    }

    DetectedType withType(String type) {
        return new DetectedType(type, description, executable, text);
    }
}
