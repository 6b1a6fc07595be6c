package io.obitox.cors.ui;

import io.obitox.common.ui.StatusStyles;
import io.obitox.cors.ui.CorsWizardState.Mode;
import io.obitox.profile.StorageProfile;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleGroup;

/** View of step 1 (storage, bucket, what to do); logic in {@link ChooseBucketStepViewModel}. */
public final class ChooseBucketStep {
    private final ChooseBucketStepViewModel vm;

    @FXML
    private ComboBox<StorageProfile> profileBox;

    @FXML
    private ComboBox<String> bucketBox;

    @FXML
    private RadioButton setupRadio;

    @FXML
    private RadioButton checkRadio;

    @FXML
    private RadioButton historyRadio;

    @FXML
    private ToggleGroup modeGroup;

    @FXML
    private Label status;

    @FXML
    private Label fix;

    @FXML
    private TextArea currentJson;

    public ChooseBucketStep(ChooseBucketStepViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        profileBox.setItems(vm.profiles());
        profileBox.setCellFactory(l -> new ProfileCell());
        profileBox.setButtonCell(new ProfileCell());
        profileBox.valueProperty().bindBidirectional(vm.state().profileProperty());
        bucketBox.setItems(vm.bucketNames());
        bucketBox.valueProperty().bindBidirectional(vm.state().bucketProperty());
        setupRadio.setUserData(Mode.SETUP);
        checkRadio.setUserData(Mode.CHECK);
        historyRadio.setUserData(Mode.HISTORY);
        selectMode(vm.state().getMode());
        modeGroup.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                vm.state().modeProperty().set((Mode) t.getUserData());
            }
        });
        vm.state().modeProperty().addListener((o, a, m) -> selectMode(m));
        status.textProperty().bind(vm.statusProperty());
        StatusStyles.follow(status, vm.statusKindProperty());
        fix.textProperty().bind(vm.fixProperty());
        fix.visibleProperty().bind(vm.fixProperty().isNotEmpty());
        fix.managedProperty().bind(fix.visibleProperty());
        currentJson.textProperty().bind(vm.currentJsonProperty());
        currentJson.visibleProperty().bind(vm.currentJsonProperty().isNotEmpty());
        currentJson.managedProperty().bind(currentJson.visibleProperty());
    }

    private void selectMode(Mode m) {
        modeGroup.getToggles().stream()
                .filter(t -> t.getUserData() == m)
                .findFirst()
                .ifPresent(t -> t.setSelected(true));
    }

    @FXML
    private void refresh() {
        vm.refresh();
    }

    private final class ProfileCell extends ListCell<StorageProfile> {
        @Override
        protected void updateItem(StorageProfile p, boolean empty) {
            super.updateItem(p, empty);
            setText(empty || p == null ? null : vm.profileLabel(p));
        }
    }
}
