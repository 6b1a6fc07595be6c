package io.obitox.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the {@link UploadIndex}: a claim that an object holds what ObitoX last uploaded from a local file,
 * and the rules by which a file or a listed object confirms or refutes it.
 *
 * @param endpointKey where the bucket lives, see {@link UploadIndex#endpointKey}
 * @param fingerprint the engine's fingerprint of the local file ({@code SourceFile.identify})
 * @param targetRef the profile or command-line target as stored with transfers (JSON), for display; may be null
 * @param etag the object's ETag after the upload, normalized ({@link LocalEtag#normalize})
 * @param sha256 the SHA-256 of the content when known (hex), else null
 * @param ctimeNanos the file's status-change time when its content was proven ({@link LocalStat}), or null:
 *     unknown on this platform, or racy (the entry is then checked by content)
 * @param fileKey the file's {@code dev:ino} then, or null like {@code ctimeNanos}
 */
public record IndexEntry(
        String endpointKey,
        String bucket,
        String key,
        String sourcePath,
        long size,
        long mtime,
        String fingerprint,
        String targetRef,
        String etag,
        String sha256,
        Instant uploadedAt,
        Long ctimeNanos,
        String fileKey) {
    public IndexEntry {
        Objects.requireNonNull(endpointKey, "endpointKey");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sourcePath, "sourcePath");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(uploadedAt, "uploadedAt");
        etag = LocalEtag.normalize(Objects.requireNonNull(etag, "etag"));
        if (ctimeNanos == null || fileKey == null) {
            ctimeNanos = null;
            fileKey = null;
        }
    }

    /** An entry without ctime and file key: it is trusted only through its fingerprint, after a read. */
    public IndexEntry(
            String endpointKey,
            String bucket,
            String key,
            String sourcePath,
            long size,
            long mtime,
            String fingerprint,
            String targetRef,
            String etag,
            String sha256,
            Instant uploadedAt) {
        this(
                endpointKey,
                bucket,
                key,
                sourcePath,
                size,
                mtime,
                fingerprint,
                targetRef,
                etag,
                sha256,
                uploadedAt,
                null,
                null);
    }

    /** The same entry with the change time and file key of {@code stat}, or none when it is racy then. */
    public IndexEntry withStat(LocalStat stat, Instant provenAt) {
        boolean usable = stat != null && stat.settledBefore(provenAt) && stat.sameSizeAndMtime(size, mtime);
        return new IndexEntry(
                endpointKey,
                bucket,
                key,
                sourcePath,
                size,
                mtime,
                fingerprint,
                targetRef,
                etag,
                sha256,
                uploadedAt,
                usable ? stat.ctimeNanos() : null,
                usable ? stat.fileKey() : null);
    }

    /**
     * Whether the file is, by one stat and nothing read, the one this entry was proven from: same path, size,
     * mtime, ctime and file key, and the recorded times clearly older than the entry ({@link LocalStat#RACY};
     * a racy entry is re-read, as git re-reads racy index entries). A user can restore an mtime but not a
     * ctime, and a file renamed into place has another inode, so an edit that keeps size and mtime fails here.
     */
    public boolean trusts(LocalStat f) {
        if (ctimeNanos == null || !f.hasChangeTime()) {
            return false;
        }
        long limitMillis = uploadedAt.minus(LocalStat.RACY).toEpochMilli();
        return sourcePath.equals(f.sourcePath())
                && size == f.size()
                && mtime == f.mtime()
                && ctimeNanos.equals(f.ctimeNanos())
                && fileKey.equals(f.fileKey())
                && ctimeNanos / 1_000_000L < limitMillis
                && mtime < limitMillis;
    }

    /** Whether the local file is, by size, mtime and fingerprint, the one this entry was made from. */
    public boolean describes(LocalFile f) {
        return sourcePath.equals(f.sourcePath())
                && size == f.size()
                && mtime == f.mtime()
                && fingerprint.equals(f.fingerprint());
    }

    /** Whether a listed object still is what this entry recorded (same size and ETag). */
    public boolean matches(RemoteListing.RemoteObject o) {
        return o != null && o.size() == size && etag.equals(o.etag());
    }
}
