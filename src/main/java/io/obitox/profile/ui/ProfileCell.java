package io.obitox.profile.ui;

import io.obitox.common.Messages;
import io.obitox.profile.StorageProfile;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.VBox;

/** A profile in the list: its name in bold over its one-line summary. */
final class ProfileCell extends ListCell<StorageProfile> {
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
        setGraphic(new VBox(2, title, sub));
        setText(null);
    }
}
