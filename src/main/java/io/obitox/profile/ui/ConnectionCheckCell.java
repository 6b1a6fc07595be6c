package io.obitox.profile.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.CheckBadge;
import io.obitox.profile.ConnectionCheck;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** One result of "Test connection": badge, name, and what it saw with the fix below, in the view's language. */
final class ConnectionCheckCell extends ListCell<ConnectionCheck> {
    private static final double NAME_WIDTH = 170;
    /** The list's width not left for the text: badge, name, spacing, the cell's padding and a vertical scroll bar. */
    private static final double RESERVED = NAME_WIDTH + 80;

    private final Messages messages;

    ConnectionCheckCell(Messages messages) {
        this.messages = messages;
    }

    @Override
    protected void updateItem(ConnectionCheck c, boolean empty) {
        super.updateItem(c, empty);
        if (empty || c == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        Label badge = CheckBadge.of(c.status());
        Label name = new Label(messages.render(c.nameText(), c.name()));
        name.getStyleClass().add("text-bold");
        name.setMinWidth(NAME_WIDTH);
        name.setMaxWidth(NAME_WIDTH); // a longer name (German) wraps rather than pushing the text out of sight
        name.setWrapText(true);
        name.setMinHeight(Region.USE_PREF_SIZE);
        String fix = messages.fix(c.asMessage());
        Label msg = new Label(messages.message(c.asMessage()) + (fix.isBlank() ? "" : "\n" + fix));
        msg.setWrapText(true);
        msg.setMinHeight(Region.USE_PREF_SIZE); // the row grows to every wrapped line
        // as wide as the list leaves, so that a long text wraps instead of running out under the list's edge
        // (its preferred width too: the row's height is measured at it, and a shorter row would cut the text)
        msg.maxWidthProperty().bind(getListView().widthProperty().subtract(RESERVED));
        msg.prefWidthProperty().bind(msg.maxWidthProperty());
        HBox row = new HBox(8, badge, name, msg);
        setGraphic(row);
        setText(null);
    }
}
