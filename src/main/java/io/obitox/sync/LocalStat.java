package io.obitox.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One {@code stat} of a local file, as git's index takes it: size, mtime (epoch millis), and where the platform has
 * the {@code unix} attribute view (Linux, macOS) the status-change time (ctime, epoch nanos) and the file key
 * ({@code dev:ino}). Nothing of the content is read.
 *
 * <p>Why ctime and the file key: a user (or a copy tool) can put an mtime back ({@code touch -d}), but nobody can
 * set ctime, which the kernel moves on every write, chmod or rename onto the file; and a file replaced by a rename
 * into place (editors, rsync) has another inode. A file whose size, mtime, ctime and file key all equal what was
 * recorded when its content was proven is that content, without reading it. Where {@code unix:} is missing
 * (Windows) ctime and the key are null and the caller reads the file instead.
 *
 * @param ctimeNanos the status-change time in nanoseconds since the epoch, or null where the platform has none
 * @param fileKey {@code dev:ino}, or null where the platform has none
 * @param statAt when the stat was taken (just before it): the moment a racy check compares with
 */
public record LocalStat(String sourcePath, long size, long mtime, Long ctimeNanos, String fileKey, Instant statAt) {
    /**
     * How much older than the moment its entry is written a file's last change must be for the entry to be trusted
     * by stat alone. File times come from a coarse kernel clock: a change in the same tick as the stat that fed the
     * entry leaves ctime and mtime as they were, so git re-checks such "racy" entries by content; 2 s is well above
     * every tick and filesystem granularity ObitoX runs on (FAT's 2 s mtime included).
     */
    public static final Duration RACY = Duration.ofSeconds(2);

    private static final String UNIX = "unix:size,lastModifiedTime,ctime,dev,ino";

    /** Stats {@code file} (following links, as the upload does). */
    public static LocalStat of(Path file) {
        Instant at = Instant.now();
        String path = file.toAbsolutePath().normalize().toString();
        try {
            Map<String, Object> a;
            try {
                a = Files.readAttributes(file, UNIX);
            } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
                BasicFileAttributes b = Files.readAttributes(file, BasicFileAttributes.class);
                return new LocalStat(path, b.size(), b.lastModifiedTime().toMillis(), null, null, at);
            }
            FileTime ctime = (FileTime) a.get("ctime");
            Object dev = a.get("dev");
            Object ino = a.get("ino");
            return new LocalStat(
                    path,
                    (Long) a.get("size"),
                    ((FileTime) a.get("lastModifiedTime")).toMillis(),
                    ctime == null ? null : nanos(ctime.toInstant()),
                    dev == null || ino == null ? null : dev + ":" + ino,
                    at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether ctime and the file key are known (the platform has the {@code unix} view). */
    public boolean hasChangeTime() {
        return ctimeNanos != null && fileKey != null;
    }

    /**
     * Whether this stat may back an index entry written at {@code entryAt}: the file's last change (ctime, and mtime,
     * which may be set into the future) is at least {@link #RACY} before it. Otherwise a write in the same clock tick
     * could hide behind equal times, and the entry must be re-checked by content next time.
     */
    public boolean settledBefore(Instant entryAt) {
        if (!hasChangeTime()) {
            return false;
        }
        long limitMillis = entryAt.minus(RACY).toEpochMilli();
        return ctimeNanos / 1_000_000L < limitMillis && mtime < limitMillis;
    }

    /** Whether this stat is the same size and mtime as the file once identified by {@code size} and {@code mtime}. */
    public boolean sameSizeAndMtime(long size, long mtime) {
        return this.size == size && this.mtime == mtime;
    }

    static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
