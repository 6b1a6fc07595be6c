package io.obitox.cors.ui;

import javafx.beans.property.ReadOnlyBooleanProperty;

/** What the wizard needs from the view model of each step. FX thread only. */
public interface CorsWizardStep {
    /** Shown in the step header, e.g. "Origins". */
    String titleKey();

    /** True when the user may go on; false while the step is still loading. */
    ReadOnlyBooleanProperty validProperty();

    /** True while the step waits for storage. */
    ReadOnlyBooleanProperty busyProperty();

    /** Called each time the step is shown: starts what it needs (load, plan, apply, verify). */
    void enter();

    /** Stops background work of the step (the window closes, or the user went back). */
    void cancel();
}
