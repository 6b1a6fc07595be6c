package io.obitox.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Which desktop notification back end ObitoX picks, and how it calls the helper programs. */
class NotifiersTest {
    private static final Path NOTIFY_SEND = Path.of("/usr/bin/notify-send");
    private static final Path OSASCRIPT = Path.of("/usr/bin/osascript");

    private static Notifiers.Platform linux(boolean notifySend, boolean session, BooleanSupplier tray) {
        return new Notifiers.Platform(
                "Linux", notifySend ? Optional.of(NOTIFY_SEND) : Optional.empty(), Optional.empty(), session, tray);
    }

    @Test
    void aLinuxDesktopWithLibnotifyUsesNotifySendWithoutStartingAwt() {
        AtomicInteger trayAsked = new AtomicInteger();
        Notifier n = Notifiers.select(linux(true, true, () -> trayAsked.incrementAndGet() > 0));
        assertThat(n.name()).isEqualTo("notify-send");
        assertThat(trayAsked).hasValue(0);
    }

    @Test
    void linuxWithoutLibnotifyFallsBackToTheTrayWhereThereIsOne() {
        assertThat(Notifiers.select(linux(false, true, () -> true)).name()).isEqualTo("tray");
        assertThat(Notifiers.select(linux(false, true, () -> false)).name()).isEqualTo("silent");
    }

    @Test
    void withoutADesktopSessionNothingIsShown() {
        AtomicInteger trayAsked = new AtomicInteger();
        Notifier n = Notifiers.select(linux(true, false, () -> trayAsked.incrementAndGet() > 0));
        assertThat(n.name()).isEqualTo("silent");
        assertThat(trayAsked).as("no session: AWT is not even started").hasValue(0);
    }

    @Test
    void windowsUsesTheTray() {
        Notifiers.Platform win =
                new Notifiers.Platform("Windows 11", Optional.of(NOTIFY_SEND), Optional.empty(), true, () -> true);
        assertThat(Notifiers.select(win).name()).isEqualTo("tray");
        Notifiers.Platform noTray =
                new Notifiers.Platform("Windows 11", Optional.empty(), Optional.empty(), true, () -> false);
        assertThat(Notifiers.select(noTray).name()).isEqualTo("silent");
    }

    @Test
    void macOsUsesAppleScriptAndTheTrayOnlyWithoutIt() {
        assertThat(Notifiers.select(new Notifiers.Platform(
                                "Mac OS X", Optional.empty(), Optional.of(OSASCRIPT), true, () -> true))
                        .name())
                .isEqualTo("osascript");
        assertThat(Notifiers.select(new Notifiers.Platform(
                                "Mac OS X", Optional.empty(), Optional.empty(), true, () -> true))
                        .name())
                .isEqualTo("tray");
    }

    @Test
    void programsAreFoundOnThePathOnlyWhenExecutable() throws IOException {
        Path dir = TestPaths.newDir("notifiers-path");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(plain.resolve("notify-send"), "not executable");
        Path exe = Files.writeString(bin.resolve("notify-send"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(Notifiers.onPath("notify-send", plain + ":" + bin)).contains(exe);
        assertThat(Notifiers.onPath("notify-send", plain.toString())).isEmpty();
        assertThat(Notifiers.onPath("notify-send", null)).isEmpty();
        assertThat(Notifiers.onPath("notify-send", "::")).isEmpty();
    }

    @Test
    void textsGoToTheHelpersAsArgumentsNeverAsOptionsOrScript() {
        Notification tricky = new Notification("--help", "\" & do shell script \"rm -rf ~\"", true);
        List<String> notify = CommandNotifier.notifySendCommand(NOTIFY_SEND, tricky);
        assertThat(notify).containsSubsequence("--urgency=critical", "--", "--help", tricky.body());
        assertThat(notify.indexOf("--")).isLessThan(notify.indexOf("--help"));

        List<String> mac = CommandNotifier.osascriptCommand(OSASCRIPT, tricky);
        assertThat(mac.subList(mac.size() - 2, mac.size())).containsExactly("--help", tricky.body());
        assertThat(String.join(" ", mac.subList(0, mac.size() - 2))).doesNotContain("rm -rf");
    }

    @Test
    void notifySendIsRunWithTheTextsAndAFailingHelperIsOnlyLogged() throws Exception {
        Path dir = TestPaths.newDir("notifiers-run");
        Path args = dir.resolve("args.txt");
        Path fake = Files.writeString(
                dir.resolve("notify-send"),
                "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + args + "'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        Path failing = Files.writeString(dir.resolve("failing"), "#!/bin/sh\nexit 3\n");
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwx------"));

        try (CommandNotifier n = CommandNotifier.notifySend(fake);
                CommandNotifier broken = CommandNotifier.notifySend(failing)) {
            n.show(new Notification("Upload complete", "3 files uploaded to bucket photos.", false));
            broken.show(new Notification("x", "y", false)); // logs a warning, throws nothing
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!(Files.exists(args) && Files.readString(args).contains("photos")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        assertThat(Files.readAllLines(args))
                .containsExactly(
                        "--app-name=ObitoX",
                        "--icon=obitox",
                        "--urgency=normal",
                        "--",
                        "Upload complete",
                        "3 files uploaded to bucket photos.");
    }
}
