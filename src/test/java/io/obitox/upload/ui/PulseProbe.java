package io.obitox.upload.ui;

import java.util.List;
import javafx.animation.AnimationTimer;

/** Records the longest time between two FX pulses; created, started and stopped on the FX thread. */
final class PulseProbe extends AnimationTimer {
    private volatile long last;
    private volatile long maxGap;
    private volatile long pulses;
    private volatile int longGaps;
    /** When (s after the start) each gap over 100 ms ended, and how long it was: printed to find the cause. */
    final List<String> where = new java.util.concurrent.CopyOnWriteArrayList<>();

    final long origin = System.nanoTime();

    /** Stop-the-world collections as {end (System.nanoTime()), pause ms}: a gap they fill is not the FX thread's. */
    private final List<long[]> gcPauses = new java.util.concurrent.CopyOnWriteArrayList<>();

    private volatile long gcInGaps;

    PulseProbe() {
        for (java.lang.management.GarbageCollectorMXBean gc :
                java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc)
                    .addNotificationListener(
                            (n, handback) -> {
                                if (n.getType()
                                        .equals(
                                                com.sun.management.GarbageCollectionNotificationInfo
                                                        .GARBAGE_COLLECTION_NOTIFICATION)) {
                                    var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                                            (javax.management.openmbean.CompositeData) n.getUserData());
                                    // concurrent phases (G1's, ZGC's cycles) do not stop the FX thread
                                    if (!info.getGcName().contains("Concurrent")
                                            && !info.getGcName().startsWith("ZGC")) {
                                        gcPauses.add(new long[] {
                                            System.nanoTime(), info.getGcInfo().getDuration()
                                        });
                                    }
                                }
                            },
                            null,
                            null);
        }
    }

    /** Milliseconds of collection pauses that ended between from and a little after to (System.nanoTime()). */
    private long gcMillisBetween(long from, long to) {
        long sum = 0;
        for (long[] p : gcPauses) {
            if (p[0] >= from && p[0] <= to + 20_000_000L) {
                sum += p[1];
            }
        }
        return sum;
    }

    long gcInGapsMillis() {
        return gcInGaps;
    }

    long gcPauseMillis() {
        return gcPauses.stream().mapToLong(p -> p[1]).sum();
    }

    long maxGcPauseMillis() {
        return gcPauses.stream().mapToLong(p -> p[1]).max().orElse(0);
    }

    @Override
    public void handle(long now) {
        // measured with the wall clock at the call, not the pulse's own timestamp, so a late pulse shows
        long t = System.nanoTime();
        if (last != 0) {
            long gap = t - last;
            maxGap = Math.max(maxGap, gap);
            if (gap > 100_000_000L) {
                longGaps++;
                long gc = gcMillisBetween(last, t);
                gcInGaps += gc;
                where.add(String.format(
                        "%.1f s (%s): %d ms%s",
                        (t - origin) / 1e9,
                        java.time.LocalTime.now().withNano(0),
                        gap / 1_000_000,
                        gc > 0 ? " (GC " + gc + " ms)" : ""));
            }
        }
        last = t;
        pulses++;
    }

    /** Where the FX thread was, sampled every 50 ms while no pulse came for over 100 ms (top frames → count). */
    final java.util.Map<String, List<String>> stuck = new java.util.concurrent.ConcurrentHashMap<>();

    /** A daemon that samples the FX thread's stack during long gaps: tells blocking work from starvation. */
    Thread watchdog() {
        Thread fx = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("JavaFX Application Thread"))
                .findFirst()
                .orElseThrow();
        // the renderer paints the previous pulse's frame; no new pulse comes while it is still at it
        Thread renderer = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("QuantumRenderer"))
                .findFirst()
                .orElse(null);
        Thread w = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                        long since = System.nanoTime() - last;
                        if (last != 0 && since > 100_000_000L) {
                            String at = String.format("%.1f", (System.nanoTime() - origin) / 1e9);
                            StackTraceElement[] st = fx.getStackTrace();
                            String where = frames(st);
                            if (st.length > 0 && st[0].getMethodName().equals("wait") && renderer != null) {
                                // the FX thread is idle: say what the renderer is doing (painting, or waiting
                                // too, then the process is starved or collecting)
                                StackTraceElement[] r = renderer.getStackTrace();
                                where += "  FX thread idle; the renderer at:\n"
                                        + frames(java.util.Arrays.copyOf(r, Math.min(6, r.length)));
                            }
                            stuck.computeIfAbsent(where, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                    .add(at);
                        }
                    }
                },
                "pulse-watchdog");
        w.setDaemon(true);
        w.start();
        return w;
    }

    /**
     * The top frames, then the frames below them that tell whose work it was (ours, a skin's, the pulse's
     * phase), with runs of the same recursive frame (Parent.layout, processCSS) folded into one line.
     */
    private static String frames(StackTraceElement[] st) {
        StringBuilder b = new StringBuilder();
        String previous = "";
        for (int i = 0; i < st.length; i++) {
            String name = st[i].getClassName() + "." + st[i].getMethodName();
            boolean telling = name.startsWith("io.obitox")
                    || name.contains(".skin.")
                    || name.startsWith("javafx.scene.Scene")
                    || name.startsWith("javafx.animation")
                    || name.startsWith("com.sun.javafx.tk.quantum");
            if ((i < 10 || telling) && !name.equals(previous)) {
                b.append("    ").append(st[i]).append('\n');
            }
            previous = name;
        }
        return b.toString();
    }

    long maxGapMillis() {
        return maxGap / 1_000_000;
    }

    long pulses() {
        return pulses;
    }

    int longGaps() {
        return longGaps;
    }
}
