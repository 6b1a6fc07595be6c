package io.obitox.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.common.Json;
import io.obitox.transfer.Transfer;
import io.obitox.transfer.TransferState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON bodies, thin and stable (docs/webhooks.md lists every field): the event name, the object's bucket, key,
 * URL, size, ETag and content type, the transfer id; for {@code upload.completed} also whether the file was skipped
 * (already in the bucket) and the batch's action. Fields are only ever added, never renamed. Stateless.
 */
final class Payloads {
    private static final ObjectMapper JSON = Json.newMapper();

    private Payloads() {}

    static String upload(Transfer t, String fileUrl) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean skipped = t.state() == TransferState.SKIPPED;
        // a skipped file's object is in the bucket as the batch wanted it: the same event as an upload, marked
        boolean completed = t.state() == TransferState.COMPLETED || skipped;
        m.put("event", (completed ? WebhookEventType.UPLOAD_COMPLETED : WebhookEventType.UPLOAD_FAILED).wireName());
        m.put("transferId", t.id());
        // the batch (one drop, one upload or sync run): receivers add a batch's events up to its summary
        m.put("batchId", t.batchId());
        m.put("filename", t.fileName());
        m.put("fileSize", t.size());
        m.put("bucket", t.bucket());
        m.put("key", t.key());
        m.put("contentType", t.contentType());
        if (completed) {
            m.put("fileUrl", fileUrl);
            m.put("etag", t.etag());
            m.put("uploadedAt", iso(t.completedAt() != null ? t.completedAt() : t.updatedAt()));
            m.put("skipped", skipped);
            // a sent file has an action only when it was not a plain upload ("renamed")
            m.put("action", t.outcome().action() != null ? t.outcome().action() : "uploaded");
        } else {
            m.put("failedAt", iso(t.updatedAt()));
            m.put("errorCode", t.errorCode());
            m.put("errorMessage", t.errorMessage());
        }
        return write(m);
    }

    static String test(String endpointId, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", WebhookEventType.WEBHOOK_TEST.wireName());
        m.put("endpointId", endpointId);
        m.put("sentAt", iso(now));
        m.put("message", "A test event from ObitoX. If the signature checks out, your receiver is set up.");
        return write(m);
    }

    private static String iso(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String write(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
