package io.obitox.app.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;

/**
 * Measures the cold start: from the moment the operating system started the process to the main window's first
 * painted frame, with the services and the toolkit as intermediate marks. Written from the services thread and
 * the FX thread, hence volatile.
 */
final class StartupTimes {
    /** Frames to wait after the window is showing: the first pulse lays it out, the second follows its paint. */
    private static final int FRAMES = 2;

    private final long processStart;
    private final long launched;
    private volatile long services = -1;
    private volatile long toolkit = -1;
    private volatile long shown = -1;
    private volatile long painted = -1;

    private StartupTimes(long processStart, long launched) {
        this.processStart = processStart;
        this.launched = launched;
    }

    static StartupTimes start() {
        long now = System.currentTimeMillis();
        return new StartupTimes(processStart(now), now);
    }

    /**
     * When the operating system started this process. On Linux from the process's age (/proc/uptime minus its start
     * in /proc/self/stat, both to 10 ms): {@code ProcessHandle}'s start instant adds the boot time, which Linux
     * gives in whole seconds, so it can be off by up to a second.
     */
    static long processStart(long now) {
        try {
            String uptime = Files.readString(Path.of("/proc/uptime"));
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double startedSecondsAfterBoot = Long.parseLong(fields[19]) / 100.0; // field 22: start time in ticks
            double ageSeconds = Double.parseDouble(uptime.split(" ")[0]) - startedSecondsAfterBoot;
            if (ageSeconds >= 0 && ageSeconds < 3600) {
                return now - Math.round(ageSeconds * 1000);
            }
        } catch (IOException | RuntimeException notLinux) {
            // fall through
        }
        return ProcessHandle.current()
                .info()
                .startInstant()
                .map(Instant::toEpochMilli)
                .filter(t -> t <= now)
                .orElse(now);
    }

    void servicesReady() {
        services = System.currentTimeMillis();
    }

    void toolkitReady() {
        toolkit = System.currentTimeMillis();
    }

    /** FX thread: the main window is built and shown (its first layout and paint are still to come). */
    void windowShown() {
        shown = System.currentTimeMillis();
    }

    /** FX thread. Runs {@code then} once the window of {@code scene} has painted its first frame. */
    void onFirstFrame(Scene scene, Runnable then) {
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (scene.getWindow() == null || !scene.getWindow().isShowing() || ++frames < FRAMES) {
                    return;
                }
                stop();
                painted = System.currentTimeMillis();
                then.run();
            }
        }.start();
    }

    long paintedAfterMillis() {
        return painted < 0 ? -1 : painted - processStart;
    }

    String summary() {
        return "window painted " + since(painted) + " ms after the process started (GUI start at " + since(launched)
                + " ms, toolkit ready at " + since(toolkit) + " ms, services ready at " + since(services)
                + " ms, window shown at " + since(shown) + " ms)";
    }

    private long since(long t) {
        return t < 0 ? -1 : t - processStart;
    }
}
