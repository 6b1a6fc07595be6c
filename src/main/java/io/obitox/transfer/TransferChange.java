package io.obitox.transfer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns set together with one state change. Only {@link TransferRepository} builds these, inside its typed
 * operations ({@code claim}, {@code complete}, …): callers say which transition happened, the repository says
 * which columns it touches. Not thread-safe; built and used on one thread.
 */
final class TransferChange {
    final Instant now;
    private final List<String> columns = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    TransferChange(Instant now) {
        this.now = now;
    }

    private TransferChange set(String column, Object value) {
        columns.add(column);
        values.add(value instanceof Instant i ? Timestamp.from(i) : value);
        return this;
    }

    TransferChange owner(String owner) {
        return set("owner", owner);
    }

    TransferChange startedAt(Instant at) {
        return set("started_at", at);
    }

    TransferChange completedAt(Instant at) {
        return set("completed_at", at);
    }

    /** Forgets the multipart upload (aborted or gone): the next run starts a new one. */
    TransferChange clearUpload() {
        return set("upload_id", null);
    }

    /** What a verified upload produced: ETag, bytes, throughput, notice and what proved it. */
    TransferChange outcome(Transfer.Outcome o, long bytes) {
        return set("etag", o.etag())
                .set("bytes_done", bytes)
                .set("throughput_bps", o.throughputBps())
                .set("notice", o.notice())
                .set("verified_by", o.verifiedBy())
                .set("content_sha256", o.sha256());
    }

    TransferChange action(String action) {
        return set("action", action);
    }

    TransferChange notice(String notice) {
        return set("notice", notice);
    }

    TransferChange activeMillis(long millis) {
        return set("active_millis", millis);
    }

    TransferChange attempts(int attempts) {
        return set("attempts", attempts);
    }

    TransferChange error(String code, String message) {
        return set("error_code", code).set("error_message", message);
    }

    TransferChange clearError() {
        return set("error_code", null).set("error_message", null);
    }

    void appendTo(StringBuilder sql, List<Object> args) {
        for (int i = 0; i < columns.size(); i++) {
            sql.append(", ").append(columns.get(i)).append(" = ?");
            args.add(values.get(i));
        }
    }
}
