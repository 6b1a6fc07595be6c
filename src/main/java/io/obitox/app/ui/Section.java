package io.obitox.app.ui;

import javafx.scene.input.KeyCode;

/** The main window's navigation entries, in order, with their keyboard shortcut (Ctrl+digit). */
public enum Section {
    UPLOAD(KeyCode.DIGIT1),
    TRANSFERS(KeyCode.DIGIT2),
    BUCKETS(KeyCode.DIGIT3),
    PROFILES(KeyCode.DIGIT4),
    LINKS(KeyCode.DIGIT5),
    WEBHOOKS(KeyCode.DIGIT6),
    SETTINGS(KeyCode.DIGIT7),
    WATCH(KeyCode.DIGIT8);

    private final KeyCode shortcut;

    Section(KeyCode shortcut) {
        this.shortcut = shortcut;
    }

    /** The key of the navigation title in {@code messages.properties}, e.g. {@code section.upload}. */
    public String titleKey() {
        return "section." + name().toLowerCase(java.util.Locale.ROOT);
    }

    public KeyCode shortcut() {
        return shortcut;
    }

    /** The node id of the navigation button, e.g. {@code nav-buckets}. */
    public String navId() {
        return "nav-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
