package io.obitox.profile.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.StatusStyles;
import io.obitox.objects.ui.ObjectSettingsForm;
import io.obitox.objects.ui.ObjectSettingsViewModel;
import io.obitox.objects.ui.TitledPanes;
import io.obitox.profile.ConnectionCheck;
import io.obitox.profile.ProfileDraft.CredentialMode;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.Provider;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The profile manager view: binds controls to {@link ProfilesViewModel}; handlers forward in one line. */
public final class ProfilesView {
    private final ProfilesViewModel vm;
    private final ObjectDefaultsViewModel objectDefaults;
    private final Messages messages;

    @FXML
    private SplitPane root;

    @FXML
    private ListView<StorageProfile> list;

    @FXML
    private Button newButton;

    @FXML
    private Button removeButton;

    @FXML
    private Button defaultButton;

    @FXML
    private Label formTitle;

    @FXML
    private GridPane form;

    @FXML
    private TextField nameField;

    @FXML
    private ComboBox<Provider> providerBox;

    @FXML
    private TextField endpointField;

    @FXML
    private TextField regionField;

    @FXML
    private CheckBox pathStyleBox;

    @FXML
    private TextField bucketField;

    @FXML
    private ChoiceBox<CredentialMode> modeBox;

    @FXML
    private Label awsProfileLabel;

    @FXML
    private ComboBox<String> awsProfileBox;

    @FXML
    private Label accessKeyLabel;

    @FXML
    private TextField accessKeyField;

    @FXML
    private Label secretLabel;

    @FXML
    private PasswordField secretField;

    @FXML
    private Label tokenLabel;

    @FXML
    private PasswordField tokenField;

    @FXML
    private Label hint;

    @FXML
    private Button saveButton;

    @FXML
    private Button testButton;

    @FXML
    private Button cancelButton;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private Label status;

    @FXML
    private ListView<ConnectionCheck> checks;

    @FXML
    private TitledPane objectDefaultsPane;

    @FXML
    private Label objectDefaultsSummary;

    @FXML
    private HBox objectDefaultsTitle;

    @FXML
    private VBox objectDefaultsBox;

    @FXML
    private ComboBox<String> defaultsBucketBox;

    @FXML
    private ProgressIndicator defaultsProgress;

    @FXML
    private Label defaultsLayering;

    @FXML
    private HBox defaultsButtons;

    @FXML
    private Button saveDefaultsButton;

    @FXML
    private Button clearDefaultsButton;

    @FXML
    private Label defaultsStatus;

    public ProfilesView(ProfilesViewModel vm, ObjectDefaultsViewModel objectDefaults, Messages messages) {
        this.vm = vm;
        this.messages = messages;
        this.objectDefaults = objectDefaults;
    }

