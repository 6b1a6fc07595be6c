package io.obitox.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the desktop has no way to notify: the message goes to the log only. */
final class SilentNotifier implements Notifier {
    private static final Logger log = LoggerFactory.getLogger(SilentNotifier.class);

    @Override
    public void show(Notification n) {
        log.info("Notification (no desktop notifications here): {} - {}", n.title(), n.body());
    }

    @Override
    public String name() {
        return Notifiers.SILENT;
    }
}
