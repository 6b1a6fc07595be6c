package io.obitox.watch.ui;

import java.io.File;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;

/** The Watch folders section (FXML beside it): binds the list and the form to {@link WatchFoldersViewModel}. */
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
    Button pauseButton;

    @FXML
    Label statusLabel;

    @FXML
    Label reasonLabel;

    private String selectedId; // kept across the once-a-second refresh, which replaces the rows

    public WatchFoldersView(WatchFoldersViewModel model) {
        this.model = model;
    }

    @FXML
    void initialize() {
        watchTable.setItems(model.rows());
        folderColumn.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().folder()));
        targetColumn.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().destination()));
        stateColumn.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().state()));
        countersColumn.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().counters()));
        folderField.textProperty().bindBidirectional(model.folderProperty());
        bucketField.textProperty().bindBidirectional(model.bucketProperty());
        prefixField.textProperty().bindBidirectional(model.prefixProperty());
        statusLabel.textProperty().bind(model.statusProperty());
        var selected = watchTable.getSelectionModel().selectedItemProperty();
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
        pauseButton.disableProperty().bind(selected.isNull());
        pauseButton
                .textProperty()
                .bind(javafx.beans.binding.Bindings.createStringBinding(
                        () -> selected.get() != null && selected.get().paused() ? "Resume" : "Pause", selected));
        reasonLabel
                .textProperty()
                .bind(javafx.beans.binding.Bindings.createStringBinding(
                        () -> selected.get() == null ? "" : selected.get().reason(), selected));
        root.sceneProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.activate();
            } else {
                model.deactivate();
            }
        });
    }

    @FXML
    void browse() {
        File f = new DirectoryChooser().showDialog(root.getScene().getWindow());
        if (f != null) {
            model.folderProperty().set(f.getPath());
        }
    }

    @FXML
    void add() {
        model.add();
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
