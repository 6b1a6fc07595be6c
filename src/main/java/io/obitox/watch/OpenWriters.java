package io.obitox.watch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of a few settled files a process still has open for writing, so a writer that pauses longer than the
 * settle time without closing its file does not have it taken half-way.
 *
 * <p>On Linux it reads {@code /proc/PID/fd} (one {@code readlink} per open descriptor of the processes this user
 * may inspect) and, only for a descriptor that points at a candidate, {@code /proc/PID/fdinfo/FD}, whose
 * {@code flags} say whether it was opened {@code O_WRONLY} or {@code O_RDWR}. Only the pending candidates are
 * looked for, never the whole tree; the cost is one pass over the machine's open descriptors (about 1,500 over 100
 * processes here: 56 ms at a load average of 11), and {@link WriterGate} makes at most two passes a second.
 * Processes of other users are not readable and are not seen (documented in docs/watch-folders.md). Elsewhere
 * (macOS, Windows, no {@code /proc}) it finds nothing and the settle time alone decides.
 *
 * <p>Stateless; any thread.
 */
final class OpenWriters {
    private static final Logger log = LoggerFactory.getLogger(OpenWriters.class);
    private static final int O_ACCMODE = 3; // O_WRONLY = 1, O_RDWR = 2

    private final Path proc;

    /** The check for this OS: {@code /proc} where it exists, else none. */
    static OpenWriters forThisOs() {
        Path proc = Path.of("/proc");
        return Files.isDirectory(proc.resolve("self/fd")) ? new OpenWriters(proc) : new OpenWriters(null);
    }

    OpenWriters(Path proc) {
        this.proc = proc;
    }

    /** Whether this check can see writers at all (false: the settle time alone decides). */
    boolean available() {
        return proc != null;
    }

    /** The files among {@code files} that some process has open for writing now (empty when none or unknown). */
    Set<Path> openForWriting(Collection<Path> files) {
        if (proc == null || files.isEmpty()) {
            return Set.of();
        }
        Map<Path, Path> byReal = new HashMap<>();
        for (Path f : files) {
            try {
                byReal.put(f.toRealPath(), f); // /proc shows resolved paths
            } catch (IOException | SecurityException e) {
                // gone meanwhile: the settler drops it at its next stat
            }
        }
        Set<Path> open = new HashSet<>();
        if (byReal.isEmpty()) {
            return open;
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, OpenWriters::isPid)) {
            for (Path pid : pids) {
                scan(pid, byReal, open);
                if (open.size() == byReal.size()) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Open-for-writing check skipped: {}", e.toString());
        }
        return open;
    }

    private static void scan(Path pid, Map<Path, Path> byReal, Set<Path> open) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
            for (Path fd : fds) {
                Path target;
                try {
                    target = Files.readSymbolicLink(fd);
                } catch (IOException | UnsupportedOperationException e) {
                    continue; // closed meanwhile
                }
                Path file = byReal.get(target);
                if (file != null
                        && !open.contains(file)
                        && writable(pid, fd.getFileName().toString())) {
                    open.add(file);
                }
            }
        } catch (IOException | SecurityException e) {
            // another user's process, or one that ended: not ours to see
        }
    }

    /** Whether {@code /proc/PID/fdinfo/FD} says the descriptor was opened for writing. */
    private static boolean writable(Path pid, String fd) {
        try {
            for (String line : Files.readAllLines(pid.resolve("fdinfo").resolve(fd))) {
                if (line.startsWith("flags:")) {
                    return (Integer.parseInt(line.substring(6).strip(), 8) & O_ACCMODE) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // closed meanwhile
        }
        return false;
    }

    private static boolean isPid(Path p) {
        String n = p.getFileName().toString();
        return !n.isEmpty() && n.chars().allMatch(Character::isDigit);
    }
}
