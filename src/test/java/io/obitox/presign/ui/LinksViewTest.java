package io.obitox.presign.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.app.ui.ViewFactory;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.testing.FxApp;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestSecrets;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferState;
import io.obitox.transfer.UploadRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The Links view end to end on S3Proxy: objects shared from the bucket browser, finished uploads and a typed PUT key
 * are signed as one batch; copy, copy all and both exports give working links.
 */
@ExtendWith(ApplicationExtension.class)
class LinksViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private S3ProxyServer server;
    private TestApp app;
    private Stage stage;
    private StorageProfile profile;
    private Path exports;
    private final byte[] report = bytes(1_572_864, 1);

    @Start
    void start(Stage stage) {
        this.stage = stage;
        server = S3ProxyServer.start();
        server.createBucket("team-share");
        try (var s3 = server.client()) {
            s3.putObject(b -> b.bucket("team-share").key("reports/q3-results.pdf"), RequestBody.fromBytes(report));
            s3.putObject(
                    b -> b.bucket("team-share").key("reports/q3-summary.txt"), RequestBody.fromBytes(bytes(48_000, 2)));
            s3.putObject(
                    b -> b.bucket("team-share").key("videos/launch-teaser.mp4"),
                    RequestBody.fromBytes(bytes(12 << 20, 3)));
        }
        app = TestApp.create("links-view");
        profile = app.addProfile("Team storage", server, "team-share");
        exports = app.dir().resolve("exports");
        ViewFactory views = FxApp.show(app, stage);
        views.useSaveDialog((owner, title, name, extension) -> Optional.of(exports.resolve(name)));
        views.selection().reload(profile.id());
    }

    @AfterEach
    void tearDown() {
        app.close();
        server.close();
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private void uploadTwoFiles() throws Exception {
        TransferService transfers = app.context().transfers();
        Path dir = app.dir().resolve("src");
        Files.createDirectories(dir);
        List<UploadRequest> requests = List.of("handbook.pdf", "onboarding.mov").stream()
                .map(name -> {
                    Path f = dir.resolve(name);
                    try {
                        Files.write(f, bytes(2 << 20, name.hashCode()));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return new UploadRequest(f, TargetRef.profile(profile.id()), "team-share", "hr/" + name, null);
                })
                .toList();
        List<String> ids = transfers.enqueue(requests).transferIds();
        assertThat(transfers.awaitSettled(ids, Duration.ofSeconds(60))).isTrue();
        assertThat(ids).allMatch(id -> transfers.snapshot(id).orElseThrow().state() == TransferState.COMPLETED);
    }

    @SuppressWarnings("unchecked")
    private static <T> TableView<T> table(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TableView.class);
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static String clipboard(FxRobot robot) {
        String[] text = new String[1];
        robot.interact(() -> text[0] = Clipboard.getSystemClipboard().getString());
        return text[0];
    }

    @Test
    void aBatchFromTheBrowserUploadsAndATypedKeyIsSignedCopiedAndExported(FxRobot robot) throws Exception {
        uploadTwoFiles();

        robot.clickOn("#nav-buckets");
        FxApp.waitUntil(
                "the objects of team-share are listed",
                30,
                () -> robot.lookup("#objectTable")
                                .queryAs(TableView.class)
                                .getItems()
                                .size()
                        == 3); // reports/, videos/, hr/
        robot.doubleClickOn("reports/");
        FxApp.waitUntil(
                "the reports folder is open",
                30,
                () -> table(robot, "#objectTable").getItems().size() == 2);
        robot.clickOn("q3-results.pdf")
                .press(KeyCode.CONTROL)
                .clickOn("q3-summary.txt")
                .release(KeyCode.CONTROL);
        assertThat(table(robot, "#objectTable").getSelectionModel().getSelectedItems())
                .hasSize(2);
        FxApp.screenshot(robot, stage, "links-share-from-buckets");
        robot.clickOn("#shareLinkButton");

        FxApp.waitUntil(
                "the Links view shows the shared objects",
                10,
                () -> robot.lookup("#linkFilesTable").tryQuery().isPresent());
        TableView<LinkDraft> files = table(robot, "#linkFilesTable");
        assertThat(files.getItems())
                .extracting(LinkDraft::key)
                .containsExactly("reports/q3-results.pdf", "reports/q3-summary.txt");

        robot.clickOn("#addUploadsButton");
        // the finished uploads are read from the database in the background
        FxApp.waitUntil(
                "the finished uploads are added", 10, () -> files.getItems().size() == 4);
        assertThat(files.getItems())
                .extracting(LinkDraft::key)
                .contains("hr/handbook.pdf", "hr/onboarding.mov")
                .hasSize(4);

        robot.clickOn("#newKeyField").write("incoming/client-footage.zip");
        robot.clickOn("#newSizeField").write("20G");
        robot.clickOn("#newTypeField").write("application/zip");
        robot.clickOn("#addKeyButton");
        assertThat(files.getItems()).hasSize(5);
        FxApp.waitUntil(
                "the auto expiry is explained",
                10,
                () -> label(robot, "#expiryPreview").contains("lower quartile of 2 recent uploads"));

        robot.clickOn("#generateButton");
        TableView<?> links = table(robot, "#linksTable");
        FxApp.waitUntil("five links", 30, () -> links.getItems().size() == 5);
        List<io.obitox.presign.PresignedLink> signed = links.getItems().stream()
                .map(io.obitox.presign.PresignedLink.class::cast)
                .toList();
        signed.forEach(l -> TestSecrets.register(l.url().replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1")));
        assertThat(label(robot, "#linkStatus")).startsWith("Signed 5 link(s); they expire between");
        assertThat(signed.get(4).method()).isEqualTo(io.obitox.presign.LinkMethod.PUT);
        assertThat(signed.get(4).headers()).containsEntry("Content-Type", "application/zip");
        assertThat(signed.get(4).explanation().sourceName()).isEqualTo("history");
        assertThat(signed.get(4).expiresInSeconds()).isGreaterThan(60);
        List<String> cells = robot.lookup("#linksTable .table-cell").queryAllAs(Labeled.class).stream()
                .map(Labeled::getText)
                .filter(t -> t != null && t.startsWith("http"))
                .toList();
        assertThat(cells).as("the URL column").isNotEmpty().allMatch(t -> t.contains("X-Amz-Signature=REDACTED"));
        for (var l : signed) {
            String signature = l.url().replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
            assertThat(cells).as("the table hides signatures").noneMatch(t -> t.contains(signature));
        }
        robot.clickOn(robot.from(robot.lookup("#linksTable").queryAll())
                .lookup("incoming/client-footage.zip")
                .<javafx.scene.Node>query());
        assertThat(label(robot, "#linkDetails"))
                .contains("PUT s3://team-share/incoming/client-footage.zip")
                .contains("Expiry: auto: 20.0 GiB ÷")
                .contains(
                        "The uploader must send these headers, exactly as written:\n    Content-Type: application/zip");
        FxApp.screenshot(robot, stage, "links");

        robot.clickOn("#copy-0");
        String copied = clipboard(robot);
        assertThat(copied).isEqualTo(signed.get(0).url()).contains("X-Amz-Signature=");
        HttpResponse<byte[]> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(copied)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(report);
        assertThat(label(robot, "#linkStatus")).startsWith("Copied the link.");

        robot.clickOn("#copyAllButton");
        assertThat(clipboard(robot).lines().toList())
                .containsExactlyElementsOf(signed.stream()
                        .map(io.obitox.presign.PresignedLink::url)
                        .toList());

        robot.clickOn("#exportCsvButton");
        FxApp.waitUntil(
                "the CSV is saved", 10, () -> label(robot, "#linkStatus").startsWith("Saved 5 link(s)"));
        List<String> csv = Files.readAllLines(exports.resolve("links.csv"));
        assertThat(csv).hasSize(6);
        assertThat(csv.get(5))
                .startsWith("incoming/client-footage.zip,PUT," + signed.get(4).url());
        robot.clickOn("#exportJsonButton");
        FxApp.waitUntil("the JSON is saved", 10, () -> Files.exists(exports.resolve("links.json")));
        JsonNode json = JSON.readTree(exports.resolve("links.json").toFile());
        assertThat(json.size()).isEqualTo(5);
        assertThat(json.get(4).get("headers").get("Content-Type").asText()).isEqualTo("application/zip");

        HttpResponse<Void> put = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(json.get(4).get("url").asText()))
                                .header("Content-Type", "application/zip")
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(1000, 4)))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(put.statusCode()).as("the exported PUT link uploads").isEqualTo(200);
    }

    @Test
    void temporaryProblemsAreShownNotThrown(FxRobot robot) {
        robot.clickOn("#nav-links");
        robot.clickOn("#newKeyField").write("incoming/a.bin");
        robot.clickOn("#addKeyButton");
        robot.clickOn("#fixedExpiryRadio");
        robot.doubleClickOn("#fixedExpiryField").eraseText(2).write("30d");
        assertThat(label(robot, "#expiryPreview")).contains("outside what presigned URLs allow");
        robot.clickOn("#generateButton");
        FxApp.waitUntil(
                "the reason is shown",
                10,
                () -> label(robot, "#linkStatus").contains("INVALID_EXPIRY")
                        || label(robot, "#linkStatus").contains("outside what presigned URLs allow"));
        assertThat(table(robot, "#linksTable").getItems()).isEmpty();
        FxApp.screenshot(robot, stage, "links-invalid-expiry");
    }
}
