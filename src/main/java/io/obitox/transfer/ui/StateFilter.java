package io.obitox.transfer.ui;

import io.obitox.transfer.TransferState;
import java.util.EnumSet;
import java.util.Set;

/** Which transfers the Transfers view lists; the totals above the table always count every transfer. */
public enum StateFilter {
    ALL(EnumSet.allOf(TransferState.class)),
    ACTIVE(EnumSet.of(TransferState.RUNNING, TransferState.QUEUED)),
    PAUSED(EnumSet.of(TransferState.PAUSED)),
    FAILED(EnumSet.of(TransferState.FAILED)),
    DONE(EnumSet.of(TransferState.COMPLETED)),
    SKIPPED(EnumSet.of(TransferState.SKIPPED)),
    CANCELLED(EnumSet.of(TransferState.CANCELLED));

    private final Set<TransferState> states;

    StateFilter(Set<TransferState> states) {
        this.states = states;
    }

    /** The key of how this filter reads in the chooser, e.g. "All transfers". */
    public String key() {
        return "transfers.filter." + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The states this filter lets through (the query asks the database for these). */
    public Set<TransferState> states() {
        return EnumSet.copyOf(states);
    }

    public boolean shows(TransferState state) {
        return state != null && states.contains(state);
    }
}
