package io.obitox.common.ui;

import io.obitox.common.ui.StatusLine.Tone;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;

/** Colours a status label by its {@link Tone}, the same way in every view. */
public final class StatusStyles {
    private StatusStyles() {}

    public static void follow(Label label, ObservableValue<Tone> tone) {
        apply(label, tone.getValue());
        tone.addListener((o, a, k) -> apply(label, k));
    }

    private static void apply(Label label, Tone k) {
        label.getStyleClass().removeAll("success", "danger", "accent", "warning");
        switch (k == null ? Tone.NONE : k) {
            case SUCCESS -> label.getStyleClass().add("success");
            case ERROR -> label.getStyleClass().add("danger");
            case WARNING -> label.getStyleClass().add("warning");
            case INFO -> label.getStyleClass().add("accent");
            default -> {}
        }
    }
}
