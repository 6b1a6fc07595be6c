package io.obitox.presign.ui;

import io.obitox.common.Messages;
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
    private final MenuItem headers;
    private final MenuItem curl;

    LinkCopyCell(BiConsumer<PresignedLink, LinkCopy> copy, Messages messages) {
        headers = new MenuItem(messages.get(LinkCopy.HEADERS.key()));
        curl = new MenuItem(messages.get(LinkCopy.CURL.key()));
        button.setText(messages.get("links.copy.button"));
        button.getStyleClass().addAll("small", "flat", "accent");
        button.setOnAction(e -> copyAs(copy, LinkCopy.LINK));
        headers.setOnAction(e -> copyAs(copy, LinkCopy.HEADERS));
        curl.setOnAction(e -> copyAs(copy, LinkCopy.CURL));
        MenuItem link = new MenuItem(messages.get(LinkCopy.LINK.key()));
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
