package io.obitox.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Makes sure one GUI runs per app home: the first GUI holds an OS file lock on {@code gui.lock}; the OS frees it
 * when the process dies, even after {@code kill -9}. The CLI does not take it (it may run beside the GUI).
 */
public final class InstanceLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another GUI of this home holds it. */
    public static Optional<InstanceLock> tryAcquire(AppHome home) {
        try {
            FileChannel ch = FileChannel.open(
                    home.root().resolve("gui.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock l = ch.tryLock();
                if (l == null) {
                    ch.close();
                    return Optional.empty();
                }
                return Optional.of(new InstanceLock(ch, l));
            } catch (OverlappingFileLockException e) {
                ch.close();
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static Path lockFile(AppHome home) {
        return home.root().resolve("gui.lock");
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS releases it with the process
        }
    }
}
