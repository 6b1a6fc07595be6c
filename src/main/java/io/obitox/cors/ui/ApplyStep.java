package io.obitox.cors.ui;

import io.obitox.common.ui.CheckBadge;
import io.obitox.common.ui.StatusStyles;
import io.obitox.cors.CorsCheck;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** View of the apply-and-verify step with the check results; logic in {@link ApplyStepViewModel}. */
public final class ApplyStep {
    private final ApplyStepViewModel vm;

    @FXML
    private Label status;

    @FXML
    private Label applied;

    @FXML
    private ListView<CorsCheck> checks;

    @FXML
    private Button undoButton;

    @FXML
    private Button verifyButton;

    @FXML
    private Button browserButton;

    public ApplyStep(ApplyStepViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        status.textProperty().bind(vm.statusProperty());
        StatusStyles.follow(status, vm.statusKindProperty());
        applied.textProperty().bind(vm.appliedTextProperty());
        applied.visibleProperty().bind(vm.appliedTextProperty().isNotEmpty());
        applied.managedProperty().bind(applied.visibleProperty());
        checks.setItems(vm.checks());
        checks.setPlaceholder(new Label(""));
        checks.setCellFactory(l -> new CheckCell());
        undoButton.disableProperty().bind(vm.canUndoProperty().not());
        verifyButton.disableProperty().bind(vm.busyProperty());
        browserButton.disableProperty().bind(vm.busyProperty());
    }

    @FXML
    private void undo() {
        vm.undo();
    }

    @FXML
    private void verify() {
        vm.verify();
    }

    @FXML
    private void verifyInBrowser() {
        vm.verifyInBrowser();
    }

    /** One check: badge, name, what it saw and the fix. */
    private final class CheckCell extends ListCell<CorsCheck> {
        @Override
        protected void updateItem(CorsCheck c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label badge = CheckBadge.of(c.status());
            Label name = new Label(vm.name(c));
            name.getStyleClass().add("text-bold");
            name.setMinWidth(250);
            name.setMaxWidth(250);
            name.setWrapText(true);
            name.setMinHeight(Region.USE_PREF_SIZE);
            Label message = new Label(vm.message(c));
            message.setWrapText(true);
            message.setMinHeight(Region.USE_PREF_SIZE);
            VBox text = new VBox(2, message);
            if (!c.fix().isBlank() && c.status() != CorsCheck.Status.PASSED) {
                Label fix = new Label(vm.fixLine(c));
                fix.setWrapText(true);
                fix.setMinHeight(Region.USE_PREF_SIZE);
                fix.getStyleClass().add("text-muted");
                text.getChildren().add(fix);
            }
            text.setMaxWidth(540);
            text.setPrefWidth(540);
            setGraphic(new HBox(8, badge, name, text));
            setText(null);
        }
    }
}
