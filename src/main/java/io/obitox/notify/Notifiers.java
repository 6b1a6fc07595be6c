package io.obitox.notify;

import java.awt.GraphicsEnvironment;
import java.awt.SystemTray;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Picks the desktop's way to notify. JavaFX has no notification API, so: {@code notify-send} on a Linux desktop
 * session, AppleScript on macOS, the system tray where that is all there is (Windows, Linux desktops without
 * libnotify), and otherwise the log only.
 */
public final class Notifiers {
    /** {@link Notifier#name} of the log-only back end, for callers that have a better fallback. */
    public static final String SILENT = "silent";

    private Notifiers() {}

    /**
     * What this machine offers.
     *
     * @param desktopSession a graphical session (X11, Wayland or a D-Bus session bus) the helper programs can reach
     * @param traySupported asked only when needed: it starts AWT
     */
    public record Platform(
            String osName,
            Optional<Path> notifySend,
            Optional<Path> osascript,
            boolean desktopSession,
            BooleanSupplier traySupported) {}

    /** The platform of this process, from {@code os.name}, {@code PATH} and the session variables. */
    public static Platform current() {
        Map<String, String> env = System.getenv();
        boolean session = present(env.get("DISPLAY"))
                || present(env.get("WAYLAND_DISPLAY"))
                || present(env.get("DBUS_SESSION_BUS_ADDRESS"));
        return new Platform(
                System.getProperty("os.name", ""),
                onPath("notify-send", env.get("PATH")),
                Optional.of(Path.of("/usr/bin/osascript")).filter(Files::isExecutable),
                session,
                Notifiers::awtTraySupported);
    }

    private static boolean awtTraySupported() {
        try {
            return !GraphicsEnvironment.isHeadless() && SystemTray.isSupported();
        } catch (RuntimeException | LinkageError e) {
            return false; // e.g. AWT left out of the runtime or no display
        }
    }

    /** The back end for {@code platform}; never null (the silent one at worst). */
    public static Notifier select(Platform platform) {
        String os = platform.osName().toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return platform.traySupported().getAsBoolean() ? new TrayNotifier() : new SilentNotifier();
        }
        if (os.contains("mac")) {
            if (platform.osascript().isPresent()) {
                return CommandNotifier.osascript(platform.osascript().get());
            }
            return platform.traySupported().getAsBoolean() ? new TrayNotifier() : new SilentNotifier();
        }
        if (platform.notifySend().isPresent() && platform.desktopSession()) {
            return CommandNotifier.notifySend(platform.notifySend().get());
        }
        return platform.desktopSession() && platform.traySupported().getAsBoolean()
                ? new TrayNotifier()
                : new SilentNotifier();
    }

    static Optional<Path> onPath(String program, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (java.nio.file.InvalidPathException ignored) {
                // a PATH entry that is no path on this system
            }
        }
        return Optional.empty();
    }

    private static boolean present(String v) {
        return v != null && !v.isBlank();
    }
}
