package io.obitox.cors.ui;

import io.obitox.common.ui.StatusStyles;
import io.obitox.cors.CorsDiff;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

/** View of the review step: summary, notes and the coloured diff; logic in {@link ReviewStepViewModel}. */
public final class ReviewStep {
    private final ReviewStepViewModel vm;

    @FXML
    private Label status;

    @FXML
    private Label summary;

    @FXML
    private Label notes;

    @FXML
    private ListView<CorsDiff.Line> diff;

    public ReviewStep(ReviewStepViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        status.textProperty().bind(vm.statusProperty());
        StatusStyles.follow(status, vm.statusKindProperty());
        summary.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> String.join(
                                "\n", vm.summary().stream().map(s -> "• " + s).toList()),
                        vm.summary()));
        notes.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", vm.notes()), vm.notes()));
        notes.visibleProperty().bind(Bindings.isNotEmpty(vm.notes()));
        notes.managedProperty().bind(notes.visibleProperty());
        diff.setItems(vm.diff());
        diff.setPlaceholder(new Label(""));
        diff.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(CorsDiff.Line line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("diff-added", "diff-removed");
                if (empty || line == null) {
                    setText(null);
                    return;
                }
                setText(vm.lineText(line));
                if (line.kind() == '+') {
                    getStyleClass().add("diff-added");
                } else if (line.kind() == '-') {
                    getStyleClass().add("diff-removed");
                }
            }
        });
    }
}
