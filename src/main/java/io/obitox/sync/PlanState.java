package io.obitox.sync;

/**
 * What one ready file would do, as the Upload view shows it before anything is sent ({@link UploadPlans#preview}).
 */
public enum PlanState {
    /** No object at its key. */
    NEW("new"),
    /** An object at its key with other content (compared under skip-identical and ask). */
    CHANGED("changed"),
    /** An object at its key with the same content: skipped under skip-identical and ask. */
    IDENTICAL("identical (skip)"),
    /** An object at its key; the policy decides (overwrite, skip, rename, fail), content not compared. */
    EXISTS("exists"),
    /** Left out by an exclude rule. */
    EXCLUDED("excluded");

    private final String label;

    PlanState(String label) {
        this.label = label;
    }

    /** The words the Upload view shows. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
