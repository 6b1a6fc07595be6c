package io.obitox.webhook;

import io.obitox.profile.TargetRef;
import io.obitox.storage.S3Target;
import io.obitox.transfer.Transfer;
import io.obitox.transfer.TransferRepository;
import io.obitox.transfer.TransferState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional outbox: writes one delivery row per subscribed endpoint inside the transaction that marks a
 * transfer completed or failed, so the event exists exactly when the outcome does. Runs on transfer threads;
 * touches nothing but the given connection, except resolving the target for the object URL (memory and the
 * profile table; never the network). Thread-safe.
 *
 * <p>It also remembers which completed or failed transfers got a row, until {@link #takeWritten} is asked after the
 * outcome committed: the dispatcher is woken for those only, not for every file of an upload nobody subscribed to
 * (a round of the dispatcher is three queries; it was one per file of every upload).
 */
final class Outbox implements TransferRepository.OutcomeHook {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final Function<TargetRef, S3Target> targets;
    private final Clock clock;
    /** Completed or failed transfers whose outcome transaction wrote rows, until their event is seen. */
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    Outbox(Function<TargetRef, S3Target> targets, Clock clock) {
        this.targets = targets;
        this.clock = clock;
    }

    @Override
    public void onOutcome(Connection tx, Transfer t) throws SQLException {
        onOutcomes(tx, List.of(t));
    }

    /** An enabled endpoint subscribes to {@code upload.completed}, which a skipped file sends. */
    @Override
    public boolean wantsSkipped(Connection tx) throws SQLException {
        for (WebhookEndpoint e : EndpointRepository.enabled(tx)) {
            if (e.subscribes(WebhookEventType.UPLOAD_COMPLETED)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Asks for the enabled endpoints once for all of {@code transfers} (a chunk of skipped files is 1,000 rows: it
     * was one query per row) and writes nothing when none subscribes to their events.
     */
    @Override
    public void onOutcomes(Connection tx, List<Transfer> transfers) throws SQLException {
        List<WebhookEndpoint> enabled = EndpointRepository.enabled(tx);
        if (enabled.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<DeliveryRepository.NewDelivery> rows = new ArrayList<>();
        List<String> wake = new ArrayList<>();
        for (Transfer t : transfers) {
            WebhookEventType type = t.state() == TransferState.COMPLETED || t.state() == TransferState.SKIPPED
                    ? WebhookEventType.UPLOAD_COMPLETED
                    : WebhookEventType.UPLOAD_FAILED;
            String payload = null;
            for (WebhookEndpoint e : enabled) {
                if (!e.subscribes(type)) {
                    continue;
                }
                if (payload == null) {
                    payload = Payloads.upload(t, type == WebhookEventType.UPLOAD_COMPLETED ? objectUrl(t) : null);
                }
                rows.add(new DeliveryRepository.NewDelivery(
                        Ids.delivery(now.toEpochMilli()), e.id(), t.id(), type.wireName(), payload));
            }
            // a row recorded skipped gets no transfer event (nothing would take it); one that ran and ended SKIPPED
            // after a 412 under --if-exists skip does (started), and its event wakes the dispatcher like a completion
            if (payload != null && (t.state() != TransferState.SKIPPED || t.startedAt() != null)) {
                wake.add(t.id());
            }
        }
        if (!rows.isEmpty()) {
            DeliveryRepository.insert(tx, rows, now);
            written.addAll(wake);
        }
    }

    /**
     * Whether the outcome of {@code transferId} wrote delivery rows (asked once its outcome is committed); forgets it.
     * A row written in a transaction that then rolled back answers true as well: one needless round, never a missed
     * one.
     */
    boolean takeWritten(String transferId) {
        return written.remove(transferId);
    }

    /** The object's URL, or null when the target cannot be resolved (the event goes out without it). */
    private String objectUrl(Transfer t) {
        try {
            return ObjectUrls.of(targets.apply(TargetRef.fromJson(t.targetRef())), t.bucket(), t.key());
        } catch (RuntimeException e) {
            log.debug("No object URL for transfer {}: {}", t.id(), e.getMessage());
            return null;
        }
    }
}
