package io.obitox.presign.ui;

import io.obitox.presign.PresignedLink;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/** "3 to send", with the headers (name: value, an SSE-C key as its placeholder) as the tooltip. */
final class LinkHeadersCell extends TableCell<PresignedLink, PresignedLink> {
    @Override
    protected void updateItem(PresignedLink link, boolean empty) {
        super.updateItem(link, empty);
        setText(empty || link == null ? null : LinkTexts.headerCount(link));
        setTooltip(
                empty || link == null || link.headers().isEmpty()
                        ? null
                        : new Tooltip("The uploader must send:\n" + LinkTexts.headerLines(link)));
    }
}