    @FXML
    private void initialize() {
        list.setItems(vm.profiles());
        list.setCellFactory(l -> new ProfileCell(messages));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (p != null) {
                vm.selectedProperty().set(p);
            }
        });
        vm.selectedProperty().addListener((o, a, p) -> {
            if (p == null) {
                list.getSelectionModel().clearSelection();
            } else if (!p.equals(list.getSelectionModel().getSelectedItem())) {
                list.getSelectionModel().select(p);
            }
        });

        providerBox.setItems(vm.providers());
        providerBox.valueProperty().bindBidirectional(vm.providerProperty());
        nameField.textProperty().bindBidirectional(vm.nameProperty());
        endpointField.textProperty().bindBidirectional(vm.endpointProperty());
        regionField.textProperty().bindBidirectional(vm.regionProperty());
        pathStyleBox.selectedProperty().bindBidirectional(vm.pathStyleProperty());
        bucketField.textProperty().bindBidirectional(vm.defaultBucketProperty());
        modeBox.getItems().setAll(vm.credentialModes());
        modeBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(CredentialMode m) {
                if (m == null) {
                    return "";
                }
                return switch (m) {
                    case KEYS -> messages.get("profiles.view.modeKeys");
                    case AWS_PROFILE -> messages.get("profiles.view.modeAwsProfile");
                    case DEFAULT_CHAIN -> messages.get("profiles.view.modeDefaultChain");
                };
            }

            @Override
            public CredentialMode fromString(String s) {
                return null;
            }
        });
        modeBox.valueProperty().bindBidirectional(vm.credentialModeProperty());
        awsProfileBox.setItems(vm.awsProfiles());
        awsProfileBox.valueProperty().bindBidirectional(vm.awsProfileProperty());
        accessKeyField.textProperty().bindBidirectional(vm.accessKeyIdProperty());
        secretField.textProperty().bindBidirectional(vm.secretAccessKeyProperty());
        tokenField.textProperty().bindBidirectional(vm.sessionTokenProperty());

        BooleanBinding keys = vm.credentialModeProperty().isEqualTo(CredentialMode.KEYS);
        BooleanBinding profile = vm.credentialModeProperty().isEqualTo(CredentialMode.AWS_PROFILE);
        show(keys, accessKeyLabel, accessKeyField, secretLabel, secretField, tokenLabel, tokenField);
        show(profile, awsProfileLabel, awsProfileBox);
        accessKeyField
                .promptTextProperty()
                .bind(Bindings.when(vm.keysStoredProperty())
                        .then(messages.get("profiles.view.stored"))
                        .otherwise(messages.get("profiles.view.accessKeyPrompt")));
        secretField
                .promptTextProperty()
                .bind(Bindings.when(vm.keysStoredProperty())
                        .then(messages.get("profiles.view.stored"))
                        .otherwise(""));
        form.disableProperty().bind(vm.canEditProperty().not());
        hint.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            Provider p = vm.providerProperty().get();
                            return p == null ? "" : messages.render(p.hintText(), p.hint());
                        },
                        vm.providerProperty()));
        formTitle
                .textProperty()
                .bind(Bindings.when(vm.editingNewProperty())
                        .then(messages.get("profiles.view.newProfile"))
                        .otherwise(Bindings.createStringBinding(
                                () -> vm.selectedProperty().get() == null
                                        ? messages.get("profiles.view.profile")
                                        : vm.selectedProperty().get().name(),
                                vm.selectedProperty())));

        saveButton.disableProperty().bind(vm.canEditProperty().not());
        testButton
                .disableProperty()
                .bind(vm.busyProperty()
                        .or(vm.editingNewProperty())
                        .or(vm.selectedProperty().isNull()));
        removeButton.disableProperty().bind(vm.canRemoveProperty().not());
        defaultButton.disableProperty().bind(vm.selectedProperty().isNull().or(vm.busyProperty()));
        cancelButton.visibleProperty().bind(vm.testingProperty());
        cancelButton.managedProperty().bind(cancelButton.visibleProperty());
        progress.visibleProperty().bind(vm.busyProperty());
        status.textProperty().bind(vm.statusProperty());
        StatusStyles.follow(status, vm.statusKindProperty());
        checks.setItems(vm.checks());
        checks.setCellFactory(l -> new ConnectionCheckCell(messages));
        checks.setPlaceholder(new Label(messages.get("profiles.view.checksPlaceholder")));
        initObjectDefaults();
        vm.refreshAwsProfiles();
    }

    /**
     * Issue 16: the profile's (or one bucket's) object settings defaults, in a collapsed pane under the profile. Enter
     * in its fields saves these defaults, not the profile; Alt+J opens it.
     */
    private void initObjectDefaults() {
        ObjectSettingsViewModel form = objectDefaults.form();
        Node formNode = new ObjectSettingsForm(form, ObjectSettingsForm.Layout.NARROW).root();
        objectDefaultsBox.getChildren().add(objectDefaultsBox.getChildren().indexOf(defaultsButtons), formNode);
        objectDefaultsSummary.textProperty().bind(form.summaryProperty());
        javafx.scene.control.Tooltip full = new javafx.scene.control.Tooltip();
        full.textProperty().bind(form.summaryProperty()); // the line is cut to the title's width
        objectDefaultsSummary.setTooltip(full);
        // a long profile name (or a longer language) wraps the line rather than cutting it
        objectDefaultsSummary.setWrapText(true);
        objectDefaultsSummary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        objectDefaultsTitle
                .prefWidthProperty()
                .bind(objectDefaultsPane.widthProperty().subtract(48));
        objectDefaultsTitle.maxWidthProperty().bind(objectDefaultsTitle.prefWidthProperty());
        form.validProperty().addListener((o, a, ok) -> {
            objectDefaultsSummary.getStyleClass().removeAll("text-muted", "danger-text");
            objectDefaultsSummary.getStyleClass().add(ok ? "text-muted" : "danger-text");
        });
        defaultsBucketBox.setItems(objectDefaults.bucketNames());
        defaultsBucketBox.valueProperty().bindBidirectional(objectDefaults.bucketProperty());
        defaultsLayering.textProperty().bind(objectDefaults.layeringProperty());
        defaultsProgress.visibleProperty().bind(objectDefaults.busyProperty());
        objectDefaultsBox
                .disableProperty()
                .bind(objectDefaults.profileProperty().isNull());
        saveDefaultsButton
                .disableProperty()
                .bind(objectDefaults.canSaveProperty().not());
        clearDefaultsButton
                .disableProperty()
                .bind(objectDefaults.profileProperty().isNull().or(objectDefaults.busyProperty()));
        saveButton
                .defaultButtonProperty()
                .bind(objectDefaultsPane.focusWithinProperty().not());
        saveDefaultsButton.defaultButtonProperty().bind(formNode.focusWithinProperty());
        defaultsStatus.textProperty().bind(objectDefaults.statusProperty());
        objectDefaults.errorProperty().addListener((o, a, err) -> {
            defaultsStatus.getStyleClass().removeAll("success", "danger");
            defaultsStatus.getStyleClass().add(err ? "danger" : "success");
        });
        TitledPanes.openOnMnemonic(objectDefaultsPane, defaultsBucketBox);
    }

    private static void show(BooleanBinding condition, Node... nodes) {
        for (Node n : nodes) {
            n.visibleProperty().bind(condition);
            n.managedProperty().bind(condition);
        }
    }

    @FXML
    private void newProfile() {
        vm.newProfile();
    }

    @FXML
    private void save() {
        vm.save();
    }

    @FXML
    private void test() {
        vm.test();
    }

    @FXML
    private void cancel() {
        vm.cancel();
    }

    @FXML
    private void saveDefaults() {
        objectDefaults.save();
    }

    @FXML
    private void clearDefaults() {
        objectDefaults.clear();
    }

    @FXML
    private void makeDefault() {
        vm.makeDefault();
    }

    @FXML
    private void remove() {
        StorageProfile p = vm.selectedProperty().get();
        if (p == null) {
            return;
        }
        Alert confirm = new Alert(
                Alert.AlertType.CONFIRMATION,
                messages.get(
                        p.managedKeys() ? "profiles.view.confirmRemoveKeys" : "profiles.view.confirmRemove", p.name()),
                ButtonType.OK,
                ButtonType.CANCEL);
        confirm.setHeaderText(null);
        confirm.initOwner(root.getScene().getWindow());
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(b -> vm.remove());
    }
}
