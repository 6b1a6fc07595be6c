package io.obitox.sync.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.EnumLabels;
import io.obitox.sync.ConflictChoice;
import javafx.fxml.FXML;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldListCell;
import javafx.scene.input.KeyCode;

/**
 * Settings → existing files and exclude rules; binds to {@link SyncSettingsViewModel}. A rule is typed in the field
 * under the list (Enter adds it); lines are edited in place (double-click, Enter commits); Delete removes the
 * selected line. Per-profile and per-bucket defaults: pick a profile, type a bucket (or none: the whole profile), pick
 * the policy, Enter or "Add default"; Delete removes the selected one.
 */
public final class SyncSettingsView {
    private final SyncSettingsViewModel vm;

    @FXML
    private ChoiceBox<ConflictChoice> ifExistsBox;

    @FXML
    private ListView<String> rulesList;

    @FXML
    private TextField newRuleField;

    @FXML
    private TextField testField;

    @FXML
    private Label testResult;

    @FXML
    private Label rulesMessage;

    @FXML
    private ListView<SyncSettingsViewModel.OverrideRow> overridesList;

    @FXML
    private ComboBox<SyncSettingsViewModel.ProfileRef> overrideProfileBox;

    @FXML
    private TextField overrideBucketField;

    @FXML
    private ChoiceBox<ConflictChoice> overrideChoiceBox;

    private final Messages messages;

    public SyncSettingsView(SyncSettingsViewModel vm, Messages messages) {
        this.vm = vm;
        this.messages = messages;
    }

    @FXML
    private void initialize() {
        ifExistsBox.setItems(vm.choices());
        ifExistsBox.setConverter(EnumLabels.converter(messages, "conflictChoice"));
        ifExistsBox.valueProperty().bindBidirectional(vm.choiceProperty());
        rulesList.setItems(vm.rules());
        rulesList.setEditable(true);
        rulesList.setCellFactory(TextFieldListCell.forListView());
        rulesList.setPlaceholder(new Label(messages.get("syncSettings.noRules")));
        rulesList.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE && rulesList.getEditingIndex() < 0) {
                removeRule();
                e.consume();
            }
        });
        newRuleField.textProperty().bindBidirectional(vm.newRuleProperty());
        newRuleField.setOnAction(e -> addRule());
        testField.textProperty().bindBidirectional(vm.testPathProperty());
        testResult.textProperty().bind(vm.testResultProperty());
        rulesMessage.textProperty().bind(vm.messageProperty());
        overridesList.setItems(vm.overrides());
        overridesList.setPlaceholder(new Label(messages.get("syncSettings.noOverrides")));
        overridesList.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) {
                removeOverride();
                e.consume();
            }
        });
        overrideProfileBox.setItems(vm.profiles());
        overrideProfileBox.setOnShowing(e -> vm.reloadOverrides()); // profiles added since the view was made
        overrideProfileBox.valueProperty().bindBidirectional(vm.overrideProfileProperty());
        overrideBucketField.textProperty().bindBidirectional(vm.overrideBucketProperty());
        overrideBucketField.setOnAction(e -> addOverride());
        overrideChoiceBox.setItems(vm.choices());
        overrideChoiceBox.setConverter(EnumLabels.converter(messages, "conflictChoice"));
        overrideChoiceBox.valueProperty().bindBidirectional(vm.overrideChoiceProperty());
        vm.errorProperty().addListener((o, a, err) -> {
            rulesMessage.getStyleClass().removeAll("danger", "text-muted");
            rulesMessage.getStyleClass().add(err ? "danger" : "text-muted");
        });
    }

    @FXML
    private void addRule() {
        vm.addRule();
        rulesList.scrollTo(rulesList.getItems().size() - 1);
    }

    @FXML
    private void removeRule() {
        vm.removeRule(rulesList.getSelectionModel().getSelectedIndex());
    }

    @FXML
    private void addOverride() {
        vm.addOverride();
    }

    @FXML
    private void removeOverride() {
        vm.removeOverride(overridesList.getSelectionModel().getSelectedIndex());
    }

    @FXML
    private void restoreDefaults() {
        vm.restoreDefaults();
    }
}
