package io.obitox.transfer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.app.ui.ViewFactory;
import io.obitox.objects.Encryption;
import io.obitox.objects.ObjectSettingsErrors;
import io.obitox.objects.SseCKey;
import io.obitox.objects.UploadSettings;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.storage.StorageClients;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.FxApp;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestSecrets;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import io.obitox.transfer.UploadRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Issue 16 in the Transfers view: an SSE-C upload whose key this process was not given (as after a restart) failed
 * with SSE_C_KEY_NEEDED before any request. "Retry" asks for the key file (the chooser is fed by the test): cancelled,
 * it says what is needed; another key is refused with SSE_C_KEY_MISMATCH, never reaches the engine and sends nothing;
 * the right key goes to the engine's in-memory keys and the upload is sent with it (the proxy sees its MD5 on the PUT),
 * completes, and S3Proxy (which implements SSE-C) refuses the object's HEAD without the key and returns the bytes with
 * it.
 */
@ExtendWith(ApplicationExtension.class)
class TransfersSseCKeyViewTest {
    private static final String BUCKET = "vault";
    private S3ProxyServer server;
    private FaultProxy proxy;
    private TestApp app;
    private Stage stage;
    private ViewFactory views;
    private StorageProfile profile;
    /** What the key file chooser answers, one per question; empty = the user cancelled. */
    private final Deque<Optional<Path>> answers = new ArrayDeque<>();

    private final List<String> asked = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        proxy = new FaultProxy(server.endpoint());
        app = TestApp.create(
                "transfers-sse-c",
                new StorageClients.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(3)));
        profile = app.addProfile("Vault", server, proxy.endpoint(), BUCKET);
        views = FxApp.show(app, stage);
        views.useKeyFileDialog((owner, fileName, fingerprint) -> {
            asked.add(fileName + " " + fingerprint);
            return answers.isEmpty() ? Optional.empty() : answers.poll();
        });
    }

    @AfterEach
    void tearDown() {
        app.close();
        proxy.close();
        server.close();
    }

    private static boolean isPut(FaultProxy.Request r) {
        return r.method().equals("PUT") && r.target().contains("/" + BUCKET + "/");
    }

    private static SseCKey key(long seed) {
        byte[] raw = new byte[32];
        new Random(seed).nextBytes(raw);
        SseCKey k = SseCKey.of(raw);
        TestSecrets.register(k.base64());
        return k;
    }

    private String status(FxRobot robot) {
        return robot.lookup("#transferStatus").queryAs(Label.class).getText();
    }

    @Test
    void retryAsksForTheKeyFileRefusesAnotherKeyAndSendsWithTheRightOne(FxRobot robot) throws Exception {
        SseCKey right = key(1);
        SseCKey wrong = key(2);
        Path dir = Files.createDirectories(app.dir().resolve("keys"));
        Path rightFile = Files.writeString(dir.resolve("vault.key"), right.base64() + "\n");
        Path wrongFile = Files.writeString(dir.resolve("old.key"), wrong.base64() + "\n");
        Path source = Files.writeString(
                Files.createDirectories(app.dir().resolve("src")).resolve("ledger.csv"), "a,b\n");

        // started without its key in this process (as after a restart): fails before any request
        TransferService service = app.context().transfers();
        String id = service.enqueue(
                        List.of(new UploadRequest(source, TargetRef.profile(profile.id()), BUCKET, "ledger.csv", null)
                                .withSettings(UploadSettings.NONE.withEncryption(Encryption.customer(right)))))
                .transferIds()
                .get(0);
        assertThat(service.awaitSettled(List.of(id), Duration.ofSeconds(30))).isTrue();
        assertThat(service.snapshot(id).orElseThrow().errorCode()).isEqualTo(ObjectSettingsErrors.KEY_NEEDED);

        robot.clickOn("#nav-transfers");
        FxApp.waitUntil(
                "the failed transfer offers Retry",
                30,
                () -> robot.lookup("#retry-" + id).tryQuery().isPresent());

        // cancelled: nothing resumed, the line says which key is needed
        robot.clickOn("#retry-" + id);
        FxApp.waitUntil("the key is asked for", 10, () -> asked.size() == 1);
        assertThat(asked.get(0)).isEqualTo("ledger.csv " + right.md5Base64());
        FxApp.waitUntil(
                "it says the key is needed", 10, () -> status(robot).startsWith("Not resumed (SSE_C_KEY_NEEDED)"));
        assertThat(status(robot)).contains(right.md5Base64());

        // another key: refused before the engine holds it or anything is sent
        answers.add(Optional.of(wrongFile));
        robot.clickOn("#retry-" + id);
        FxApp.waitUntil(
                "another key is refused",
                10,
                () -> status(robot).startsWith("Not resumed (" + ObjectSettingsErrors.KEY_MISMATCH + ")"),
                () -> status(robot));
        assertThat(status(robot))
                .contains("fingerprint " + wrong.md5Base64())
                .contains("fingerprint " + right.md5Base64())
                .contains("Choose the key file the upload started with")
                .doesNotContain(wrong.base64())
                .doesNotContain(right.base64());
        assertThat(service.engine().sseCKeys().find(wrong.md5Base64())).isEmpty();
        assertThat(service.snapshot(id).orElseThrow().state()).isEqualTo(TransferState.FAILED);
        assertThat(proxy.requests()).noneMatch(TransfersSseCKeyViewTest::isPut);
        FxApp.screenshot(robot, stage, "transfers-sse-c-key");

        // the key it started with: handed to the engine (memory only) and sent with the upload
        answers.add(Optional.of(rightFile));
        robot.clickOn("#retry-" + id);
        FxApp.waitUntil(
                "it is resumed with the key",
                10,
                () -> status(robot).startsWith("Resumed 'ledger.csv'"),
                () -> status(robot));
        assertThat(status(robot)).contains(right.md5Base64()).doesNotContain(right.base64());
        assertThat(service.engine().sseCKeys().find(right.md5Base64())).isPresent();
        FxApp.waitUntil(
                "the upload is sent with the SSE-C headers",
                30,
                () -> proxy.requests().stream()
                        .anyMatch(r -> isPut(r)
                                && right.md5Base64()
                                        .equals(r.header("x-amz-server-side-encryption-customer-key-MD5"))));
        assertThat(service.awaitSettled(List.of(id), Duration.ofSeconds(30))).isTrue();
        TransferSnapshot after = service.snapshot(id).orElseThrow();
        assertThat(after.state())
                .as(after.errorCode() + " " + after.errorMessage())
                .isEqualTo(TransferState.COMPLETED);
        try (var s3 = server.client()) {
            // S3Proxy implements SSE-C: without the key the object is refused, with it the bytes come back
            assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key("ledger.csv")))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
            byte[] back = s3.getObjectAsBytes(b -> b.bucket(BUCKET)
                            .key("ledger.csv")
                            .sseCustomerAlgorithm("AES256")
                            .sseCustomerKey(right.base64())
                            .sseCustomerKeyMD5(right.md5Base64()))
                    .asByteArray();
            assertThat(new String(back, StandardCharsets.UTF_8)).isEqualTo("a,b\n");
        }
    }
}
