package io.obitox.cors.ui;

import io.obitox.common.Messages;
import io.obitox.cors.CorsChange;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;

/** View of the history step; logic in {@link HistoryStepViewModel}. */
public final class HistoryStep {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private final HistoryStepViewModel vm;

    @FXML
    private ListView<CorsChange> changes;

    @FXML
    private RadioButton afterRadio;

    @FXML
    private RadioButton beforeRadio;

    @FXML
    private TextArea preview;

    @FXML
    private Label status;

    private final Messages messages;

    public HistoryStep(HistoryStepViewModel vm, Messages messages) {
        this.vm = vm;
        this.messages = messages;
    }

    @FXML
    private void initialize() {
        changes.setItems(vm.changes());
        changes.setPlaceholder(new Label(messages.get("cors.history.noRecorded")));
        changes.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(CorsChange c, boolean empty) {
                super.updateItem(c, empty);
                setText(
                        empty || c == null
                                ? null
                                : "#" + c.id() + "  " + TIME.format(c.changedAt()) + "  "
                                        + (c.profile() == null ? "" : c.profile() + "  ")
                                        + messages.render(c.summaryText()));
            }
        });
        changes.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> {
            if (c != null) {
                vm.selectedProperty().set(c);
            }
        });
        vm.selectedProperty()
                .addListener((o, a, c) -> changes.getSelectionModel().select(c));
        beforeRadio.selectedProperty().bindBidirectional(vm.beforeProperty());
        afterRadio.setSelected(!vm.beforeProperty().get());
        preview.textProperty().bind(vm.previewProperty());
        status.textProperty().bind(vm.statusProperty());
    }
}
