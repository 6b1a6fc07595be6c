package io.obitox.objects.ui;

import io.obitox.objects.Encryption;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The object-settings form as controls, bound to an {@link ObjectSettingsViewModel}; built in code so the Upload and
 * Profiles views can each place it (inside their own FXML). Mnemonics: Storage cl<u>a</u>ss, Encr<u>y</u>ption,
 * KMS <u>k</u>ey ID / Choose <u>k</u>ey file (never shown together), Cac<u>h</u>e-Control, Content-D<u>i</u>sposition,
 * Content-Lang<u>u</u>age, <u>M</u>etadata, Ta<u>g</u>s; Tab goes through the fields in reading order, also out of the
 * two text areas (Tab there moves on instead of typing a tab). FX thread only.
 */
public final class ObjectSettingsForm {
    /** Two label-field pairs a row (a wide view: Upload), or one (a narrow column: Profiles). */
    public enum Layout {
        WIDE,
        NARROW
    }

    private final ObjectSettingsViewModel vm;
    private final Layout layout;
    private final VBox root = new VBox(4);
    private final GridPane grid = new GridPane();

    public ObjectSettingsForm(ObjectSettingsViewModel vm, Layout layout) {
        this.vm = vm;
        this.layout = layout;
        build();
    }

    /** Places a node at its cell in the wide layout, or at its own row (column 0: label, 1: field) in the narrow one. */
    private void put(Node n, int col, int row, int span, int narrowCol, int narrowRow) {
        if (layout == Layout.WIDE) {
            grid.add(n, col, row, span, 1);
        } else {
            grid.add(n, narrowCol, narrowRow);
        }
    }

    public Node root() {
        return root;
    }

    private void build() {
        root.getStyleClass().add("object-settings-form");
        grid.setHgap(10);
        grid.setVgap(6);
        ColumnConstraints label = new ColumnConstraints();
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setHalignment(javafx.geometry.HPos.RIGHT);
        ColumnConstraints field = new ColumnConstraints();
        field.setHgrow(Priority.ALWAYS);
        field.setMinWidth(150);
        field.setPrefWidth(300);
        ColumnConstraints label2 = new ColumnConstraints();
        label2.setMinWidth(Region.USE_PREF_SIZE);
        label2.setHalignment(javafx.geometry.HPos.RIGHT);
        ColumnConstraints field2 = new ColumnConstraints();
        field2.setHgrow(Priority.ALWAYS);
        field2.setMinWidth(150);
        field2.setPrefWidth(300);
        if (layout == Layout.WIDE) {
            grid.getColumnConstraints().setAll(label, field, label2, field2);
        } else {
            grid.getColumnConstraints().setAll(label, field);
        }

        // row 0: storage class | encryption
        ComboBox<String> storageClass = new ComboBox<>(vm.storageClasses());
        storageClass.setId("objectStorageClass");
        storageClass.setMaxWidth(Double.MAX_VALUE);
        storageClass.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null || s.isEmpty() ? text("objectSettings.form.bucketDefault") : s;
            }

