package io.obitox.storage.ui;

import io.obitox.common.Messages;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/**
 * The bucket browser's "Download…" dialog (issue 18): the local folder (through the folder chooser) and, optional,
 * "Customer key (SSE-C)…" for objects uploaded with a customer key; state in {@link DownloadDialogViewModel}. Not
 * modal to the FX thread's caller: the choice arrives when "Download" closes it. FX thread only.
 */
final class DownloadDialog {
    private final DownloadDialogViewModel vm;
    private final DownloadFolderDialog folders;
    private final DownloadKeyFileDialog keyFiles;
    private final Messages messages;

    DownloadDialog(
            DownloadDialogViewModel vm,
            DownloadFolderDialog folders,
            DownloadKeyFileDialog keyFiles,
            Messages messages) {
        this.vm = vm;
        this.folders = folders;
        this.keyFiles = keyFiles;
        this.messages = messages;
    }

    /** Asks about {@code count} entries of {@code bucket}; {@code then} gets the choice when "Download" is pressed. */
    void show(Window owner, int count, String bucket, Consumer<DownloadDialogViewModel.Choice> then) {
        vm.open(count, bucket);
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(messages.get("download.dialog.title"));
        d.headerTextProperty().bind(vm.headerProperty());
        ButtonType download = new ButtonType(messages.get("download.dialog.download"), ButtonBar.ButtonData.OK_DONE);
        // not ButtonType.CANCEL: its text follows the JVM's locale, not the language chosen in ObitoX
        ButtonType cancel = new ButtonType(messages.get("download.dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        d.getDialogPane().getButtonTypes().setAll(download, cancel);
        d.getDialogPane().setContent(content(d, count));
        d.getDialogPane().setId("downloadDialog");
        Button ok = (Button) d.getDialogPane().lookupButton(download);
        ok.setId("downloadConfirm");
        ok.disableProperty().bind(vm.readyProperty().not());
        d.getDialogPane().lookupButton(cancel).setId("downloadCancel");
        if (owner != null) {
            d.initOwner(owner);
            if (owner.getScene() != null) {
                d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
            }
        }
        d.setOnHidden(e -> {
            if (d.getResult() == download) {
                vm.choice().ifPresent(then);
            }
        });
        d.show();
    }

    private GridPane content(Dialog<ButtonType> d, int count) {
        TextField folder = new TextField();
        folder.setId("downloadFolder");
        folder.setEditable(false);
        folder.setPrefColumnCount(28);
        folder.textProperty().bind(vm.folderTextProperty());
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.textProperty().bind(vm.folderTextProperty()); // the whole path, which the field may cut
        folder.setTooltip(tip);
        Button chooseFolder = button("download.dialog.chooseFolder", "downloadChooseFolder");
        chooseFolder.setOnAction(e -> folders.ask(window(d), count).ifPresent(vm::chooseFolder));
        HBox.setHgrow(folder, Priority.ALWAYS);

        Button chooseKey = button("download.dialog.chooseKey", "downloadChooseKey");
        chooseKey.setOnAction(e -> keyFiles.ask(window(d), messages.get("download.dialog.keyTitle"))
                .ifPresent(vm::chooseKeyFile));
        Button clearKey = button("download.dialog.clearKey", "downloadClearKey");
        clearKey.setOnAction(e -> vm.clearKey());
        clearKey.disableProperty()
                .bind(vm.keyProperty().isNull().and(vm.readingKeyProperty().not()));
        Label keyText = new Label();
        keyText.setId("downloadKeyText");
        keyText.setWrapText(true);
        keyText.setPrefWidth(480);
        keyText.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        keyText.textProperty().bind(vm.keyTextProperty());
        // a fingerprint or a reason may take another line: the dialog grows with it rather than cut its buttons
        keyText.heightProperty().addListener((o, a, b) -> {
            Window w = window(d);
            if (w != null) {
                w.sizeToScene();
            }
        });
        Label hint = new Label(messages.get("download.dialog.keyHint"));
        hint.setWrapText(true);
        hint.setPrefWidth(480); // wrapped to the width of the rows above, not the other way round
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        hint.getStyleClass().addAll("text-muted", "text-small");

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, label("download.dialog.folder"), new HBox(8, folder, chooseFolder));
        grid.addRow(1, label("download.dialog.key"), new HBox(8, chooseKey, clearKey));
        grid.add(keyText, 1, 2);
        grid.add(hint, 1, 3);
        return grid;
    }

    private Button button(String key, String id) {
        Button b = new Button(messages.get(key));
        b.setMnemonicParsing(true);
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        b.setId(id);
        return b;
    }

    private Label label(String key) {
        Label l = new Label(messages.get(key));
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private static Window window(Dialog<?> d) {
        return d.getDialogPane().getScene() == null
                ? null
                : d.getDialogPane().getScene().getWindow();
    }
}
