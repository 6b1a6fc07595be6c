package io.obitox.sync;

/** What happened to one file (or object) of an upload or sync batch, as the {@code "action"} of its JSON row. */
public enum SyncAction {
    UPLOADED("uploaded"),
    SKIPPED_IDENTICAL("skipped-identical"),
    SKIPPED_EXISTING("skipped-existing"),
    RENAMED("renamed"),
    EXCLUDED("excluded"),
    DELETED("deleted"),
    FAILED("failed");

    private final String jsonName;

    SyncAction(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The spelling in {@code --json} output: {@code skipped-identical} … */
    public String jsonName() {
        return jsonName;
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
