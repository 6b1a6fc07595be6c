package io.obitox.sync;

import io.obitox.db.Database;
import io.obitox.storage.Provider;
import io.obitox.storage.S3Target;
import io.obitox.transfer.TransferRepository;
import io.obitox.transfer.TransferState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The upload index ({@code upload_index}, V10): what ObitoX last wrote to each object and from which local file, so a
 * repeat upload can skip unchanged files without reading them. Keyed by object (endpoint key, bucket, key): an object
 * holds one content at a time, so the newest upload to a key replaces the row. Lookups take many keys or source paths
 * at once (chunked {@code IN} lists, one query per {@value #CHUNK}), never one query per file.
 *
 * <p>Entries are claims, not facts: before one is trusted, {@link #reconcile} (or {@link IdenticalCheck}) compares it
 * with a listing of the bucket and drops it when the object is gone or its size or ETag changed.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class UploadIndex {
    static final int CHUNK = 500;
    private static final String COLUMNS = "endpoint_key, bucket, object_key, source_path, source_size, source_mtime,"
            + " fingerprint, target_ref, etag, sha256, uploaded_at, source_ctime, source_file_key";

    private final Database db;

    public UploadIndex(Database db) {
        this.db = db;
    }

    /**
     * The identity of an endpoint as the index (and transfer history) keys it: the endpoint URL without a trailing
     * slash, the AWS regional host for AWS, and just {@code sandbox} for the embedded server (its port changes).
     */
    public static String endpointKey(S3Target target) {
        if (target.provider() == Provider.SANDBOX) {
            return "sandbox";
        }
        String where = target.where();
        return where.endsWith("/") ? where.substring(0, where.length() - 1) : where;
    }

    /**
     * The hook that records every verified upload in the index, in the transaction that marks its transfer
     * completed (registered by the composition root with {@code TransferRepository.addOutcomeHook}; the transfer
     * core knows nothing of the index). Failed transfers write nothing: what the key holds then is unknown, and the
     * next listing corrects the row.
     */
    public static TransferRepository.OutcomeHook recordOnCompletion() {
        return (tx, t) -> {
            if (t.state() != TransferState.COMPLETED
                    || t.outcome().etag() == null
                    || t.outcome().etag().isEmpty()) {
                return;
            }
            String endpoint = t.target().endpointKey();
            if (endpoint.endsWith("/")) {
                endpoint = endpoint.substring(0, endpoint.length() - 1);
            }
            IndexEntry e = new IndexEntry(
                    endpoint,
                    t.bucket(),
                    t.key(),
                    t.source().toAbsolutePath().normalize().toString(),
                    t.origin().size(),
                    t.origin().mtime(),
                    t.origin().fingerprint(),
                    t.targetRef(),
                    t.outcome().etag(),
                    t.outcome().sha256(),
                    t.completedAt() != null ? t.completedAt() : Instant.now());
            // The stat is taken now, after the content was read and sent; its ctime counts only when the file has
            // not changed since (settled) before the transfer was queued, so any write after the identification,
            // restored mtime or not, leaves the entry without ctime and the next run reads the file.
            merge(
                    tx,
                    List.of(e.withStat(statOrNull(t.source()), t.createdAt() != null ? t.createdAt() : Instant.EPOCH)));
        };
    }

    private static LocalStat statOrNull(java.nio.file.Path file) {
        try {
            return LocalStat.of(file);
        } catch (RuntimeException e) {
            return null; // gone or unreadable now: the entry keeps no ctime and is checked by content
        }
    }

    /** Adds or replaces the rows of these objects, in one transaction. */
    public void record(Collection<IndexEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            merge(c, entries);
            return null;
        });
    }

    private static void merge(Connection c, Collection<IndexEntry> entries) throws SQLException {
        {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO upload_index (" + COLUMNS
                    + ") KEY (endpoint_key, bucket, object_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (IndexEntry e : entries) {
                    ps.setString(1, e.endpointKey());
                    ps.setString(2, e.bucket());
                    ps.setString(3, e.key());
                    ps.setString(4, e.sourcePath());
                    ps.setLong(5, e.size());
                    ps.setLong(6, e.mtime());
                    ps.setString(7, e.fingerprint());
                    ps.setString(8, e.targetRef());
                    ps.setString(9, e.etag());
                    ps.setString(10, e.sha256());
                    ps.setTimestamp(11, Timestamp.from(e.uploadedAt()));
                    ps.setObject(12, e.ctimeNanos(), java.sql.Types.BIGINT);
                    ps.setString(13, e.fileKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    public void record(IndexEntry entry) {
        record(List.of(entry));
    }

    /** The rows of these keys in one bucket, by key; keys without a row are absent. */
    public Map<String, IndexEntry> lookupKeys(String endpointKey, String bucket, Collection<String> keys) {
        return lookup("object_key", endpointKey, bucket, keys, IndexEntry::key);
    }

    /**
     * The rows uploaded from these local files to one bucket, by source path. A file uploaded to several keys of the
     * bucket gives its newest row.
     */
    public Map<String, IndexEntry> lookupSources(String endpointKey, String bucket, Collection<String> sourcePaths) {
        return lookup("source_path", endpointKey, bucket, sourcePaths, IndexEntry::sourcePath);
    }

    private Map<String, IndexEntry> lookup(
            String column,
            String endpointKey,
            String bucket,
            Collection<String> values,
            java.util.function.Function<IndexEntry, String> by) {
        Map<String, IndexEntry> out = new HashMap<>();
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(values));
        db.query(c -> {
            for (int from = 0; from < all.size(); from += CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                String sql = "SELECT " + COLUMNS + " FROM upload_index WHERE endpoint_key = ? AND bucket = ? AND "
                        + column + " IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, endpointKey);
                    ps.setString(2, bucket);
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(3 + i, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            IndexEntry e = read(rs);
                            out.merge(by.apply(e), e, (a, b) -> a.uploadedAt().isAfter(b.uploadedAt()) ? a : b);
                        }
                    }
                }
            }
            return null;
        });
        return out;
    }

    /** Every row under {@code prefix} of one bucket (all of it for an empty prefix). */
    public List<IndexEntry> under(String endpointKey, String bucket, String prefix) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM upload_index"
                    + " WHERE endpoint_key = ? AND bucket = ? AND object_key LIKE ? ESCAPE '\\' ORDER BY object_key")) {
                ps.setString(1, endpointKey);
                ps.setString(2, bucket);
                ps.setString(3, likePrefix(prefix));
                List<IndexEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    /** Drops the rows of these keys (objects deleted, or found changed on the server). Returns how many went. */
    public int forget(String endpointKey, String bucket, Collection<String> keys) {
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(keys));
        if (all.isEmpty()) {
            return 0;
        }
        return db.inTransaction(c -> {
            int n = 0;
            for (int from = 0; from < all.size(); from += CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                n += delete(c, endpointKey, bucket, chunk);
            }
            return n;
        });
    }

    /**
     * Corrects the rows under a listed prefix: a row whose object is not in the listing, or is listed with another
     * size or ETag (overwritten by another tool, deleted), is dropped rather than trusted. Returns the dropped keys.
     * Rows outside the listing's prefix are left alone.
     */
    public List<String> reconcile(String endpointKey, RemoteListing listing) {
        List<String> stale = new ArrayList<>();
        for (IndexEntry e : under(endpointKey, listing.bucket(), listing.prefix())) {
            if (!e.matches(listing.get(e.key()))) {
                stale.add(e.key());
            }
        }
        forget(endpointKey, listing.bucket(), stale);
        return stale;
    }

    /**
     * The rows under a listed prefix that the listing confirms (same size and ETag), by key, read in one range query;
     * with {@code dropStale} the others are dropped as {@link #reconcile} does. Every key of a batch planned against
     * this listing is under its prefix, so this is the batch's lookup as well.
     */
    public Map<String, IndexEntry> confirmed(String endpointKey, RemoteListing listing, boolean dropStale) {
        Map<String, IndexEntry> out = new HashMap<>();
        List<String> stale = new ArrayList<>();
        for (IndexEntry e : under(endpointKey, listing.bucket(), listing.prefix())) {
            if (e.matches(listing.get(e.key()))) {
                out.put(e.key(), e);
            } else {
                stale.add(e.key());
            }
        }
        if (dropStale) {
            forget(endpointKey, listing.bucket(), stale);
        }
        return out;
    }

    private static int delete(Connection c, String endpointKey, String bucket, List<String> keys) throws SQLException {
        String sql = "DELETE FROM upload_index WHERE endpoint_key = ? AND bucket = ? AND object_key IN ("
                + String.join(", ", Collections.nCopies(keys.size(), "?")) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, endpointKey);
            ps.setString(2, bucket);
            for (int i = 0; i < keys.size(); i++) {
                ps.setString(3 + i, keys.get(i));
            }
            return ps.executeUpdate();
        }
    }

    private static String likePrefix(String prefix) {
        String p = prefix == null ? "" : prefix;
        return p.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static IndexEntry read(ResultSet rs) throws SQLException {
        return new IndexEntry(
                rs.getString("endpoint_key"),
                rs.getString("bucket"),
                rs.getString("object_key"),
                rs.getString("source_path"),
                rs.getLong("source_size"),
                rs.getLong("source_mtime"),
                rs.getString("fingerprint"),
                rs.getString("target_ref"),
                rs.getString("etag"),
                rs.getString("sha256"),
                rs.getTimestamp("uploaded_at").toInstant(),
                rs.getObject("source_ctime", Long.class),
                rs.getString("source_file_key"));
    }
}
