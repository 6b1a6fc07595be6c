package io.obitox.webhook;

import static io.obitox.webhook.WebhookTesting.add;
import static io.obitox.webhook.WebhookTesting.awaitStatus;
import static io.obitox.webhook.WebhookTesting.fast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.transfer.Transfer;
import io.obitox.transfer.TransferRepository;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferState;
import io.obitox.transfer.UploadRequest;
import io.obitox.webhook.Receiver.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real uploads to S3Proxy produce upload.completed / upload.failed deliveries through the transactional outbox. */
class WebhookUploadTest {
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
        app = TestApp.create("webhook-upload");
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

    private String upload(Path file, String bucket, String key, String type) throws InterruptedException {
        TransferService transfers = app.context().transfers();
        String id = transfers
                .enqueue(List.of(new UploadRequest(file, TargetRef.profile(profile.id()), bucket, key, type)))
                .transferIds()
                .get(0);
        assertThat(transfers.awaitSettled(List.of(id), WAIT)).isTrue();
        return id;
    }

    @Test
    void aCompletedUploadProducesAnUploadCompletedDeliveryWithItsPayload() throws Exception {
        WebhookService.Created ep = add(webhooks, receiver.url("/uploads"));
        Path file = app.dir().resolve("src/report 2026.pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, "%PDF-1.7 hello".getBytes());

        String transferId = upload(file, "uploads", "docs/report 2026.pdf", "application/pdf");
        List<Delivery> rows = webhooks.forTransfers(List.of(transferId));
        assertThat(rows)
                .as("the outbox row exists as soon as the transfer is done")
                .hasSize(1);
        Delivery d = awaitStatus(webhooks, rows.get(0).id(), DeliveryState.DELIVERED, WAIT);

        assertThat(d.eventType()).isEqualTo("upload.completed");
        assertThat(d.endpointId()).isEqualTo(ep.endpoint().id());
        Receiver.Received r = receiver.received().get(0);
        assertThat(r.id()).isEqualTo(d.id());
        assertThat(SpecSignature.verifies(ep.secret().reveal(), r.id(), r.timestamp(), r.body(), r.signature()))
                .isTrue();
        JsonNode p = JSON.readTree(r.body());
        String etag = s3.client()
                .headObject(h -> h.bucket("uploads").key("docs/report 2026.pdf"))
                .eTag()
                .replace("\"", "");
        assertThat(p.get("event").asText()).isEqualTo("upload.completed");
        assertThat(p.get("transferId").asText()).isEqualTo(transferId);
        assertThat(p.get("filename").asText()).isEqualTo("report 2026.pdf");
        assertThat(p.get("fileSize").asLong()).isEqualTo(14);
        assertThat(p.get("bucket").asText()).isEqualTo("uploads");
        assertThat(p.get("key").asText()).isEqualTo("docs/report 2026.pdf");
        assertThat(p.get("fileUrl").asText()).isEqualTo(s3.endpoint() + "/uploads/docs/report%202026.pdf");
        assertThat(p.get("etag").asText()).isEqualTo(etag);
        assertThat(p.get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(Instant.parse(p.get("uploadedAt").asText()))
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(p.has("errorCode")).isFalse();
    }

    @Test
    void aFailingUploadProducesUploadFailedWithItsErrorAndEndpointsGetOnlyTheirEvents() throws Exception {
        WebhookService.Created failures = add(webhooks, receiver.url("/failures"), WebhookEventType.UPLOAD_FAILED);
        add(webhooks, receiver.url("/successes"), WebhookEventType.UPLOAD_COMPLETED);
        Path file = app.dir().resolve("a.bin");
        Files.write(file, new byte[1000]);

        String missingBucket = upload(file, "no-such-bucket", "a.bin", null);
        String missingFile = upload(app.dir().resolve("gone.bin"), "uploads", "gone.bin", null);

        for (String transferId : List.of(missingBucket, missingFile)) {
            List<Delivery> rows = webhooks.forTransfers(List.of(transferId));
            assertThat(rows).singleElement().satisfies(d -> {
                assertThat(d.eventType()).isEqualTo("upload.failed");
                assertThat(d.endpointId()).isEqualTo(failures.endpoint().id());
            });
            awaitStatus(webhooks, rows.get(0).id(), DeliveryState.DELIVERED, WAIT);
        }
        List<JsonNode> bodies = receiver.received().stream()
                .map(r -> {
                    assertThat(r.path()).isEqualTo("/failures");
                    try {
                        return JSON.readTree(r.body());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
        assertThat(bodies)
                .extracting(b -> b.get("errorCode").asText())
                .containsExactlyInAnyOrder("BUCKET_MISSING", "FILE_NOT_FOUND");
        assertThat(bodies).allSatisfy(b -> {
            assertThat(b.get("event").asText()).isEqualTo("upload.failed");
            assertThat(b.get("errorMessage").asText()).isNotBlank();
            assertThat(b.has("fileUrl")).isFalse();
            assertThat(b.get("failedAt").asText()).isNotBlank();
        });
    }

    @Test
    void noEndpointNoRowAndADisabledEndpointGetsNothing() throws Exception {
        Path file = app.dir().resolve("b.bin");
        Files.write(file, new byte[10]);
        String before = upload(file, "uploads", "b1.bin", null);
        assertThat(webhooks.forTransfers(List.of(before))).isEmpty();

        WebhookService.Created ep = add(webhooks, receiver.url("/x"));
        webhooks.setEnabled(ep.endpoint().id(), false);
        String whileOff = upload(file, "uploads", "b2.bin", null);
        assertThat(webhooks.forTransfers(List.of(whileOff))).isEmpty();
    }

    @Test
    void theEventIsWrittenOnlyWhenTheOutcomeCommits() {
        add(webhooks, receiver.url("/atomic"));
        TransferRepository repo = new TransferRepository(app.context().database());
        repo.addOutcomeHook(webhooks.outboxHook());
        repo.addOutcomeHook((tx, t) -> {
            throw new java.sql.SQLException("disk full (simulated)");
        });
        Transfer t = transfer(TransferState.RUNNING);
        repo.insertAll(List.of(t));

        assertThatThrownBy(() -> repo.complete(t.id(), Transfer.Outcome.none(null, null, null), 1, 0, 1, Instant.now()))
                .isInstanceOf(RuntimeException.class);

        assertThat(repo.find(t.id()).orElseThrow().state()).isEqualTo(TransferState.RUNNING);
        assertThat(webhooks.forTransfers(List.of(t.id())))
                .as("rolled back with the outcome")
                .isEmpty();
        assertThat(countRows()).isZero();
    }

    private int countRows() {
        return app.context().database().query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM upload_webhooks");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private Transfer transfer(TransferState state) {
        Instant now = Instant.now();
        return new Transfer(
                UUID.randomUUID().toString(),
                null,
                "owner",
                new Transfer.Source(Path.of("/tmp/x.bin"), 1, 1, "f"),
                new Transfer.Target(TargetRef.profile(profile.id()).toJson(), "proxy", "k", "uploads", "x.bin", null),
                new Transfer.Plan(false, 0, 1),
                Transfer.Progress.initial(state, null),
                Transfer.Outcome.none(null, null, null),
                Transfer.Times.created(now));
    }
}
