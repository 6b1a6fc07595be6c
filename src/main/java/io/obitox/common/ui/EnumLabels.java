package io.obitox.common.ui;

import io.obitox.common.Messages;
import javafx.util.StringConverter;

/**
 * Shows an enum's constants in choice boxes and combo boxes in the user's language: the text of the bundle key {@code
 * PREFIX.NAME} ({@code conflictChoice.SKIP_IDENTICAL}), so the enum itself (a core type, no JavaFX, no bundle) keeps
 * only its stable name. One-way: the boxes are not editable, so {@link #fromString} is never asked for a value.
 */
public final class EnumLabels {
    private EnumLabels() {}

    public static <E extends Enum<E>> StringConverter<E> converter(Messages messages, String prefix) {
        return new StringConverter<>() {
            @Override
            public String toString(E value) {
                return value == null ? "" : messages.get(prefix + "." + value.name());
            }

            @Override
            public E fromString(String text) {
                throw new UnsupportedOperationException("not an editable box");
            }
        };
    }
}
