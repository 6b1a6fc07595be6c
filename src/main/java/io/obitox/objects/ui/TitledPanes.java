package io.obitox.objects.ui;

import javafx.animation.PauseTransition;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.TitledPane;
import javafx.util.Duration;

/** Keyboard access to a collapsed {@link TitledPane}. FX thread only. */
public final class TitledPanes {
    private TitledPanes() {}

    /**
     * The pane's title mnemonic (e.g. Alt+J for "Ob_ject settings") opens it and moves to {@code first}. JavaFX fires
     * an action at the pane and then gives the pane the focus, so the move waits for the next pulse.
     */
    public static void openOnMnemonic(TitledPane pane, Node first) {
        PauseTransition later = new PauseTransition(Duration.ONE);
        later.setOnFinished(e -> first.requestFocus());
        pane.addEventHandler(ActionEvent.ACTION, e -> {
            if (e.getTarget() != pane) {
                return; // an action of a field inside (a choice made), bubbling up
            }
            pane.setExpanded(true);
            later.playFromStart();
            e.consume();
        });
    }
}
