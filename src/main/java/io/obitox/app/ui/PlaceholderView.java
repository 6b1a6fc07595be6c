package io.obitox.app.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A section whose feature is not built yet: says so plainly instead of showing an empty pane. */
final class PlaceholderView {
    private PlaceholderView() {}

    static Node create(Section section, String text) {
        Label title = new Label(section.title());
        title.getStyleClass().add("title-4");
        Label body = new Label(text);
        body.setWrapText(true);
        body.getStyleClass().add("text-muted");
        VBox box = new VBox(12, title, body);
        box.setId(section.name().toLowerCase(java.util.Locale.ROOT) + "View");
        box.getStyleClass().add("view");
        return box;
    }
}
