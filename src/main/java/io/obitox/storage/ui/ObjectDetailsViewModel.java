package io.obitox.storage.ui;

import io.obitox.common.Messages;
import io.obitox.common.ObitoxException;
import io.obitox.common.Sizes;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.ObjectHeaders;
import io.obitox.objects.SseCKey;
import io.obitox.storage.ObjectDetails;
import io.obitox.storage.ObjectDetailsService;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import io.obitox.storage.SseCRefusal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * The details pane of the bucket browser: one object's HEAD and tags as read-only text, plus what the copy buttons
 * copy (key, S3 URI, URL). FX thread only; the requests run through {@link UiTasks}, a newer request replaces an
 * older one that is still running.
 */
public final class ObjectDetailsViewModel {
    private final ObjectDetailsService service;
    private final UiTasks tasks;
    private final Messages messages;
    private final ReadOnlyObjectWrapper<ObjectDetails> details = new ReadOnlyObjectWrapper<>(this, "details");
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(this, "shown", false);
    /** "Loading…", or why it failed: the pane's own status line. */
    private final StatusLine summary = new StatusLine(this, this::describe);

    private UiTasks.Handle running;
    /** The SSE-C keys given in this session (the engine's, by fingerprint), tried on an object that needs one. */
    private Supplier<Collection<SseCKey>> sessionKeys = List::of;

    public ObjectDetailsViewModel(ObjectDetailsService service, UiTasks tasks, Messages messages) {
        this.service = service;
        this.tasks = tasks;
        this.messages = messages;
    }

    // Properties //

    /** The loaded details, or null while loading, after a failure, or when the pane is closed. */
    public ReadOnlyObjectProperty<ObjectDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return summary.busyProperty();
    }

    /** "Loading…", the reason it failed, or empty. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.messageProperty();
    }

    // Commands //

    /**
     * Where the keys given in this session come from (read in the background, only for an object that needs one):
     * an SSE-C object's details show with its key once it was given, to a download or an upload.
     */
    public void useSessionKeys(Supplier<Collection<SseCKey>> keys) {
        this.sessionKeys = keys;
    }

    public void show(S3Target target, String bucket, String key) {
        close();
        shown.set(true);
        summary.show(messages.get("details.loading", key));
        running = tasks.run(() -> load(target, bucket, key))
                .tracking(summary)
                .onSuccess(d -> {
                    details.set(d);
                    summary.show("");
                })
                .onError(e -> {
                    String code = S3Errors.describe(e).code();
                    if (SseCRefusal.KEY_NEEDED.equals(code)) {
                        // not a failure: the object is fine, its details need the key (as its download does)
                        summary.show(messages.get("details.sseC.keyNeeded", key));
                    } else {
                        summary.fail(e);
                    }
                })
                .start();
    }

    /**
     * Background: the HEAD without a key; an object that needs its customer key (S3 will not say which) is asked
     * again with each key given in this session until one opens it; none does: {@code SSE_C_KEY_NEEDED}.
     */
    private ObjectDetails load(S3Target target, String bucket, String key) {
        try {
            return service.details(target, bucket, key);
        } catch (ObitoxException needed) {
            if (!SseCRefusal.KEY_NEEDED.equals(needed.code())) {
                throw needed;
            }
            for (SseCKey k : sessionKeys.get()) {
                try {
                    return service.details(target, bucket, key, b -> ObjectHeaders.headWith(b, k));
                } catch (ObitoxException notThisKey) {
                    // RGW refuses another key with 400, S3 with 403
                    if (!SseCRefusal.WRONG_KEY.equals(notThisKey.code())
                            && !S3Errors.ACCESS_DENIED.equals(notThisKey.code())) {
                        throw notThisKey;
                    }
                }
            }
            throw needed;
        }
    }

    public void close() {
        if (running != null) {
            running.cancel();
            running = null;
        }
        details.set(null);
        summary.show("");
        shown.set(false);
    }

    // Formatting for the read-only fields (static: the view calls them with the current details) //

    public static String size(ObjectDetails d, Messages messages) {
        return messages.get("details.sizeBytes", d.size(), Sizes.bytes(d.size()));
    }

    public static String orDash(String s) {
        return s == null || s.isEmpty() ? "—" : s;
    }

    /** {@code k=v} lines by key, or a dash. */
    public static String pairs(Map<String, String> m) {
        return m.isEmpty()
                ? "—"
                : m.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n"));
    }

    public static String tags(ObjectDetails d) {
        return d.tags() == null ? d.tagsNote() : pairs(d.tags());
    }

    /** A failure in words in the user's language (S3Errors says it in English with the keys to translate it). */
    private String describe(Throwable failure) {
        return messages.oneLine(S3Errors.describe(failure));
    }
}
