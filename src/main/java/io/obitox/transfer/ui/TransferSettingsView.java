package io.obitox.transfer.ui;

import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/** The transfer section of the Settings view; binds to {@link TransferSettingsViewModel}. */
public final class TransferSettingsView {
    private final TransferSettingsViewModel vm;

    @FXML
    private TextField thresholdField;

    @FXML
    private TextField partSizeField;

    @FXML
    private TextField concurrencyField;

    @FXML
    private TextField filesField;

    @FXML
    private TextField bandwidthField;

    @FXML
    private CheckBox autoResumeBox;

    @FXML
    private Label status;

    public TransferSettingsView(TransferSettingsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        thresholdField.textProperty().bindBidirectional(vm.thresholdMibProperty());
        partSizeField.textProperty().bindBidirectional(vm.partSizeMibProperty());
        concurrencyField.textProperty().bindBidirectional(vm.concurrencyProperty());
        filesField.textProperty().bindBidirectional(vm.maxActiveFilesProperty());
        bandwidthField.textProperty().bindBidirectional(vm.bandwidthMibProperty());
        autoResumeBox.selectedProperty().bindBidirectional(vm.autoResumeProperty());
        status.textProperty().bind(vm.statusProperty());
        vm.errorProperty().addListener((o, a, err) -> {
            status.getStyleClass().remove("danger");
            if (err) {
                status.getStyleClass().add("danger");
            }
        });
    }

    @FXML
    private void save() {
        vm.save();
    }

    @FXML
    private void reset() {
        vm.reset();
    }
}
