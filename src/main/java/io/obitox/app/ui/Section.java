package io.obitox.app.ui;

import javafx.scene.input.KeyCode;

/** The main window's navigation entries, in order, with their keyboard shortcut (Ctrl+digit). */
public enum Section {
    UPLOAD("Upload", KeyCode.DIGIT1),
    TRANSFERS("Transfers", KeyCode.DIGIT2),
    BUCKETS("Buckets", KeyCode.DIGIT3),
    PROFILES("Profiles", KeyCode.DIGIT4),
    LINKS("Links", KeyCode.DIGIT5),
    WEBHOOKS("Webhooks", KeyCode.DIGIT6),
    SETTINGS("Settings", KeyCode.DIGIT7),
    WATCH("Watch folders", KeyCode.DIGIT8);

    private final String title;
    private final KeyCode shortcut;

    Section(String title, KeyCode shortcut) {
        this.title = title;
        this.shortcut = shortcut;
    }

    public String title() {
        return title;
    }

    public KeyCode shortcut() {
        return shortcut;
    }

    /** The node id of the navigation button, e.g. {@code nav-buckets}. */
    public String navId() {
        return "nav-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
