package io.obitox.notify;

import io.obitox.common.Messages;
import io.obitox.watch.WatchFolderService;
import io.obitox.watch.WatchProblem;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the desktop when a watch folder has a problem: the folder gone, permission denied, the target failing. The
 * watch tells each problem once when it begins and again only after it cleared and came back ({@link
 * WatchProblem}), so this raises one notification per problem, never one per file or retry. Respects
 * the {@link BatchNotifier#SETTING} switch.
 *
 * <p>Threading: called on the watch's thread; {@link Notifier#show} returns quickly.
 */
public final class WatchProblemNotifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WatchProblemNotifier.class);

    private final Messages messages;
    private final BooleanSupplier enabled;
    private final Notifier notifier;
    private final Runnable unsubscribe;

    /** @param enabled read at each notification (a settings lookup), so the switch applies at once */
    public WatchProblemNotifier(
            WatchFolderService watches, BooleanSupplier enabled, Notifier notifier, Messages messages) {
        this.messages = messages;
        this.enabled = enabled;
        this.notifier = notifier;
        this.unsubscribe = watches.onProblem(this::onProblem);
    }

    private void onProblem(WatchProblem p) {
        try {
            if (enabled.getAsBoolean()) {
                notifier.show(message(p, messages));
            }
        } catch (RuntimeException e) {
            log.warn("Could not announce a watch folder problem: {}", e.toString());
        }
    }

    static Notification message(WatchProblem p, Messages messages) {
        String title = messages.get(
                switch (p.kind()) {
                    case FOLDER_GONE -> "notify.watch.gone";
                    case PERMISSION_DENIED -> "notify.watch.notReadable";
                    case FOLDER_UNUSABLE -> "notify.watch.unusable";
                    case TARGET_FAILING -> "notify.watch.failing";
                    case UNWATCHED_FOLDERS -> "notify.watch.slow";
                    case INTERNAL -> "notify.watch.stopped";
                });
        return new Notification(title, p.message(), p.kind() != WatchProblem.Kind.UNWATCHED_FOLDERS);
    }

    @Override
    public void close() {
        unsubscribe.run();
    }
}
