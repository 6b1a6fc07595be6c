package io.obitox.transfer.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.Columns;
import io.obitox.transfer.IncompleteUpload;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/** The "Incomplete uploads" tab of the bucket browser; binds to {@link IncompleteUploadsViewModel}. */
public final class IncompleteUploadsView {
    private final IncompleteUploadsViewModel vm;

    @FXML
    private TableView<IncompleteUpload> table;

    @FXML
    private TableColumn<IncompleteUpload, String> keyColumn;

    @FXML
    private TableColumn<IncompleteUpload, String> ageColumn;

    @FXML
    private TableColumn<IncompleteUpload, String> sizeColumn;

    @FXML
    private TableColumn<IncompleteUpload, String> ownerColumn;

    @FXML
    private TextField daysField;

    @FXML
    private Button refreshButton;

    @FXML
    private Button abortButton;

    @FXML
    private Button abortOldButton;

    @FXML
    private Label status;

    private final Messages messages;

    public IncompleteUploadsView(IncompleteUploadsViewModel vm, Messages messages) {
        this.vm = vm;
        this.messages = messages;
    }

    @FXML
    private void initialize() {
        table.setItems(vm.items());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label(messages.get("incomplete.noneListed")));
        Columns.read(keyColumn, IncompleteUpload::key);
        Columns.withTooltips(keyColumn);
        Columns.read(ageColumn, vm::age);
        Columns.read(sizeColumn, vm::size);
        Columns.read(
                ownerColumn,
                u -> u.transferId() == null
                        ? messages.get("incomplete.otherTool")
                        : messages.get("incomplete.ourTransfer", u.transferId().substring(0, 8)));
        daysField.textProperty().bindBidirectional(vm.olderThanDaysProperty());
        status.textProperty().bind(vm.statusProperty());
        refreshButton.disableProperty().bind(vm.busyProperty());
        abortButton
                .disableProperty()
                .bind(vm.busyProperty()
                        .or(table.getSelectionModel().selectedItemProperty().isNull()));
        abortOldButton.disableProperty().bind(vm.busyProperty());
    }

    @FXML
    private void refresh() {
        vm.refresh();
    }

    @FXML
    private void abortSelected() {
        vm.abort(table.getSelectionModel().getSelectedItems());
    }

    @FXML
    private void abortOld() {
        vm.abortOlderThan();
    }
}
