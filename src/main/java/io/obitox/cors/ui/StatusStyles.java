package io.obitox.cors.ui;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;

/** Colours a status label by its {@link StepStatus}, the same way in every step view. */
final class StatusStyles {
    private StatusStyles() {}

    static void follow(Label label, ObservableValue<StepStatus> kind) {
        apply(label, kind.getValue());
        kind.addListener((o, a, k) -> apply(label, k));
    }

    private static void apply(Label label, StepStatus k) {
        label.getStyleClass().removeAll("success", "danger", "accent", "warning");
        switch (k == null ? StepStatus.NONE : k) {
            case SUCCESS -> label.getStyleClass().add("success");
            case ERROR -> label.getStyleClass().add("danger");
            case WARNING -> label.getStyleClass().add("warning");
            case INFO -> label.getStyleClass().add("accent");
            default -> {}
        }
    }
}
