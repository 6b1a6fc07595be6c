package io.obitox.transfer.ui;

import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.transfer.TransferDirection;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import java.nio.file.Path;
import java.time.Instant;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One row of the Transfers table, updated in place from snapshots. FX thread only. */
public final class TransferRow {
    private final String id;
    private final Messages messages;
    private final ReadOnlyStringWrapper direction = new ReadOnlyStringWrapper(this, "direction");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name");
    private final ReadOnlyStringWrapper target = new ReadOnlyStringWrapper(this, "target");
    private final ReadOnlyStringWrapper size = new ReadOnlyStringWrapper(this, "size");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper speed = new ReadOnlyStringWrapper(this, "speed");
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper(this, "eta");
    private final ReadOnlyObjectWrapper<TransferState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private TransferSnapshot snapshot;

    TransferRow(TransferSnapshot s, Messages messages) {
        this.id = s.id();
        this.messages = messages;
        update(s);
    }

    /**
     * A running upload with every column filled, never in any queue: the Transfers table makes its first row's cells
     * for it before any real row (StepwiseRows), so that the first page does not pay for them.
     */
    static TransferRow warmUp(Messages messages) {
        return new TransferRow(
                new TransferSnapshot(
                        "warm-up",
                        "warm-up",
                        Path.of("warm-up.bin"),
                        "warm-up.bin",
                        "s3://warm-up/warm-up.bin",
                        "warm-up",
                        "warm-up.bin",
                        1 << 20,
                        1 << 19,
                        TransferState.RUNNING,
                        1 << 20,
                        1,
                        null,
                        null,
                        "warm-up",
                        null,
                        null,
                        false,
                        0,
                        Instant.EPOCH,
                        null),
                messages);
    }

    void update(TransferSnapshot s) {
        if (s.equals(snapshot)) {
            return;
        }
        snapshot = s;
        direction.set(s.direction().arrow());
        name.set(s.fileName());
        // issue 18: a download reads the other way round, from the object to the local file
        target.set(
                s.direction() == TransferDirection.DOWNLOAD
                        ? "s3://" + s.bucket() + "/" + s.key() + " → " + s.source()
                        : "s3://" + s.bucket() + "/" + s.key());
        size.set(Sizes.bytes(s.size()));
        progress.set(s.fraction());
        boolean running = s.state() == TransferState.RUNNING;
        speed.set(running ? Sizes.rate(s.speedBps()) : "");
        eta.set(running && s.etaSeconds() >= 0 ? Sizes.duration(s.etaSeconds()) : "");
        state.set(s.state());
        message.set(message(s, messages));
    }

    /** The error, else the notice, and for a completed upload what proved it intact. */
    static String message(TransferSnapshot s, Messages messages) {
        if (s.errorMessage() != null) {
            return s.errorMessage();
        }
        String verified = s.state() == TransferState.COMPLETED && s.verifiedBy() != null
                ? messages.get("transfers.row.verifiedBy", s.verifiedBy())
                : "";
        if (s.notice() == null) {
            return verified;
        }
        return verified.isEmpty() ? s.notice() : s.notice() + " " + verified;
    }

    public String id() {
        return id;
    }

    public TransferSnapshot snapshot() {
        return snapshot;
    }

    /** ↑ for an upload, ↓ for a download. */
    public ReadOnlyStringProperty directionProperty() {
        return direction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty targetProperty() {
        return target.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sizeProperty() {
        return size.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty speedProperty() {
        return speed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TransferState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
