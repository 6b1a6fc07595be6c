package io.obitox.presign.ui;

import io.obitox.presign.PresignedLink;
import java.util.function.BiConsumer;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.TableCell;

/**
 * A "Copy" button per link (the link itself), with a menu for its headers as curl {@code -H} lines or a whole curl
 * command; its id is {@code copy-<row>}, the menu's items {@code copy-headers-<row>} and {@code copy-curl-<row>},
 * for keyboard-free tests.
 */
final class LinkCopyCell extends TableCell<PresignedLink, PresignedLink> {
    private final SplitMenuButton button = new SplitMenuButton();
    private final MenuItem headers = new MenuItem(LinkCopy.HEADERS.label());
    private final MenuItem curl = new MenuItem(LinkCopy.CURL.label());

    LinkCopyCell(BiConsumer<PresignedLink, LinkCopy> copy) {
        button.setText("Copy");
        button.getStyleClass().addAll("small", "flat", "accent");
        button.setOnAction(e -> copyAs(copy, LinkCopy.LINK));
        headers.setOnAction(e -> copyAs(copy, LinkCopy.HEADERS));
        curl.setOnAction(e -> copyAs(copy, LinkCopy.CURL));
        MenuItem link = new MenuItem(LinkCopy.LINK.label());
        link.setOnAction(e -> copyAs(copy, LinkCopy.LINK));
        button.getItems().setAll(link, headers, curl);
    }

    private void copyAs(BiConsumer<PresignedLink, LinkCopy> copy, LinkCopy what) {
        if (getItem() != null) {
            copy.accept(getItem(), what);
        }
    }

    @Override
    protected void updateItem(PresignedLink link, boolean empty) {
        super.updateItem(link, empty);
        if (empty || link == null) {
            setGraphic(null);
            return;
        }
        button.setId("copy-" + getIndex());
        headers.setId("copy-headers-" + getIndex());
        curl.setId("copy-curl-" + getIndex());
        headers.setDisable(link.headers().isEmpty()); // nothing to send but the link
        setGraphic(button);
    }
}
