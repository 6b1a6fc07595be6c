package io.obitox.notify;

import io.obitox.common.Threads;
import io.obitox.transfer.TransferEvent;
import io.obitox.transfer.TransferEvents;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the desktop when a batch (the files queued together, same {@code batchId}) is settled: every transfer of it
 * completed, failed or was cancelled. "12 files uploaded to bucket photos", "2 of 12 failed". A batch that is all
 * cancelled says nothing (the user did that). Respects the {@link #SETTING} switch.
 *
 * <p>Threading: the engine's listener only queues a check; checks run on this notifier's own thread.
 */
public final class BatchNotifier implements AutoCloseable {
    /** Settings key: "false" turns desktop notifications off. */
    public static final String SETTING = "ui.notifications";

    private static final Logger log = LoggerFactory.getLogger(BatchNotifier.class);
    private static final int REMEMBERED_BATCHES = 256;

    private final Supplier<List<TransferSnapshot>> snapshots;
    private final BooleanSupplier enabled;
    private final Notifier notifier;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Threads.daemon("obitox-batches"));
    private final Runnable unsubscribe;
    /** The outcome of each settled transfer, from the events (checks run on the worker, events on engine threads). */
    private final Map<String, TransferState> outcomes = new ConcurrentHashMap<>();
    /** What was last announced per batch, so a batch is announced again only when its outcome changes (a retry). */
    private final Map<String, Summary> announced = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Summary> eldest) {
            return size() > REMEMBERED_BATCHES;
        }
    };

    /**
     * @param snapshots the engine's current view of its transfers ({@code TransferEngine::snapshots})
     * @param enabled read at each announcement (a settings lookup), so the switch applies at once
     */
    public BatchNotifier(
            TransferEvents events,
            Supplier<List<TransferSnapshot>> snapshots,
            BooleanSupplier enabled,
            Notifier notifier) {
        this.snapshots = snapshots;
        this.enabled = enabled;
        this.notifier = notifier;
        this.unsubscribe = events.subscribe(this::onEvent);
    }

    private void onEvent(TransferEvent e) {
        TransferSnapshot s = e.snapshot();
        if (s.batchId() == null) {
            return;
        }
        TransferState outcome = outcome(e.type());
        if (outcome != null) {
            outcomes.put(s.id(), outcome);
            worker.execute(() -> check(s.batchId()));
        } else if (e.type() != TransferEvent.Type.PROGRESS) {
            outcomes.remove(s.id()); // queued, started or paused again: not settled (any more)
        }
    }

    /**
     * The outcome an event announces. From the event's type, not its snapshot: the engine reports a transfer as
     * running until its worker has let go of it, which is just after the completion event.
     */
    static TransferState outcome(TransferEvent.Type type) {
        return switch (type) {
            case COMPLETED -> TransferState.COMPLETED;
            case FAILED -> TransferState.FAILED;
            case CANCELLED -> TransferState.CANCELLED;
            default -> null;
        };
    }

    private void check(String batchId) {
        try {
            List<TransferSnapshot> batch = new ArrayList<>();
            for (TransferSnapshot s : snapshots.get()) {
                if (batchId.equals(s.batchId())) {
                    batch.add(s);
                }
            }
            if (batch.isEmpty() || !batch.stream().allMatch(s -> outcomes.containsKey(s.id()))) {
                return;
            }
            Summary summary = Summary.of(batch, id -> outcomes.get(id));
            if (summary.equals(announced.put(batchId, summary))) {
                return;
            }
            if (summary.completed() + summary.failed() == 0 || !enabled.getAsBoolean()) {
                return;
            }
            notifier.show(message(summary));
        } catch (RuntimeException ex) {
            log.warn("Could not announce a finished batch", ex);
        }
    }

    /**
     * The counts of a settled batch.
     *
     * @param firstName the file name when the batch has one file
     * @param buckets the distinct buckets, in order
     */
    record Summary(int total, int completed, int failed, int cancelled, String firstName, List<String> buckets) {
        static Summary of(List<TransferSnapshot> batch, Function<String, TransferState> outcome) {
            int ok = 0;
            int failed = 0;
            int cancelled = 0;
            Set<String> buckets = new LinkedHashSet<>();
            for (TransferSnapshot s : batch) {
                switch (outcome.apply(s.id())) {
                    case COMPLETED -> ok++;
                    case FAILED -> failed++;
                    case CANCELLED -> cancelled++;
                    default -> {}
                }
                buckets.add(s.bucket());
            }
            return new Summary(batch.size(), ok, failed, cancelled, batch.get(0).fileName(), List.copyOf(buckets));
        }
    }

    static Notification message(Summary s) {
        String where = s.buckets().size() == 1
                ? "bucket " + s.buckets().get(0)
                : s.buckets().size() + " buckets";
        String cancelled = s.cancelled() == 0 ? "" : " " + s.cancelled() + " cancelled.";
        if (s.failed() == 0) {
            String what = s.completed() == 1 && s.total() == 1 ? s.firstName() : files(s.completed());
            return new Notification("Upload complete", what + " uploaded to " + where + "." + cancelled, false);
        }
        String body = s.failed() + " of " + files(s.total()) + " failed";
        if (s.completed() > 0) {
            body += "; " + s.completed() + " uploaded to " + where;
        } else {
            body += " (" + where + ")";
        }
        return new Notification(
                s.completed() == 0 ? "Upload failed" : "Upload finished with errors",
                body + "." + cancelled + " See Transfers for the reasons.",
                true);
    }

    private static String files(int n) {
        return n == 1 ? "1 file" : n + " files";
    }

    @Override
    public void close() {
        unsubscribe.run();
        worker.shutdownNow();
        if (notifier instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("Closing the notifier failed", e);
            }
        }
    }
}
