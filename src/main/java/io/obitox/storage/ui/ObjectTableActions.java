package io.obitox.storage.ui;

import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.storage.DeletePlan;
import io.obitox.storage.ObjectEntry;
import java.io.File;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;

/**
 * What the bucket browser's object table does beyond listing: its context menu, files dropped onto it, and the
 * confirmation before a delete. Part of {@link BucketsView}; FX thread only.
 */
final class ObjectTableActions {
    private final TableView<ObjectEntry> objects;
    private final Parent root;
    private final BucketsViewModel vm;
    private final Runnable shareLinks;
    private final Runnable downloadSelected;
    private final Runnable deleteSelected;
    private final Runnable showDetails;
    private final Messages messages;

    ObjectTableActions(
            TableView<ObjectEntry> objects,
            Parent root,
            BucketsViewModel vm,
            Runnable shareLinks,
            Runnable downloadSelected,
            Runnable deleteSelected,
            Runnable showDetails,
            Messages messages) {
        this.objects = objects;
        this.messages = messages;
        this.root = root;
        this.vm = vm;
        this.shareLinks = shareLinks;
        this.downloadSelected = downloadSelected;
        this.deleteSelected = deleteSelected;
        this.showDetails = showDetails;
    }

    void install() {
        objects.setContextMenu(contextMenu());
        installDrop();
        installDeleteConfirmation();
    }

    static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    private ContextMenu contextMenu() {
        MenuItem open = item(
                messages.get("buckets.menu.open"),
                "menuOpen",
                () -> vm.open(objects.getSelectionModel().getSelectedItem()));
        MenuItem details = item(messages.get("buckets.menu.details"), "menuDetails", showDetails);
        MenuItem copyKey = item(
                messages.get("buckets.menu.copyKey"),
                "menuCopyKey",
                () -> copy(selected().key()));
        MenuItem copyUri = item(messages.get("buckets.menu.copyUri"), "menuCopyUri", () -> copy(vm.s3Uri(selected())));
        MenuItem share = item(messages.get("buckets.shareButton"), "menuShare", shareLinks);
        MenuItem download = item(messages.get("buckets.downloadButton"), "menuDownload", downloadSelected);
        MenuItem delete = item(messages.get("buckets.deleteButton"), "menuDelete", deleteSelected);
        MenuItem refresh = item(messages.get("buckets.menu.refresh"), "menuRefresh", vm::refresh);
        ContextMenu menu = new ContextMenu(
                open,
                details,
                new SeparatorMenuItem(),
                copyKey,
                copyUri,
                share,
                download,
                new SeparatorMenuItem(),
                delete,
                refresh);
        menu.setId("objectMenu");
        menu.setOnShowing(e -> {
            ObjectEntry s = selected();
            open.setDisable(s == null || !s.folder());
            details.setDisable(s == null || s.folder());
            copyKey.setDisable(s == null);
            copyUri.setDisable(s == null);
            share.setDisable(
                    s == null || !vm.handOffs().shareAvailableProperty().get());
            download.setDisable(s == null);
            delete.setDisable(s == null);
        });
        return menu;
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        i.setOnAction(e -> action.run());
        return i;
    }

    private ObjectEntry selected() {
        return objects.getSelectionModel().getSelectedItem();
    }

    /** Files dropped onto the listing go into the folder shown, checked like a drop on the Upload view. */
    private void installDrop() {
        objects.setOnDragOver(e -> {
            if (vm.drops().availableProperty().get() && e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        objects.setOnDragDropped(e -> {
            boolean ok =
                    vm.drops().availableProperty().get() && e.getDragboard().hasFiles();
            if (ok) {
                vm.drops()
                        .drop(e.getDragboard().getFiles().stream()
                                .map(File::toPath)
                                .toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** Asks before a delete, with the plan's count, size and versioning; not blocking the FX thread's caller. */
    private void installDeleteConfirmation() {
        vm.deletes().pendingProperty().addListener((o, a, plan) -> {
            if (plan != null) {
                ask(plan);
            }
        });
    }

    private void ask(DeletePlan plan) {
        ButtonType delete =
                new ButtonType(messages.get("buckets.delete.button", plan.count()), ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(
                Alert.AlertType.CONFIRMATION, DeleteViewModel.question(plan, messages), delete, ButtonType.CANCEL);
        alert.setTitle(messages.get("buckets.delete.title"));
        alert.setHeaderText(messages.get("buckets.delete.header", plan.count(), Sizes.bytes(plan.totalBytes())));
        alert.getDialogPane().setId("deleteDialog");
        alert.getDialogPane().lookupButton(delete).setId("confirmDeleteButton");
        alert.getDialogPane().lookupButton(ButtonType.CANCEL).setId("cancelDeleteButton");
        if (root.getScene() != null) {
            alert.initOwner(root.getScene().getWindow());
        }
        alert.setOnHidden(e -> {
            if (alert.getResult() == delete) {
                vm.confirmDelete();
            } else {
                vm.deletes().dismiss();
            }
        });
        alert.show();
    }
}
