package io.obitox.notify;

/**
 * Shows desktop notifications through whatever the operating system offers (see {@link Notifiers#select}).
 *
 * <p>Threading: {@link #show} may be called from any thread; it never throws and returns quickly (slow work such as
 * starting a helper program runs on the notifier's own thread).
 */
public interface Notifier {
    void show(Notification notification);

    /** Which back end this is, for the log: {@code notify-send}, {@code tray}, {@code osascript}, {@code silent}. */
    String name();
}
