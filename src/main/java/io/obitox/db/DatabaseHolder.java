package io.obitox.db;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which other process has the database file open, so a message can name it. Linux only (it reads {@code /proc}: the
 * open files of the user's own processes); elsewhere, or when nothing is found, it is unknown and the message says so.
 */
final class DatabaseHolder {
    private DatabaseHolder() {}

    /** Another process that has {@code file} open, if one can be seen. */
    static Optional<ProcessHandle> find(Path file) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return Optional.empty();
        }
        Path target;
        try {
            target = file.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, DatabaseHolder::isPidFolder)) {
            for (Path p : pids) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid != self && hasOpen(p, target)) {
                    return ProcessHandle.of(pid);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: the message then says "another process"
        }
        return Optional.empty();
    }

    /** "process 1234 (java)", or "another process" when unknown. */
    static String describe(Optional<ProcessHandle> holder) {
        return holder.map(h -> "process " + h.pid()
                        + h.info()
                                .command()
                                .map(c -> " (" + Path.of(c).getFileName() + ")")
                                .orElse(""))
                .orElse("another process");
    }

    private static boolean isPidFolder(Path p) {
        String name = p.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private static boolean hasOpen(Path process, Path target) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).equals(target)) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException closedMeanwhile) {
                    // the descriptor went away while we looked
                }
            }
        } catch (IOException | SecurityException notOurs) {
            // another user's process, or it ended
        }
        return false;
    }
}
