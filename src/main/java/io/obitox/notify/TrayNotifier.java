package io.obitox.notify;

import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.Image;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.net.URL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Windows (and Linux or macOS desktops without a better way): a balloon or toast from an icon in the system tray.
 * The icon is added with the first notification and stays until ObitoX ends.
 *
 * <p>Threading: AWT calls run on the AWT event thread; {@link #show} only queues them.
 */
final class TrayNotifier implements Notifier, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TrayNotifier.class);
    private TrayIcon icon; // AWT event thread only

    @Override
    public void show(Notification n) {
        EventQueue.invokeLater(() -> {
            try {
                if (icon == null) {
                    icon = new TrayIcon(image(), "ObitoX");
                    icon.setImageAutoSize(true);
                    SystemTray.getSystemTray().add(icon);
                }
                icon.displayMessage(
                        n.title(), n.body(), n.problem() ? TrayIcon.MessageType.ERROR : TrayIcon.MessageType.INFO);
            } catch (AWTException | RuntimeException e) {
                log.warn("Could not show a tray notification: {}", e.toString());
            }
        });
    }

    private static Image image() {
        URL url = TrayNotifier.class.getResource("/io/obitox/icons/obitox-32.png");
        return url == null
                ? new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_ARGB)
                : Toolkit.getDefaultToolkit().getImage(url);
    }

    @Override
    public String name() {
        return "tray";
    }

    @Override
    public void close() {
        EventQueue.invokeLater(() -> {
            if (icon != null) {
                SystemTray.getSystemTray().remove(icon);
                icon = null;
            }
        });
    }
}
