package io.obitox.presign.ui;

import io.obitox.common.Messages;
import io.obitox.presign.PresignedLink;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/** "3 to send", with the headers (name: value, an SSE-C key as its placeholder) as the tooltip. */
final class LinkHeadersCell extends TableCell<PresignedLink, PresignedLink> {
    private final LinkTexts texts;
    private final Messages messages;

    LinkHeadersCell(Messages messages) {
        this.messages = messages;
        this.texts = new LinkTexts(messages);
    }

    @Override
    protected void updateItem(PresignedLink link, boolean empty) {
        super.updateItem(link, empty);
        setText(empty || link == null ? null : texts.headerCount(link));
        setTooltip(
                empty || link == null || link.headers().isEmpty()
                        ? null
                        : new Tooltip(messages.get("links.texts.mustSend") + "\n" + LinkTexts.headerLines(link)));
    }
}
