package io.obitox.storage.ui;

import io.obitox.common.Messages;
import io.obitox.storage.ObjectDetails;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/**
 * Fills the details pane's grid from {@link ObjectDetails}: one read-only field per value (selectable, so any part
 * can be copied) under its name, wrapped multi-line fields for metadata, tags and the headers that run long. FX thread
 * only.
 */
final class DetailsPane {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(ZoneId.systemDefault());
    private final GridPane grid;
    private final Messages messages;

    DetailsPane(GridPane grid, Messages messages) {
        this.grid = grid;
        this.messages = messages;
    }

    void show(ObjectDetails d) {
        grid.getChildren().clear();
        if (d == null) {
            return;
        }
        // what the object is, then how it is stored (issue 16: class, encryption, headers, metadata, tags), then where
        // keyed by the English field name (the value's id, which tests look up); the label is translated
        List<Map.Entry<String, String>> rows = List.of(
                Map.entry("Key", d.key()),
                Map.entry("Size", ObjectDetailsViewModel.size(d, messages)),
                Map.entry("Content-Type", ObjectDetailsViewModel.orDash(d.contentType())),
                Map.entry("Last modified", d.lastModified() == null ? "—" : DATE.format(d.lastModified())),
                Map.entry("ETag", ObjectDetailsViewModel.orDash(d.etag())),
                Map.entry("Storage class", d.storageClass()),
                Map.entry(
                        "Encryption", d.encryption().isEmpty() ? messages.get("details.noneReported") : d.encryption()),
                Map.entry("Cache-Control", ObjectDetailsViewModel.orDash(d.cacheControl())),
                Map.entry("Content-Disposition", ObjectDetailsViewModel.orDash(d.contentDisposition())),
                Map.entry("Content-Language", ObjectDetailsViewModel.orDash(d.contentLanguage())),
                Map.entry("Metadata", ObjectDetailsViewModel.pairs(d.metadata())),
                Map.entry("Tags", ObjectDetailsViewModel.tags(d)),
                Map.entry("Version id", ObjectDetailsViewModel.orDash(d.versionId())),
                Map.entry("S3 URI", d.s3Uri()),
                Map.entry("URL", d.url()));
        int row = 0;
        for (Map.Entry<String, String> r : rows) {
            Label name = new Label(label(r.getKey()));
            name.getStyleClass().addAll("text-muted", "text-small");
            name.setPadding(new javafx.geometry.Insets(row == 0 ? 0 : 6, 0, 0, 0));
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            TextInputControl value;
            if (WRAPPED.contains(r.getKey())) {
                // values that are often longer than the pane is wide: wrapped over as many lines as they need (≤ 4)
                TextArea area = new TextArea(r.getValue());
                area.setWrapText(true);
                area.setPrefRowCount(rows(r.getValue()));
                value = area;
            } else {
                value = new TextField(r.getValue());
            }
            value.setEditable(false);
            value.setTooltip(new Tooltip(r.getValue()));
            value.setId(
                    "detail-" + r.getKey().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
            GridPane.setHgrow(value, Priority.ALWAYS);
            // each name above its value: the pane is narrow, and the values (headers, URLs) are not
            grid.add(name, 0, row++);
            grid.add(value, 0, row++);
        }
    }

    /** The field's name in the user's language; header names (Content-Type, ETag, …) stay as HTTP spells them. */
    private String label(String field) {
        String key = LABELS.get(field);
        return key == null ? field : messages.get(key);
    }

    private static final Map<String, String> LABELS = Map.of(
            "Key", "details.field.key",
            "Size", "details.field.size",
            "Last modified", "details.field.lastModified",
            "Storage class", "details.field.storageClass",
            "Encryption", "details.field.encryption",
            "Metadata", "details.field.metadata",
            "Tags", "details.field.tags",
            "Version id", "details.field.versionId");

    /** Shown wrapped: metadata and tags (a line each), and the headers that run long. */
    private static final java.util.Set<String> WRAPPED =
            java.util.Set.of("Encryption", "Cache-Control", "Content-Disposition", "Metadata", "Tags");

    /** About how many lines a value takes wrapped across the pane (about 30 characters wide). */
    static int rows(String value) {
        int n = 0;
        for (String line : value.split("\\R", -1)) {
            n += Math.max(1, (line.length() + 29) / 30);
        }
        return Math.min(4, Math.max(1, n));
    }
}
