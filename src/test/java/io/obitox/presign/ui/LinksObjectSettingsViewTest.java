package io.obitox.presign.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.ui.ViewFactory;
import io.obitox.common.Messages;
import io.obitox.objects.Encryption;
import io.obitox.objects.ObjectSettingsDefaults;
import io.obitox.objects.UploadSettings;
import io.obitox.presign.PresignedLink;
import io.obitox.profile.StorageProfile;
import io.obitox.testing.FxApp;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestSecrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Issue 16 in the Links view, on S3Proxy: the collapsed "Object settings (PUT links)" pane starts at the profile's
 * stored defaults; storage class, Cache-Control and metadata set there are signed into a PUT link, which lists the
 * headers to send (row and details); "Copy headers" gives them as curl {@code -H} lines, and a plain {@code java.net.http}
 * PUT to the link with exactly those headers stores an object HEAD shows them on, while the same PUT without them is
 * refused (403).
 */
@ExtendWith(ApplicationExtension.class)
class LinksObjectSettingsViewTest {
    private static final Pattern CURL_HEADER = Pattern.compile("^-H '([^:]+): (.*)'( \\\\)?$");
    private S3ProxyServer server;
    private TestApp app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        server = S3ProxyServer.start();
        server.createBucket("team-share");
        app = TestApp.create("links-object-settings");
        StorageProfile profile = app.addProfile("Team storage", server, "team-share");
        new ObjectSettingsDefaults(app.context().settings())
                .save(
                        profile.id(),
                        null,
                        new UploadSettings(
                                null, Encryption.NONE, null, null, null, null, Map.of("project", "apollo"), Map.of()));
        ViewFactory views = FxApp.show(app, stage);
        views.selection().reload(profile.id());
    }

    @AfterEach
    void tearDown() {
        app.close();
        server.close();
    }

    private static String clipboard(FxRobot robot) {
        String[] text = new String[1];
        robot.interact(() -> text[0] = Clipboard.getSystemClipboard().getString());
        return text[0];
    }

    private static HttpResponse<String> put(String url, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        HttpRequest request = b.build();
        return S3ProxyServer.sendRefusable(HttpClient.newHttpClient(), request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPutLinkCarriesTheSettingsAndListsTheHeadersToSend(FxRobot robot) throws Exception {
        robot.clickOn("#nav-links");
        TitledPane pane = robot.lookup("#linkObjectSettingsPane").queryAs(TitledPane.class);
        Label summary = robot.lookup("#linkObjectSettingsSummary").queryAs(Label.class);
        FxApp.waitUntil(
                "the profile's defaults are in the pane",
                30,
                () -> summary.getText().startsWith("Defaults of profile Team storage and bucket team-share"),
                summary::getText);
        assertThat(pane.isExpanded()).as("collapsed at first").isFalse();
        assertThat(summary.getText()).endsWith(": no encryption · 1 metadata");

        robot.clickOn("#newKeyField").write("incoming/q4-report.pdf");
        robot.clickOn("#newSizeField").write("2M");
        robot.clickOn("#newTypeField").write("application/pdf");
        robot.clickOn("#addKeyButton");

        // Alt+J opens the pane at its first field
        robot.press(KeyCode.ALT).press(KeyCode.J).release(KeyCode.J).release(KeyCode.ALT);
        FxApp.waitUntil("the pane is open", 10, pane::isExpanded);
        Node first = robot.lookup("#objectStorageClass").query();
        FxApp.waitUntil(
                "the storage class has the focus",
                10,
                first::isFocused,
                () -> "Focus is on " + stage.getScene().getFocusOwner());
        @SuppressWarnings("unchecked")
        ComboBox<String> storageClass = (ComboBox<String>) first;
        robot.interact(() -> storageClass.setValue("STANDARD_IA"));
        robot.clickOn("#objectCacheControl").write("max-age=3600, public");
        TextArea metadata = robot.lookup("#objectMetadata").queryAs(TextArea.class);
        assertThat(metadata.getText()).isEqualTo("project=apollo");
        robot.interact(() -> metadata.setText("project=apollo\nowner=ana"));
        assertThat(robot.lookup("#objectCacheControl").queryAs(TextField.class).getText())
                .isEqualTo("max-age=3600, public");
        assertThat(summary.getText())
                .isEqualTo("Standard IA · no encryption · Cache-Control max-age=3600, public · 2 metadata (for these"
                        + " links only)");

        FxApp.screenshot(robot, stage, "links-object-settings-form");

        robot.clickOn("#generateButton");
        @SuppressWarnings("unchecked")
        TableView<PresignedLink> links = robot.lookup("#linksTable").queryAs(TableView.class);
        FxApp.waitUntil(
                "one link",
                30,
                () -> links.getItems().size() == 1,
                () -> robot.lookup("#linkStatus").queryAs(Label.class).getText());
        FxApp.waitUntil("the pane folds so the link is in view", 10, () -> !pane.isExpanded());
        assertThat(summary.getText())
                .as("the summary still says what was signed")
                .startsWith("Standard IA · ");
        PresignedLink link = links.getItems().get(0);
        TestSecrets.register(link.url().replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1"));
        assertThat(link.headers())
                .containsEntry("Content-Type", "application/pdf")
                .containsEntry("X-Amz-Storage-Class", "STANDARD_IA")
                .containsEntry("Cache-Control", "max-age=3600, public")
                .containsEntry("X-Amz-Meta-Project", "apollo")
                .containsEntry("X-Amz-Meta-Owner", "ana");
        List<String> cells = robot.lookup("#linksTable .table-cell").queryAllAs(Labeled.class).stream()
                .map(Labeled::getText)
                .toList();
        assertThat(cells).as("the row says how many headers").contains("5 to send");
        String details = robot.lookup("#linkDetails").queryAs(Label.class).getText();
        assertThat(details)
                .contains("The uploader must send these headers, exactly as written:")
                .contains("\n    X-Amz-Storage-Class: STANDARD_IA")
                .contains("\n    Cache-Control: max-age=3600, public")
                .contains("\n    X-Amz-Meta-Owner: ana");
        FxApp.screenshot(robot, stage, "links-object-settings");

        // Copy ▾ → "Copy headers": curl -H lines, one per header
        robot.clickOn(robot.lookup("#copy-0 .arrow-button").<Node>query());
        robot.clickOn(Messages.english().get(LinkCopy.HEADERS.key()));
        String copied = clipboard(robot);
        Map<String, String> sent = new LinkedHashMap<>();
        for (String line : copied.lines().toList()) {
            Matcher m = CURL_HEADER.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            sent.put(m.group(1), m.group(2));
        }
        assertThat(sent).isEqualTo(link.headers());
        assertThat(robot.lookup("#linkStatus").queryAs(Label.class).getText()).startsWith("Copied 5 header(s)");

        byte[] body = new byte[2 << 20];
        new Random(5).nextBytes(body);
        HttpResponse<String> bare = put(link.url(), Map.of("Content-Type", "application/pdf"), body);
        assertThat(bare.statusCode()).as(bare.body()).isEqualTo(403);
        assertThat(bare.body()).contains("SignatureDoesNotMatch");
        HttpResponse<String> ok = put(link.url(), sent, body);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        try (var s3 = server.client()) {
            HeadObjectResponse h = s3.headObject(b -> b.bucket("team-share").key("incoming/q4-report.pdf"));
            assertThat(h.contentLength()).isEqualTo(body.length);
            assertThat(h.contentType()).isEqualTo("application/pdf");
            assertThat(h.cacheControl()).isEqualTo("max-age=3600, public");
            assertThat(h.metadata()).containsEntry("project", "apollo").containsEntry("owner", "ana");
            assertThat(h.storageClassAsString()).isEqualTo("STANDARD_IA");
        }
        assertThat(new String(copied.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .doesNotContain("X-Amz-Signature"); // the headers alone, not the link
    }
}
