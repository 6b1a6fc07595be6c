package io.obitox.profile.ui;

import io.obitox.common.ui.CheckBadge;
import io.obitox.profile.ConnectionCheck;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;

/** One result of "Test connection": badge, name, and what it saw with the fix below. */
final class ConnectionCheckCell extends ListCell<ConnectionCheck> {
    @Override
    protected void updateItem(ConnectionCheck c, boolean empty) {
        super.updateItem(c, empty);
        if (empty || c == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        Label badge = CheckBadge.of(c.status());
        Label name = new Label(c.name());
        name.getStyleClass().add("text-bold");
        name.setMinWidth(170);
        Label msg = new Label(c.message() + (c.fix().isBlank() ? "" : "\n" + c.fix()));
        msg.setWrapText(true);
        msg.setMaxWidth(520);
        HBox row = new HBox(8, badge, name, msg);
        setGraphic(row);
        setText(null);
    }
}
