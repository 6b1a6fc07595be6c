package io.obitox.common.ui;

import java.util.function.Function;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/**
 * Text with the whole text as a tooltip, for columns that cut long values short (a URL, an error sentence). One
 * tooltip per cell, made the first time the cell shows text and reused as the cell is: a Tooltip is a popup with a
 * scene of its own, and one per visible row cost the first display of a page of queued transfers tens of ms.
 */
public class TextCell<S> extends TableCell<S, String> {
    private final Function<String, String> tip;
    private Tooltip whole;

    /** The tooltip repeats the text. */
    public TextCell() {
        this(Function.identity());
    }

    /** The tooltip says {@code tip} of the text (e.g. what an arrow means). */
    public TextCell(Function<String, String> tip) {
        this.tip = tip;
    }

    @Override
    protected void updateItem(String text, boolean empty) {
        super.updateItem(text, empty);
        boolean blank = empty || text == null || text.isEmpty();
        setText(blank ? null : text);
        if (blank) {
            setTooltip(null);
            return;
        }
        if (whole == null) {
            whole = new Tooltip();
        }
        whole.setText(tip.apply(text));
        setTooltip(whole);
    }
}
