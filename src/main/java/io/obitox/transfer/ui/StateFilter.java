package io.obitox.transfer.ui;

import io.obitox.transfer.TransferState;
import java.util.EnumSet;
import java.util.Set;

/** Which transfers the Transfers view lists; the totals above the table always count every transfer. */
public enum StateFilter {
    ALL("All transfers", EnumSet.allOf(TransferState.class)),
    ACTIVE("Running and queued", EnumSet.of(TransferState.RUNNING, TransferState.QUEUED)),
    PAUSED("Paused", EnumSet.of(TransferState.PAUSED)),
    FAILED("Failed", EnumSet.of(TransferState.FAILED)),
    DONE("Done", EnumSet.of(TransferState.COMPLETED)),
    SKIPPED("Skipped (already in the bucket)", EnumSet.of(TransferState.SKIPPED)),
    CANCELLED("Cancelled", EnumSet.of(TransferState.CANCELLED));

    private final String label;
    private final Set<TransferState> states;

    StateFilter(String label, Set<TransferState> states) {
        this.label = label;
        this.states = states;
    }

    /** The states this filter lets through (the query asks the database for these). */
    public Set<TransferState> states() {
        return EnumSet.copyOf(states);
    }

    public boolean shows(TransferState state) {
        return state != null && states.contains(state);
    }

    @Override
    public String toString() {
        return label;
    }
}
