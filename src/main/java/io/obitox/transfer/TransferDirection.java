package io.obitox.transfer;

/** Which way a transfer goes: a local file to an object, or an object to a local file (issue 18). */
public enum TransferDirection {
    UPLOAD("↑"),
    DOWNLOAD("↓");

    private final String arrow;

    TransferDirection(String arrow) {
        this.arrow = arrow;
    }

    /** One character for lists: ↑ upload, ↓ download. */
    public String arrow() {
        return arrow;
    }
}
