package io.obitox.cors.ui;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.FlowPane;

/** View of the origins step; logic in {@link OriginsStepViewModel}. */
public final class OriginsStep {
    private final OriginsStepViewModel vm;

    @FXML
    private TextArea originsArea;

    @FXML
    private FlowPane suggestions;

    @FXML
    private Label problems;

    @FXML
    private Label notes;

    public OriginsStep(OriginsStepViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        originsArea.textProperty().bindBidirectional(vm.textProperty());
        for (String origin : vm.suggestions()) {
            Button b = new Button("+ " + origin);
            b.setId("suggest-" + origin.replaceAll("[^a-z0-9]", "-"));
            b.getStyleClass().add("small");
            b.setOnAction(e -> vm.add(origin));
            suggestions.getChildren().add(b);
        }
        problems.textProperty()
                .bind(Bindings.createStringBinding(() -> String.join("\n", vm.problems()), vm.problems()));
        problems.visibleProperty().bind(Bindings.isNotEmpty(vm.problems()));
        problems.managedProperty().bind(problems.visibleProperty());
        notes.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", vm.notes()), vm.notes()));
    }
}
