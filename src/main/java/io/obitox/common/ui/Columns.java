package io.obitox.common.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.TextAlignment;

/**
 * Table column set-up the views share: what a column shows (a row's property, or a value read once from an
 * immutable row) and how (plain, text with a tooltip, a label coloured by a style class).
 */
public final class Columns {
    private Columns() {}

    /** What an empty table says: wrapped and centred, so a long sentence (or its translation) is not cut. */
    public static void placeholder(TableView<?> table, String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setTextAlignment(TextAlignment.CENTER);
        table.setPlaceholder(l);
    }

    /** The column follows the row's property (rows that change in place: transfers, deliveries). */
    public static <S, T> void follow(TableColumn<S, T> column, Function<S, ? extends ObservableValue<T>> property) {
        column.setCellValueFactory(c -> property.apply(c.getValue()));
    }

    /** The column shows a value read once from the row (immutable rows: records from a service). */
    public static <S, T> void read(TableColumn<S, T> column, Function<S, T> value) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    }

    /** Cells that show the whole text as a tooltip, for a column too narrow for its longest values. */
    public static <S> void withTooltips(TableColumn<S, String> column) {
        column.setCellFactory(c -> new TextCell<>());
    }

    /** Cells that show the text and, as a tooltip, {@code tip} of it (what a symbol means). */
    public static <S> void withTooltips(TableColumn<S, String> column, Function<String, String> tip) {
        column.setCellFactory(c -> new TextCell<>(tip));
    }

    /** Like {@link #withTooltips}, cut in the middle: a URL's host and its last path segment matter most. */
    public static <S> void withTooltipsCutInTheMiddle(TableColumn<S, String> column) {
        column.setCellFactory(c -> {
            TextCell<S> cell = new TextCell<>();
            cell.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
            return cell;
        });
    }

    /**
     * Cells that show {@code label} of the value, with the style class {@code style} gives (null for none): a
     * state column coloured like the status lines ("success", "danger", "warning", "accent").
     */
    public static <S, T> void styled(TableColumn<S, T> column, Function<T, String> label, Function<T, String> style) {
        column.setCellFactory(c -> new TableCell<>() {
            private String applied;

            @Override
            protected void updateItem(T value, boolean empty) {
                super.updateItem(value, empty);
                if (applied != null) {
                    getStyleClass().remove(applied);
                    applied = null;
                }
                if (empty || value == null) {
                    setText(null);
                    return;
                }
                setText(label.apply(value));
                applied = style.apply(value);
                if (applied != null) {
                    getStyleClass().add(applied);
                }
            }
        });
    }
}