            @Override
            public String fromString(String s) {
                return s == null || s.isBlank() || s.strip().equals(text("objectSettings.form.bucketDefault"))
                        ? ""
                        : s.strip();
            }
        });
        storageClass.editableProperty().bind(vm.anyStorageClassProperty());
        storageClass.valueProperty().bindBidirectional(vm.storageClassProperty());
        ChoiceBox<Encryption.Mode> encryption = new ChoiceBox<>(vm.encryptionModes());
        encryption.setId("objectEncryption");
        encryption.setMaxWidth(Double.MAX_VALUE);
        encryption.setConverter(new StringConverter<>() {
            @Override
            public String toString(Encryption.Mode m) {
                return ObjectSettingsLabels.modeLabel(m, vm.messages());
            }

            @Override
            public Encryption.Mode fromString(String s) {
                return null;
            }
        });
        encryption.valueProperty().bindBidirectional(vm.encryptionProperty());
        put(label(text("objectSettings.form.storageClass"), storageClass), 0, 0, 1, 0, 0);
        put(storageClass, 1, 0, 1, 1, 0);
        put(label(text("objectSettings.form.encryption"), encryption), 2, 0, 1, 0, 1);
        put(encryption, 3, 0, 1, 1, 1);

        // row 1: the encryption's own fields (KMS key, SSE-C key file), under the encryption choice
        TextField kmsKey = new TextField();
        kmsKey.setId("objectKmsKeyId");
        kmsKey.setPromptText(text("objectSettings.form.kmsPrompt"));
        kmsKey.textProperty().bindBidirectional(vm.kmsKeyIdProperty());
        HBox.setHgrow(kmsKey, Priority.ALWAYS);
        CheckBox bucketKey = new CheckBox(text("objectSettings.form.bucketKey"));
        bucketKey.setId("objectBucketKey");
        bucketKey.setMinWidth(Region.USE_PREF_SIZE);
        bucketKey.selectedProperty().bindBidirectional(vm.bucketKeyProperty());
        Label kmsLabel = label(text("objectSettings.form.kmsKeyId"), kmsKey);
        HBox kms = new HBox(8, kmsLabel, kmsKey, bucketKey);
        kms.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Button keyFile = new Button(text("objectSettings.form.chooseKeyFile"));
        keyFile.setMnemonicParsing(true);
        keyFile.setId("objectKeyFileButton");
        keyFile.setMinWidth(Region.USE_PREF_SIZE);
        keyFile.setOnAction(e -> chooseKeyFile());
        keyFile.disableProperty().bind(vm.readingKeyProperty());
        Label keyText = new Label();
        keyText.setId("objectKeyFingerprint");
        keyText.setWrapText(true);
        keyText.getStyleClass().add("text-muted");
        keyText.textProperty().bind(vm.keyTextProperty());
        HBox sseC = new HBox(8, keyFile, keyText);
        sseC.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        showWhen(kms, vm.encryptionProperty().isEqualTo(Encryption.Mode.KMS));
        showWhen(sseC, vm.encryptionProperty().isEqualTo(Encryption.Mode.SSE_C));
        StackPane encryptionDetails = new StackPane(kms, sseC);
        encryptionDetails.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        BooleanBinding hasDetails = vm.encryptionProperty()
                .isEqualTo(Encryption.Mode.KMS)
                .or(vm.encryptionProperty().isEqualTo(Encryption.Mode.SSE_C));
        showWhen(encryptionDetails, hasDetails);

        // row 1/2: ACL (or why there is none) | the encryption's fields
        ComboBox<String> acl = new ComboBox<>(vm.acls());
        acl.setId("objectAcl");
        acl.setMaxWidth(Double.MAX_VALUE);
        acl.setConverter(new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null || s.isEmpty() ? text("objectSettings.form.aclNone") : s;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        acl.valueProperty().bindBidirectional(vm.aclProperty());
        acl.disableProperty().bind(vm.aclSupportedProperty().not());
        Label aclLabel = new Label(text("objectSettings.form.cannedAcl"));
        aclLabel.setLabelFor(acl);
        aclLabel.setMinWidth(Region.USE_PREF_SIZE);
        Label aclMissing = new Label();
        aclMissing.setId("objectAclUnsupported");
        aclMissing.getStyleClass().add("text-muted");
        aclMissing
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> vm.messages()
                                .get(
                                        "objectSettings.form.noAcls",
                                        vm.providerProperty().get().displayName()),
                        vm.providerProperty()));
        aclMissing.setWrapText(true);
        showWhen(aclMissing, vm.aclSupportedProperty().not());
        showWhen(acl, vm.aclSupportedProperty());
        StackPane aclCell = new StackPane(acl, aclMissing);
        aclCell.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        int row = 1;
        // encryption details first in the tab order (right after the encryption choice)
        put(encryptionDetails, 2, row, 2, 1, 2);
        put(aclLabel, 0, row, 1, 0, 3);
        put(aclCell, 1, row, 1, 1, 3);
        row++;

        // Cache-Control | Content-Language
        TextField cache = new TextField();
        cache.setId("objectCacheControl");
        cache.setPromptText(text("objectSettings.form.cachePrompt"));
        cache.textProperty().bindBidirectional(vm.cacheControlProperty());
        TextField language = new TextField();
        language.setId("objectContentLanguage");
        language.setPromptText(text("objectSettings.form.languagePrompt"));
        language.textProperty().bindBidirectional(vm.contentLanguageProperty());
        put(label("Cac_he-Control", cache), 0, row, 1, 0, 4);
        put(cache, 1, row, 1, 1, 4);
        put(label("Content-Lang_uage", language), 2, row, 1, 0, 5);
        put(language, 3, row, 1, 1, 5);
        row++;

        // Content-Disposition: none / attachment / custom value
        ChoiceBox<ObjectSettingsViewModel.Disposition> disposition = new ChoiceBox<>(
                javafx.collections.FXCollections.observableArrayList(ObjectSettingsViewModel.Disposition.values()));
        disposition.setId("objectDisposition");
        disposition.setConverter(new StringConverter<>() {
            @Override
            public String toString(ObjectSettingsViewModel.Disposition d) {
                return d == null ? "" : text(d.key());
            }

            @Override
            public ObjectSettingsViewModel.Disposition fromString(String s) {
                return null;
            }
        });
        disposition.valueProperty().bindBidirectional(vm.dispositionProperty());
        disposition.setMaxWidth(Double.MAX_VALUE);
        TextField custom = new TextField();
        custom.setId("objectDispositionCustom");
        custom.setPromptText(text("objectSettings.form.dispositionPrompt"));
        custom.textProperty().bindBidirectional(vm.customDispositionProperty());
        showWhen(custom, vm.dispositionProperty().isEqualTo(ObjectSettingsViewModel.Disposition.CUSTOM));
        put(label("Content-D_isposition", disposition), 0, row, 1, 0, 6);
        put(disposition, 1, row, 1, 1, 6);
        put(custom, 2, row, 2, 1, 7);
        row++;

        // metadata | tags, one key=value per line
        TextArea metadata = keyValues("objectMetadata", text("objectSettings.form.metadataPrompt"));
        metadata.textProperty().bindBidirectional(vm.metadataProperty());
        TextArea tags = keyValues("objectTags", text("objectSettings.form.tagsPrompt"));
        tags.textProperty().bindBidirectional(vm.tagsProperty());
        tags.disableProperty().bind(vm.tagsSupportedProperty().not());
        tags.promptTextProperty()
                .bind(Bindings.when(vm.tagsSupportedProperty())
                        .then(text("objectSettings.form.tagsPrompt"))
                        .otherwise(Bindings.createStringBinding(
                                () -> vm.messages()
                                        .get(
                                                "objectSettings.form.noTags",
                                                vm.providerProperty().get().displayName()),
                                vm.providerProperty())));
        Label metadataLabel = label(text("objectSettings.form.metadata"), metadata);
        Label tagsLabel = label(text("objectSettings.form.tags"), tags);
        GridPane.setValignment(metadataLabel, javafx.geometry.VPos.TOP);
        GridPane.setValignment(tagsLabel, javafx.geometry.VPos.TOP);
        put(metadataLabel, 0, row, 1, 0, 8);
        put(metadata, 1, row, 1, 1, 8);
        put(tagsLabel, 2, row, 1, 0, 9);
        put(tags, 3, row, 1, 1, 9);

        Label note = new Label();
        note.setId("objectProviderNote");
        note.setWrapText(true);
        note.getStyleClass().addAll("text-muted", "text-small");
        note.textProperty().bind(vm.providerNoteProperty());
        showWhen(note, vm.providerNoteProperty().isNotEmpty());
        Label notice = new Label();
        notice.setId("objectSettingsNotice");
        notice.setWrapText(true);
        notice.getStyleClass().addAll("status-line", "warning");
        notice.textProperty().bind(vm.noticeProperty());
        showWhen(notice, vm.noticeProperty().isNotEmpty());
        Label error = new Label();
        error.setId("objectSettingsError");
        error.setWrapText(true);
        error.getStyleClass().addAll("status-line", "danger");
        error.textProperty().bind(vm.errorProperty());
        showWhen(error, vm.errorProperty().isNotEmpty());
        root.getChildren().setAll(grid, error, notice, note);
    }

    private String text(String key) {
        return vm.messages().get(key);
    }

    private void chooseKeyFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text("objectSettings.form.keyFileTitle"));
        java.io.File f = chooser.showOpenDialog(
                root.getScene() == null ? null : root.getScene().getWindow());
        if (f != null) {
            vm.chooseKeyFile(f.toPath());
        }
    }

    private static TextArea keyValues(String id, String prompt) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setPromptText(prompt);
        area.setPrefRowCount(2);
        area.setPrefColumnCount(20);
        area.setWrapText(false);
        // Tab moves on, as in every other field (a tab character is never part of a key or value)
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown()) {
                e.consume();
                area.fireEvent(new KeyEvent(
                        e.getSource(),
                        e.getTarget(),
                        KeyEvent.KEY_PRESSED,
                        "",
                        "",
                        KeyCode.TAB,
                        e.isShiftDown(),
                        true,
                        false,
                        false));
            }
        });
        return area;
    }

    private static Label label(String text, Control target) {
        Label l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static void showWhen(Node n, ObservableValue<Boolean> condition) {
        n.visibleProperty().bind(condition);
        n.managedProperty().bind(condition);
    }
}
