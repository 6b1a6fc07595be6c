package io.obitox.watch.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.Columns;
import io.obitox.watch.Watch;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;

/**
 * The Watch folders section (FXML beside it): binds the list, the selected watch's details and the add/edit form to
 * {@link WatchFoldersViewModel}. Keys: Enter on a watch edits it, Delete removes it (after asking); the buttons and
 * fields have mnemonics (Alt+N scan now, Alt+O open folder, Alt+E edit, Alt+R remove, Alt+W/S watch/save).
 */
public final class WatchFoldersView {
    private final WatchFoldersViewModel model;

    @FXML
    BorderPane root;

    @FXML
    TableView<WatchRow> watchTable;

    @FXML
    TableColumn<WatchRow, String> folderColumn;

    @FXML
    TableColumn<WatchRow, String> targetColumn;

    @FXML
    TableColumn<WatchRow, String> stateColumn;

    @FXML
    TableColumn<WatchRow, String> countersColumn;

    @FXML
    TextField folderField;

    @FXML
    TextField bucketField;

    @FXML
    TextField prefixField;

    @FXML
    TextField settleField;

    @FXML
    CheckBox validateBox;

    @FXML
    ChoiceBox<String> ifExistsChoice;

    @FXML
    ChoiceBox<Watch.AfterUpload> afterUploadChoice;

    @FXML
    Button pauseButton;

    @FXML
    Button openButton;

    @FXML
    Button editButton;

    @FXML
    Button removeButton;

    @FXML
    Button saveButton;

    @FXML
    Button cancelButton;

    @FXML
    Label statusLabel;

    @FXML
    Label reasonLabel;

    @FXML
    Label formTitle;

    @FXML
    Label activityTitle;

    @FXML
    ListView<String> activityList;

    private String selectedId; // kept across the once-a-second refresh, which replaces the rows

    private final Messages messages;

    public WatchFoldersView(WatchFoldersViewModel model, Messages messages) {
        this.model = model;
        this.messages = messages;
    }

    @FXML
    void initialize() {
        watchTable.setItems(model.rows());
        Columns.read(folderColumn, WatchRow::folder);
        Columns.withTooltips(folderColumn);
        Columns.read(targetColumn, WatchRow::destination);
        Columns.withTooltips(targetColumn);
        Columns.read(stateColumn, WatchRow::state);
        Columns.read(countersColumn, WatchRow::counters);
        bindForm();
        var selected = watchTable.getSelectionModel().selectedItemProperty();
        model.selectedProperty().bind(selected);
        selected.addListener((o, was, now) -> {
            if (now != null) {
                selectedId = now.id();
            }
        });
        model.rows().addListener((javafx.collections.ListChangeListener<WatchRow>) change -> {
            for (int i = 0; i < model.rows().size(); i++) {
                if (model.rows().get(i).id().equals(selectedId)) {
                    watchTable.getSelectionModel().select(i);
                }
            }
        });
        for (Button b : new Button[] {pauseButton, openButton, editButton, removeButton}) {
            b.disableProperty().bind(selected.isNull());
        }
        pauseButton
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> messages.get(
                                selected.get() != null && selected.get().paused()
                                        ? "watch.resume"
                                        : "watch.pauseButton"),
                        selected));
        reasonLabel
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> selected.get() == null ? "" : selected.get().reason(), selected));
        activityTitle
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> selected.get() == null
                                ? messages.get("watch.activityTitle")
                                : messages.get(
                                        "watch.activityOf", selected.get().folder()),
                        selected));
        activityList.setItems(model.activity());
        watchTable.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                edit();
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE) {
                remove();
                e.consume();
            }
        });
        root.sceneProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.activate();
            } else {
                model.deactivate();
            }
        });
    }

    private void bindForm() {
        folderField.textProperty().bindBidirectional(model.folderProperty());
        bucketField.textProperty().bindBidirectional(model.bucketProperty());
        prefixField.textProperty().bindBidirectional(model.prefixProperty());
        settleField.textProperty().bindBidirectional(model.settleSecondsProperty());
        validateBox.selectedProperty().bindBidirectional(model.validateProperty());
        ifExistsChoice.getItems().setAll(WatchFoldersViewModel.IF_EXISTS);
        ifExistsChoice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String choice) {
                return choice == null ? "" : messages.get("watch.ifExists." + choice);
            }

            @Override
            public String fromString(String s) {
                return WatchFoldersViewModel.IF_EXISTS.stream()
                        .filter(c -> toString(c).equals(s))
                        .findFirst()
                        .orElse(null);
            }
        });
        ifExistsChoice.valueProperty().bindBidirectional(model.ifExistsProperty());
        afterUploadChoice.getItems().setAll(Watch.AfterUpload.values());
        afterUploadChoice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Watch.AfterUpload a) {
                return a == null ? "" : messages.get("watch.after." + a.cliName());
            }

            @Override
            public Watch.AfterUpload fromString(String s) {
                return java.util.Arrays.stream(Watch.AfterUpload.values())
                        .filter(a -> toString(a).equals(s))
                        .findFirst()
                        .orElse(null);
            }
        });
        afterUploadChoice.valueProperty().bindBidirectional(model.afterUploadProperty());
        var editing = model.editingProperty();
        saveButton
                .textProperty()
                .bind(Bindings.when(editing.isNull())
                        .then(messages.get("watch.saveButton"))
                        .otherwise(messages.get("watch.save")));
        cancelButton.visibleProperty().bind(editing.isNotNull());
        cancelButton.managedProperty().bind(cancelButton.visibleProperty());
        formTitle
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> editing.get() == null
                                ? messages.get("watch.formTitle")
                                : messages.get(
                                        "watch.editTitle",
                                        editing.get().folder(),
                                        editing.get().destination()),
                        editing));
        statusLabel.textProperty().bind(model.statusProperty());
    }

    @FXML
    void browse() {
        DirectoryChooser chooser = new DirectoryChooser();
        File current = new File(model.folderProperty().get());
        if (current.isDirectory()) {
            chooser.setInitialDirectory(current);
        }
        File f = chooser.showDialog(root.getScene().getWindow());
        if (f != null) {
            model.folderProperty().set(f.getPath());
        }
    }

    @FXML
    void add() {
        model.save();
    }

    @FXML
    void cancelEdit() {
        model.cancelEdit();
    }

    @FXML
    void edit() {
        model.edit(watchTable.getSelectionModel().getSelectedItem());
    }

    @FXML
    void remove() {
        WatchRow row = watchTable.getSelectionModel().getSelectedItem();
        if (row == null) {
            return;
        }
        Alert confirm = new Alert(
                Alert.AlertType.CONFIRMATION,
                messages.get("watch.confirmRemove", row.folder(), row.destination()),
                ButtonType.OK,
                ButtonType.CANCEL);
        confirm.setHeaderText(null);
        confirm.initOwner(root.getScene().getWindow());
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(b -> model.remove(row));
    }

    @FXML
    void openFolder() {
        model.openFolder(watchTable.getSelectionModel().getSelectedItem());
    }

    @FXML
    void togglePause() {
        model.togglePause(watchTable.getSelectionModel().getSelectedItem());
    }

    @FXML
    void scanNow() {
        model.scanNow();
    }
}
