package io.obitox.webhook;

import static io.obitox.webhook.WebhookTesting.add;
import static io.obitox.webhook.WebhookTesting.awaitStatus;
import static io.obitox.webhook.WebhookTesting.fast;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.app.AppContext;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.storage.S3Target;
import io.obitox.sync.ConditionalWrites;
import io.obitox.sync.ConflictChoice;
import io.obitox.sync.ExcludeRules;
import io.obitox.sync.RemoteLister;
import io.obitox.sync.UploadIndex;
import io.obitox.sync.UploadPlanner;
import io.obitox.sync.UploadPlans;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import io.obitox.transfer.UploadRequest;
import io.obitox.webhook.Receiver.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: a file the batch skips (already in the bucket) is a SKIPPED transfer whose upload.completed event says
 * {@code "skipped": true} and why, and reaches a real receiver like any other; a sent file says
 * {@code "skipped": false}. Sent through the Upload view's service ({@link UploadPlans#send}) against S3Proxy.
 */
class WebhookSkippedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private S3ProxyServer s3;
    private TestApp app;
    private StorageProfile profile;
    private Receiver receiver;
    private WebhookService webhooks;

    @BeforeEach
    void setUp() throws Exception {
        s3 = S3ProxyServer.start();
        s3.createBucket("uploads");
        app = TestApp.create("webhook-skipped");
        profile = app.addProfile("proxy", s3, "uploads");
        receiver = new Receiver(r -> Reply.status(200));
        webhooks = app.context().webhooks();
        webhooks.applySettings(fast("0,200ms,200ms"));
    }

    @AfterEach
    void tearDown() {
        app.close();
        receiver.close();
        s3.close();
    }

    private UploadPlans.Sent send(Path file, ConflictChoice choice) throws InterruptedException {
        AppContext c = app.context();
        UploadPlans plans = new UploadPlans(
                new UploadPlanner(
                        new UploadIndex(c.database()),
                        new RemoteLister(c.buckets(), c.clients()),
                        new ConditionalWrites(c.clients(), c.settings())),
                new RemoteLister(c.buckets(), c.clients()),
                c.transfers());
        TargetRef ref = TargetRef.profile(profile.id());
        S3Target target = c.profiles().resolve(ref);
        UploadPlans.Sent sent = plans.send(
                new UploadPlans.Batch(
                        target,
                        "uploads",
                        "docs/",
                        choice,
                        ExcludeRules.none(),
                        List.of(new UploadRequest(file, ref, "uploads", "docs/report.txt", "text/plain")),
                        List.of("report.txt")),
                Map.of(),
                n -> {});
        assertThat(c.transfers().awaitSettled(sent.batch().transferIds(), WAIT)).isTrue();
        return sent;
    }

    @Test
    void skippedRowsAreWantedOnlyWhileAnEnabledEndpointSubscribesToUploadCompleted() {
        // what obitox sync asks before it records a row per file skipped as identical
        TransferService transfers = app.context().transfers();
        assertThat(transfers.skippedRowsWanted()).as("no endpoint").isFalse();
        add(webhooks, receiver.url("/failed-only"), WebhookEventType.UPLOAD_FAILED);
        assertThat(transfers.skippedRowsWanted()).as("upload.failed only").isFalse();
        WebhookEndpoint completed = add(webhooks, receiver.url("/hooks"), WebhookEventType.UPLOAD_COMPLETED)
                .endpoint();
        assertThat(transfers.skippedRowsWanted()).isTrue();
        webhooks.setEnabled(completed.id(), false);
        assertThat(transfers.skippedRowsWanted()).as("disabled").isFalse();
    }

    @Test
    void aSkippedFileSendsUploadCompletedWithSkippedTrueAndItsAction() throws Exception {
        add(webhooks, receiver.url("/hooks"));
        Path file = app.dir().resolve("src/report.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "the same bytes twice");

        UploadPlans.Sent first = send(file, ConflictChoice.SKIP_IDENTICAL);
        String uploadedId = first.batch().transferIds().get(0);
        UploadPlans.Sent second = send(file, ConflictChoice.SKIP_IDENTICAL);
        assertThat(second.batch().transferIds()).as("nothing queued").isEmpty();
        assertThat(second.summary().skippedIdentical()).isEqualTo(1);

        TransferService transfers = app.context().transfers();
        List<TransferSnapshot> skipped =
                transfers.page(java.util.Set.of(TransferState.SKIPPED), 0, 10).rows();
        assertThat(skipped).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo("docs/report.txt");
            assertThat(s.notice()).startsWith("Not sent: identical to the object in the bucket");
        });
        String skippedId = skipped.get(0).id();

        for (String id : List.of(uploadedId, skippedId)) {
            List<Delivery> rows = webhooks.forTransfers(List.of(id));
            assertThat(rows)
                    .singleElement()
                    .satisfies(d -> assertThat(d.eventType()).isEqualTo("upload.completed"));
            awaitStatus(webhooks, rows.get(0).id(), DeliveryState.DELIVERED, WAIT);
        }
        String etag = s3.client()
                .headObject(h -> h.bucket("uploads").key("docs/report.txt"))
                .eTag()
                .replace("\"", "");
        JsonNode sent = null;
        JsonNode notSent = null;
        for (Receiver.Received r : receiver.received()) {
            JsonNode p = JSON.readTree(r.body());
            if (p.get("transferId").asText().equals(skippedId)) {
                notSent = p;
            } else if (p.get("transferId").asText().equals(uploadedId)) {
                sent = p;
            }
        }
        assertThat(sent).isNotNull();
        assertThat(sent.get("skipped").asBoolean()).isFalse();
        assertThat(sent.get("action").asText()).isEqualTo("uploaded");
        assertThat(notSent).isNotNull();
        assertThat(notSent.get("event").asText()).isEqualTo("upload.completed");
        assertThat(notSent.get("skipped").asBoolean()).isTrue();
        assertThat(notSent.get("action").asText()).isEqualTo("skipped-identical");
        assertThat(notSent.get("key").asText()).isEqualTo("docs/report.txt");
        assertThat(notSent.get("fileSize").asLong()).isEqualTo(20);
        assertThat(notSent.get("etag").asText().replace("\"", "")).isEqualTo(etag);
        assertThat(notSent.get("fileUrl").asText()).isEqualTo(s3.endpoint() + "/uploads/docs/report.txt");
    }

    @Test
    void aFileSentUnderANewNameSaysRenamed() throws Exception {
        add(webhooks, receiver.url("/hooks"));
        Path file = app.dir().resolve("src/report.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "first version");
        String firstId =
                send(file, ConflictChoice.SKIP_IDENTICAL).batch().transferIds().get(0);
        Files.writeString(file, "second version, other bytes");
        UploadPlans.Sent second = send(file, ConflictChoice.RENAME);
        String renamedId = second.batch().transferIds().get(0);

        for (String id : List.of(firstId, renamedId)) {
            List<Delivery> rows = webhooks.forTransfers(List.of(id));
            assertThat(rows).hasSize(1);
            awaitStatus(webhooks, rows.get(0).id(), DeliveryState.DELIVERED, WAIT);
        }
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        for (Receiver.Received r : receiver.received()) {
            JsonNode p = JSON.readTree(r.body());
            byId.put(p.get("transferId").asText(), p);
        }
        assertThat(byId.get(firstId).get("action").asText()).isEqualTo("uploaded");
        JsonNode renamed = byId.get(renamedId);
        assertThat(renamed.get("event").asText()).isEqualTo("upload.completed");
        assertThat(renamed.get("skipped").asBoolean()).isFalse();
        assertThat(renamed.get("action").asText()).isEqualTo("renamed");
        assertThat(renamed.get("key").asText()).isEqualTo("docs/report (1).txt");
        assertThat(s3.client()
                        .getObjectAsBytes(g -> g.bucket("uploads").key("docs/report (1).txt"))
                        .asUtf8String())
                .isEqualTo("second version, other bytes");
    }

    @Test
    void aWriteRefusedWith412UnderSkipEndsSkippedAndSaysSoWhileFailFails() throws Exception {
        add(webhooks, receiver.url("/hooks"));
        // the key is there before the engine writes; nothing lists it, so the PutObject's If-None-Match meets it
        s3.client()
                .putObject(
                        b -> b.bucket("uploads").key("docs/taken.txt"),
                        software.amazon.awssdk.core.sync.RequestBody.fromString("theirs"));
        Path file = app.dir().resolve("src/taken.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "ours");
        TargetRef ref = TargetRef.profile(profile.id());
        TransferService transfers = app.context().transfers();
        UploadRequest write = new UploadRequest(file, ref, "uploads", "docs/taken.txt", "text/plain", true, null);
        String skipId = transfers
                .enqueue(List.of(write.withIfExists("skip")))
                .transferIds()
                .get(0);
        Path other = Files.writeString(app.dir().resolve("src/taken-too.txt"), "ours too"); // not a resume of the first
        String failId = transfers
                .enqueue(List.of(new UploadRequest(other, ref, "uploads", "docs/taken.txt", "text/plain", true, null)
                        .withIfExists("fail")))
                .transferIds()
                .get(0);
        assertThat(failId).isNotEqualTo(skipId);
        assertThat(transfers.awaitSettled(List.of(skipId, failId), WAIT)).isTrue();

        TransferSnapshot skipped = transfers.snapshot(skipId).orElseThrow();
        assertThat(skipped.state()).isEqualTo(TransferState.SKIPPED);
        assertThat(skipped.notice()).contains("created on the server after the listing");
        TransferSnapshot failed = transfers.snapshot(failId).orElseThrow();
        assertThat(failed.state()).isEqualTo(TransferState.FAILED);
        assertThat(failed.errorCode()).isEqualTo("OBJECT_EXISTS");
        assertThat(s3.client()
                        .getObjectAsBytes(g -> g.bucket("uploads").key("docs/taken.txt"))
                        .asUtf8String())
                .isEqualTo("theirs");

        for (String id : List.of(skipId, failId)) {
            List<Delivery> rows = webhooks.forTransfers(List.of(id));
            assertThat(rows).hasSize(1);
            awaitStatus(webhooks, rows.get(0).id(), DeliveryState.DELIVERED, WAIT);
        }
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        for (Receiver.Received r : receiver.received()) {
            JsonNode p = JSON.readTree(r.body());
            byId.put(p.get("transferId").asText(), p);
        }
        assertThat(byId.get(skipId).get("event").asText()).isEqualTo("upload.completed");
        assertThat(byId.get(skipId).get("skipped").asBoolean()).isTrue();
        assertThat(byId.get(skipId).get("action").asText()).isEqualTo("skipped-existing");
        assertThat(byId.get(skipId).get("batchId").asText()).isEqualTo(skipped.batchId());
        assertThat(byId.get(failId).get("batchId").asText()).isEqualTo(failed.batchId());
        assertThat(byId.get(failId).get("event").asText()).isEqualTo("upload.failed");
        assertThat(byId.get(failId).get("errorCode").asText()).isEqualTo("OBJECT_EXISTS");
    }
}
