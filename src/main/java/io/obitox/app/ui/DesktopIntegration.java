package io.obitox.app.ui;

import io.obitox.app.AppContext;
import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.notify.BatchNotifier;
import io.obitox.notify.Notification;
import io.obitox.notify.Notifier;
import io.obitox.notify.Notifiers;
import io.obitox.notify.WatchProblemNotifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the window does once it is up, off the start-up path: its icons, desktop notifications for finished batches
 * and for watch-folder problems (in the window's notice bar where the desktop offers none),
 * and resuming the transfers a crash or kill interrupted. {@link #start} on the FX thread; {@link #close} from the
 * shutdown hook.
 */
final class DesktopIntegration implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DesktopIntegration.class);
    private static final int[] ICON_SIZES = {16, 32, 48, 64, 128, 256};

    private final AppContext app;
    private BatchNotifier batches;
    private WatchProblemNotifier watchProblems;
    private boolean closed;

    private final Messages messages;

    DesktopIntegration(AppContext app, Messages messages) {
        this.app = app;
        this.messages = messages;
    }

    /** FX thread. Where the desktop has no way to notify, the notice bar of {@code vm} shows the message. */
    void start(Stage stage, MainWindowViewModel vm, UiTasks tasks) {
        stage.getIcons().setAll(icons());
        Notifier inWindow = new Notifier() {
            @Override
            public void show(Notification n) {
                tasks.onUi(() -> vm.notice(n.title() + ": " + n.body()));
            }

            @Override
            public String name() {
                return "notice bar";
            }
        };
        app.background().execute(() -> startInBackground(inWindow));
    }

    static List<Image> icons() {
        List<Image> out = new ArrayList<>();
        for (int size : ICON_SIZES) {
            URL url = DesktopIntegration.class.getResource("/io/obitox/icons/obitox-" + size + ".png");
            if (url != null) {
                out.add(new Image(url.toExternalForm(), true));
            }
        }
        return out;
    }

    private void startInBackground(Notifier inWindow) {
        resumeInterrupted();
        try {
            Notifier notifier = Notifiers.select(Notifiers.current());
            if (notifier.name().equals(Notifiers.SILENT)) {
                notifier = inWindow;
            }
            log.info("Desktop notifications through {}", notifier.name());
            BatchNotifier b = new BatchNotifier(
                    app.transfers().events(),
                    app.transfers()::batchTally,
                    () -> app.settings().getBoolean(BatchNotifier.SETTING, true),
                    notifier,
                    messages);
            WatchProblemNotifier w = new WatchProblemNotifier(
                    app.watches(), () -> app.settings().getBoolean(BatchNotifier.SETTING, true), notifier, messages);
            synchronized (this) {
                if (closed) {
                    b.close();
                    w.close();
                } else {
                    batches = b;
                    watchProblems = w;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Desktop notifications are off: {}", e.toString());
        }
    }

    /** Transfers a crash or kill interrupted go on (or wait paused, when the user turned auto-resume off). */
    private void resumeInterrupted() {
        try {
            boolean auto = app.transfers().engine().settings().autoResume();
            int n = app.transfers().engine().recover(false, auto);
            if (n > 0) {
                log.info("{} interrupted transfer(s) {}", n, auto ? "resumed" : "marked paused");
            }
        } catch (RuntimeException e) {
            log.warn("Could not resume interrupted transfers", e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (batches != null) {
            batches.close();
        }
        if (watchProblems != null) {
            watchProblems.close();
        }
    }
}
