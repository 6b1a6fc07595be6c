package io.obitox.storage.ui;

import io.obitox.storage.ObjectDetails;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/**
 * Fills the details pane's grid from {@link ObjectDetails}: one read-only field per value (selectable, so any part
 * can be copied), multi-line fields for metadata and tags. FX thread only.
 */
final class DetailsPane {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(ZoneId.systemDefault());
    private final GridPane grid;

    DetailsPane(GridPane grid) {
        this.grid = grid;
    }

    void show(ObjectDetails d) {
        grid.getChildren().clear();
        if (d == null) {
            return;
        }
        List<Map.Entry<String, String>> rows = List.of(
                Map.entry("Key", d.key()),
                Map.entry("Size", ObjectDetailsViewModel.size(d)),
                Map.entry("Content-Type", ObjectDetailsViewModel.orDash(d.contentType())),
                Map.entry("ETag", ObjectDetailsViewModel.orDash(d.etag())),
                Map.entry("Storage class", d.storageClass()),
                Map.entry("Encryption", d.encryption().isEmpty() ? "none reported" : d.encryption()),
                Map.entry("Cache-Control", ObjectDetailsViewModel.orDash(d.cacheControl())),
                Map.entry("Content-Disposition", ObjectDetailsViewModel.orDash(d.contentDisposition())),
                Map.entry("Content-Language", ObjectDetailsViewModel.orDash(d.contentLanguage())),
                Map.entry("Last modified", d.lastModified() == null ? "—" : DATE.format(d.lastModified())),
                Map.entry("Version id", ObjectDetailsViewModel.orDash(d.versionId())),
                Map.entry("S3 URI", d.s3Uri()),
                Map.entry("URL", d.url()),
                Map.entry("Metadata", ObjectDetailsViewModel.pairs(d.metadata())),
                Map.entry("Tags", ObjectDetailsViewModel.tags(d)));
        int row = 0;
        for (Map.Entry<String, String> r : rows) {
            Label name = new Label(r.getKey());
            name.getStyleClass().add("text-muted");
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            TextInputControl value;
            if (r.getKey().equals("Metadata") || r.getKey().equals("Tags")) {
                TextArea area = new TextArea(r.getValue());
                area.setWrapText(true);
                area.setPrefRowCount(
                        Math.min(4, Math.max(1, (int) r.getValue().lines().count())));
                value = area;
            } else {
                value = new TextField(r.getValue());
            }
            value.setEditable(false);
            value.setId(
                    "detail-" + r.getKey().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
            GridPane.setHgrow(value, Priority.ALWAYS);
            grid.addRow(row++, name, value);
        }
    }
}
