package io.obitox.profile.ui;

import io.obitox.common.Messages;
import io.obitox.profile.StorageProfile;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A profile in the list: its name in bold over its one-line summary. */
final class ProfileCell extends ListCell<StorageProfile> {
    /** The list's width not left for the text: the cell's padding and a vertical scroll bar. */
    private static final double RESERVED = 28;

    private final Messages messages;

    ProfileCell(Messages messages) {
        this.messages = messages;
    }

    @Override
    protected void updateItem(StorageProfile p, boolean empty) {
        super.updateItem(p, empty);
        if (empty || p == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        Label title = new Label(p.name());
        title.getStyleClass().add("text-bold");
        Label sub = new Label(messages.render(p.summaryText()));
        sub.getStyleClass().addAll("text-muted", "text-small");
        // a long endpoint wraps the summary inside the list rather than running out under its edge
        sub.setWrapText(true);
        sub.setMinHeight(Region.USE_PREF_SIZE);
        sub.maxWidthProperty().bind(getListView().widthProperty().subtract(RESERVED));
        sub.prefWidthProperty().bind(sub.maxWidthProperty());
        setGraphic(new VBox(2, title, sub));
        setText(null);
    }
}
