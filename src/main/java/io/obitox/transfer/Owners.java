package io.obitox.transfer;

import java.util.Optional;

/**
 * Which process runs a transfer: {@code pid:startMillis}. A transfer whose owner process is gone (crash, kill -9,
 * reboot) is interrupted and may be claimed by the next ObitoX that starts; one whose owner still runs (the GUI
 * beside a CLI) is left alone. The webhook outbox marks its in-flight deliveries the same way.
 */
public final class Owners {
    private Owners() {}

    public static String current() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + ":"
                + self.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    }

    public static boolean alive(String owner) {
        if (owner == null || owner.isBlank()) {
            return false;
        }
        if (owner.equals(current())) {
            return true;
        }
        String[] parts = owner.split(":");
        try {
            long pid = Long.parseLong(parts[0]);
            long start = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            return p.isPresent()
                    && p.get().isAlive()
                    && p.get()
                            .info()
                            .startInstant()
                            .map(i -> Math.abs(i.toEpochMilli() - start) < 2000)
                            .orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
