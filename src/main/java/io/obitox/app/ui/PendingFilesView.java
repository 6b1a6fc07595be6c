package io.obitox.app.ui;

import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Upload section until the Upload view exists: lists the files handed to ObitoX from the desktop (command line,
 * "open with", a second launch) so they are visible, and lets the user clear them.
 */
final class PendingFilesView {
    private PendingFilesView() {}

    static Node create(MainWindowViewModel vm) {
        Label title = new Label(Section.UPLOAD.title());
        title.getStyleClass().add("title-4");
        Label body = new Label("Files opened with ObitoX wait here for the upload view, which arrives in a later "
                + "version. Until then, browse and manage your storage under Buckets and Profiles.");
        body.setWrapText(true);
        body.getStyleClass().add("text-muted");

        ListView<Path> list = new ListView<>(vm.pendingFiles());
        list.setId("pendingFiles");
        list.setPlaceholder(new Label("No files yet. Open files with ObitoX, or pass them on the command line."));
        list.setCellFactory(l -> new PathCell());
        VBox.setVgrow(list, Priority.ALWAYS);

        Label count = new Label();
        count.setId("pendingCount");
        count.textProperty().bind(Bindings.size(vm.pendingFiles()).asString("%d file(s) waiting"));
        Button clear = new Button("Clear");
        clear.setId("clearPending");
        clear.disableProperty().bind(Bindings.isEmpty(vm.pendingFiles()));
        clear.setOnAction(e -> vm.pendingFiles().clear());
        HBox bar = new HBox(12, count, clear);

        VBox box = new VBox(12, title, body, list, bar);
        box.setId("uploadView");
        box.getStyleClass().add("view");
        return box;
    }

    private static final class PathCell extends ListCell<Path> {
        @Override
        protected void updateItem(Path p, boolean empty) {
            super.updateItem(p, empty);
            setText(empty || p == null ? null : p.toString());
        }
    }
}
