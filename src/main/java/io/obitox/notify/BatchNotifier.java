package io.obitox.notify;

import io.obitox.common.Messages;
import io.obitox.common.Threads;
import io.obitox.settings.SettingsService;
import io.obitox.transfer.BatchTally;
import io.obitox.transfer.TransferEvent;
import io.obitox.transfer.TransferEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the desktop when a batch (the files queued together, same {@code batchId}) is settled: every transfer of it
 * completed, failed or was cancelled. "12 files uploaded to bucket photos", "2 of 12 failed". A batch that is all
 * cancelled says nothing (the user did that). Respects the {@link #SETTING} switch.
 *
 * <p>Nothing per transfer is kept: when a transfer settles, its batch is marked to be checked, and a check asks the
 * database whether the batch still has a transfer queued, running or paused (one index seek) and, once it has none,
 * for its counts (one range scan). Checks of the same batch waiting together are made once, so the cost per settled
 * transfer does not grow with the batch.
 *
 * <p>Threading: the engine's listener only marks the batch and queues a check; checks run on this notifier's own
 * thread.
 */
public final class BatchNotifier implements AutoCloseable {
    /** Settings key: "false" turns desktop notifications off. */
    public static final String SETTING = SettingsService.NOTIFICATIONS;

    private static final Logger log = LoggerFactory.getLogger(BatchNotifier.class);
    private static final int REMEMBERED_BATCHES = 256;

    private final Messages messages;
    private final Function<String, Optional<BatchTally>> tallies;
    private final BooleanSupplier enabled;
    private final Notifier notifier;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Threads.daemon("obitox-batches"));
    private final Runnable unsubscribe;
    /** Batches with a check queued (events on engine threads, checks on the worker). */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    /** What was last announced per batch, so a batch is announced again only when its outcome changes (a retry). */
    private final Map<String, Summary> announced = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Summary> eldest) {
            return size() > REMEMBERED_BATCHES;
        }
    };

    /**
     * @param tallies a batch's counts once it is settled, empty before ({@code TransferService::batchTally})
     * @param enabled read at each announcement (a settings lookup), so the switch applies at once
     */
    public BatchNotifier(
            TransferEvents events,
            Function<String, Optional<BatchTally>> tallies,
            BooleanSupplier enabled,
            Notifier notifier,
            Messages messages) {
        this.messages = messages;
        this.tallies = tallies;
        this.enabled = enabled;
        this.notifier = notifier;
        this.unsubscribe = events.subscribe(this::onEvent);
    }

    private void onEvent(TransferEvent e) {
        String batchId = e.snapshot().batchId();
        // the messages speak of uploads; a download batch (issue 18) is followed in the Transfers view instead
        boolean download = e.snapshot().direction() == io.obitox.transfer.TransferDirection.DOWNLOAD;
        if (batchId != null && !download && settles(e.type()) && pending.add(batchId)) {
            worker.execute(() -> {
                pending.remove(batchId); // a transfer settling from here on queues another check
                check(batchId);
            });
        }
    }

    /** Whether an event settles a transfer: from its type (the database has the outcome when it is published). */
    static boolean settles(TransferEvent.Type type) {
        return type == TransferEvent.Type.COMPLETED
                || type == TransferEvent.Type.FAILED
                || type == TransferEvent.Type.CANCELLED;
    }

    private void check(String batchId) {
        try {
            Optional<BatchTally> tally = tallies.apply(batchId);
            if (tally.isEmpty()) {
                return;
            }
            Summary summary = Summary.of(tally.get());
            if (summary.equals(announced.put(batchId, summary))) {
                return;
            }
            if (summary.completed() + summary.failed() == 0 || !enabled.getAsBoolean()) {
                return;
            }
            notifier.show(message(summary, messages));
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
        static Summary of(BatchTally t) {
            return new Summary(t.total(), t.completed(), t.failed(), t.cancelled(), t.firstName(), t.buckets());
        }
    }

    static Notification message(Summary s, Messages messages) {
        String where = s.buckets().size() == 1
                ? messages.get("notify.bucket", s.buckets().get(0))
                : messages.get("notify.buckets", s.buckets().size());
        String cancelled = s.cancelled() == 0 ? "" : " " + messages.get("notify.cancelled", s.cancelled());
        if (s.failed() == 0) {
            String what = s.completed() == 1 && s.total() == 1 ? s.firstName() : files(s.completed(), messages);
            return new Notification(
                    messages.get("notify.complete"), messages.get("notify.uploadedTo", what, where) + cancelled, false);
        }
        String failed = messages.get("notify.failedOf", s.failed(), files(s.total(), messages));
        String body = s.completed() > 0
                ? messages.get("notify.failedSome", failed, s.completed(), where)
                : messages.get("notify.failedAll", failed, where);
        return new Notification(
                messages.get(s.completed() == 0 ? "notify.failed" : "notify.withErrors"),
                body + cancelled + " " + messages.get("notify.seeTransfers"),
                true);
    }

    private static String files(int n, Messages messages) {
        return n == 1 ? messages.get("notify.oneFile") : messages.get("notify.files", n);
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
