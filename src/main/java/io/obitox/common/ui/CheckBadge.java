package io.obitox.common.ui;

import javafx.scene.control.Label;

/**
 * The glyph in front of one check of a check list (connection test, CORS verification): ✔ passed, ⚠ warning,
 * ✖ failed, – skipped. The check types of the features share these four outcome names, not a type, so the badge
 * goes by the name.
 */
public final class CheckBadge {
    private CheckBadge() {}

    public static Label of(Enum<?> status) {
        String name = status.name();
        Label badge = new Label(
                switch (name) {
                    case "PASSED" -> "✔";
                    case "WARNING" -> "⚠";
                    case "FAILED" -> "✖";
                    default -> "–";
                });
        badge.getStyleClass()
                .add(
                        switch (name) {
                            case "PASSED" -> "success";
                            case "WARNING" -> "warning";
                            case "FAILED" -> "danger";
                            default -> "text-muted";
                        });
        badge.setMinWidth(22);
        return badge;
    }
}
