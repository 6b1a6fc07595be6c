package io.obitox.common;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A text named by its key in {@code messages.properties} and its arguments, not yet in any language.
 *
 * <p>Why: services run for the CLI, the logs and the GUI alike and know no language, yet some of what they say is
 * shown in a view. A service hands out a reference; whoever shows it renders it with its own {@link Messages} (see
 * {@link Messages#render}), and {@link #english()} gives the English the CLI, logs and JSON keep. An argument that is
 * itself a {@code TextRef} is rendered in the same language.
 */
public record TextRef(String key, List<Object> args) {
    public TextRef {
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }

    public static TextRef of(String key, Object... args) {
        return new TextRef(key, Arrays.asList(args));
    }

    /** The text in English, the base file. */
    public String english() {
        return Messages.english().render(this);
    }
}
