package io.obitox.storage.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.ui.ViewFactory;
import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.SseCKey;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.ObjectEntry;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.FxApp;
import io.obitox.testing.Png;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import io.obitox.transfer.TransferDirection;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 18: an object encrypted with a customer key (SSE-C) in the bucket browser, on an S3Proxy that implements SSE-C
 * (the sandbox's does not). Its details say that the key is needed instead of failing; downloaded without the key, the
 * status line names the fix; with "Customer key (SSE-C)…" in the download dialog (the injected chooser gives the
 * file) it is downloaded through the queue with the key, and its details then open with the key given in this
 * session. The native choosers are replaced through {@link ViewFactory}: TestFX cannot drive them.
 */
@ExtendWith(ApplicationExtension.class)
class BucketDownloadSseCViewTest {
    private static TestApp app;
    private static S3ProxyServer server;
    private static SseCKey key;
    private static byte[] secret;
    private static Path keyFile;
    private Stage stage;
    private Path folder;

    private final List<String> askedForKey = new ArrayList<>();

    @BeforeAll
    static void createApp() throws IOException {
        app = TestApp.create("bucket-download-sse-c");
        byte[] raw = new byte[32];
        new Random(1618).nextBytes(raw);
        key = SseCKey.of(raw);
        TestSecrets.register(key.base64());
        keyFile = Files.writeString(app.dir().resolve("vault.key"), key.base64() + "\n");
        secret = new byte[200_000];
        new Random(18).nextBytes(secret);
        // the sandbox's S3Proxy refuses SSE-C (501); this one implements it
        server = S3ProxyServer.start();
        server.createBucket("vault");
        StorageProfile vault = app.addProfile("Vault", server, "vault");
        app.context().profiles().setDefault(vault);
        try (S3Client s3 = server.client()) {
            s3.putObject(
                    b -> b.bucket("vault")
                            .key("ledger-2026.bin")
                            .sseCustomerAlgorithm("AES256")
                            .sseCustomerKey(key.base64())
                            .sseCustomerKeyMD5(key.md5Base64()),
                    RequestBody.fromBytes(secret));
        }
    }

    @AfterAll
    static void close() {
        app.close();
        server.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        folder = TestPaths.newDir("bucket-download-sse-c").resolve("into");
        ViewFactory views = FxApp.show(app, stage);
        views.useDownloadFolderDialog((owner, count) -> Optional.of(folder));
        views.useDownloadKeyFileDialog((owner, title) -> {
            askedForKey.add(title);
            return Optional.of(keyFile);
        });
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#bucketStatus").queryAs(Label.class).getText();
    }

    private static String summary(FxRobot robot) {
        return robot.lookup("#detailsSummary").queryAs(Label.class).getText();
    }

    @Test
    @SuppressWarnings("unchecked")
    void detailsSayTheKeyIsNeededAndTheDownloadDialogTakesItsKeyFile(FxRobot robot) throws Exception {
        robot.clickOn("#nav-buckets");
        TableView<ObjectEntry> objects = robot.lookup("#objectTable").queryAs(TableView.class);
        FxApp.waitUntil(
                "the sandbox is listed",
                30,
                () -> objects.getItems().stream().anyMatch(e -> e.key().equals("ledger-2026.bin")));

        // details: the HEAD is refused without the key, and the pane says why instead of an error
        robot.clickOn("ledger-2026.bin");
        robot.clickOn("#detailsButton");
        FxApp.waitUntil("details answered", 20, () -> summary(robot).contains("SSE-C"), () -> summary(robot));
        assertThat(summary(robot))
                .isEqualTo("'ledger-2026.bin' is encrypted with a customer key (SSE-C): its details and its download"
                        + " need that key. Choose its key file in the download dialog (Download…); once given, its"
                        + " details show here too.");
        assertThat(robot.lookup("#detail-key").tryQuery()).isEmpty();

        // downloaded without the key: nothing queued, the status line names the fix
        robot.clickOn("#downloadButton");
        robot.clickOn("#downloadChooseFolder");
        assertThat(robot.lookup("#downloadKeyText").queryAs(Label.class).getText())
                .isEqualTo("No key file chosen.");
        robot.clickOn("#downloadConfirm");
        FxApp.waitUntil("refused", 30, () -> status(robot).contains("not downloaded"), () -> status(robot));
        assertThat(status(robot))
                .isEqualTo("1 not downloaded, e.g. ledger-2026.bin: This object is encrypted with a customer key"
                        + " (SSE-C): choose its key file in the download dialog.");
        assertThat(robot.lookup("#bucketStatus").queryAs(Label.class).getStyleClass())
                .contains("danger");
        assertThat(downloads()).isEmpty();

        // with its key file: the fingerprint shows, never the key
        robot.clickOn("#downloadButton");
        assertThat(robot.lookup("#downloadFolder").queryTextInputControl().getText())
                .as("the folder of the last download")
                .isEqualTo(folder.toString());
        robot.clickOn("#downloadChooseKey");
        assertThat(askedForKey).containsExactly("Key file of the objects (SSE-C)");
        Label keyText = robot.lookup("#downloadKeyText").queryAs(Label.class);
        FxApp.waitUntil("the key is read", 10, () -> keyText.getText().startsWith("Fingerprint"), keyText::getText);
        assertThat(keyText.getText())
                .isEqualTo("Fingerprint " + key.md5Base64() + " (the key itself is never stored)")
                .doesNotContain(key.base64());
        Node dialog = robot.lookup("#downloadDialog").query();
        screenshot(robot, dialog.getScene().getWindow(), "buckets-download-sse-c");
        robot.clickOn("#downloadConfirm");

        FxApp.waitUntil("queued", 30, () -> status(robot).contains("queued"), () -> status(robot));
        assertThat(status(robot)).isEqualTo("1 download(s) queued into " + folder + " — follow them under Transfers.");
        FxApp.waitUntil(
                "the download completed",
                60,
                () -> downloads().size() == 1 && downloads().get(0).state() == TransferState.COMPLETED,
                () -> downloads().toString());
        assertThat(Files.readAllBytes(folder.resolve("ledger-2026.bin"))).isEqualTo(secret);
        TransferSnapshot done = downloads().get(0);
        // the row keeps the key's fingerprint only: a resume after a restart asks for the file again
        assertThat(app.context().transfers().sseC().keyNeeded(done.id()))
                .as("held in memory by this process")
                .isEmpty();

        // details again: opened with the key given in this session
        robot.clickOn("#detailsButton");
        FxApp.waitUntil(
                "details loaded",
                20,
                () -> robot.lookup("#detail-encryption").tryQuery().isPresent(),
                () -> summary(robot));
        assertThat(robot.lookup("#detail-encryption").queryTextInputControl().getText())
                .isEqualTo("SSE-C AES256");
        assertThat(robot.lookup("#detail-size").queryTextInputControl().getText())
                .isEqualTo("200,000 bytes (195 KiB)");
    }

    @Test
    void theDialogFitsItsGermanTexts(FxRobot robot) throws Exception {
        Messages de = Messages.of(Locale.GERMAN);
        DownloadDialogViewModel vm =
                new DownloadDialogViewModel(new UiTasks(new DirectExecutorService(), Runnable::run), de);
        DownloadDialog dialog = new DownloadDialog(
                vm, (owner, count) -> Optional.of(folder), (owner, title) -> Optional.of(keyFile), de);
        List<DownloadDialogViewModel.Choice> chosen = new ArrayList<>();
        robot.interact(() -> dialog.show(stage, 12, "vault", chosen::add));
        robot.clickOn("#downloadChooseFolder");
        robot.clickOn("#downloadChooseKey");
        assertThat(robot.lookup("#downloadKeyText").queryAs(Label.class).getText())
                .isEqualTo("Fingerabdruck " + key.md5Base64() + " (der Schlüssel selbst wird nie gespeichert)");
        for (String id :
                List.of("#downloadChooseFolder", "#downloadChooseKey", "#downloadClearKey", "#downloadConfirm")) {
            Labeled b = robot.lookup(id).queryAs(Labeled.class);
            assertThat(b.getWidth()).as(id + " shows its whole text").isGreaterThanOrEqualTo(b.prefWidth(-1));
        }
        Node pane = robot.lookup("#downloadDialog").query();
        screenshot(robot, pane.getScene().getWindow(), "de/buckets-download-sse-c");
        robot.clickOn("#downloadConfirm");
        assertThat(chosen)
                .containsExactly(new DownloadDialogViewModel.Choice(
                        folder, vm.keyProperty().get()));
        assertThat(chosen.get(0).key().md5Base64()).isEqualTo(key.md5Base64());
    }

    private static List<TransferSnapshot> downloads() {
        return app.context().transfers().recent(100).stream()
                .filter(s -> s.direction() == TransferDirection.DOWNLOAD)
                .toList();
    }

    private static void screenshot(FxRobot robot, Window window, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = window.getScene().snapshot(null));
        Path dir = Path.of(System.getProperty("obitox.screenshots.dir", "target/screenshots"));
        Png.write(image[0], dir.resolve(name + ".png"));
    }
}
