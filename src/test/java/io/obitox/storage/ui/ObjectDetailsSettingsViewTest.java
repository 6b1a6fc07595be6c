package io.obitox.storage.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.storage.ObjectEntry;
import io.obitox.storage.SandboxAccess;
import io.obitox.testing.FxApp;
import io.obitox.testing.TestApp;
import java.util.Map;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 16 in the Buckets view: the details pane shows an object's settings as HEAD returns them (storage class,
 * encryption, Cache-Control, Content-Disposition, Content-Language, metadata) and says that the server has no tags
 * (S3Proxy answers GetObjectTagging with NotImplemented), as {@code obitox stat} does.
 */
@ExtendWith(ApplicationExtension.class)
class ObjectDetailsSettingsViewTest {
    private static TestApp app;
    private Stage stage;

    @BeforeAll
    static void createApp() {
        app = TestApp.create("object-details-settings");
        SandboxAccess.Endpoint e = app.context().sandbox().orElseThrow().ensureStarted();
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(e.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(e.accessKeyId(), e.secretAccessKey())))
                .forcePathStyle(true)
                .build()) {
            s3.putObject(
                    b -> b.bucket("sandbox")
                            .key("site/index.html")
                            .contentType("text/html")
                            .cacheControl("max-age=3600, public")
                            .contentDisposition("attachment; filename*=UTF-8''index.html")
                            .contentLanguage("de-CH")
                            .metadata(Map.of("project", "apollo", "owner", "ana")),
                    RequestBody.fromString("<h1>Hallo</h1>"));
        }
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        FxApp.show(app, stage);
    }

    @Test
    void theDetailsPaneShowsTheObjectsSettings(FxRobot robot) {
        robot.clickOn("#nav-buckets");
        @SuppressWarnings("unchecked")
        TableView<ObjectEntry> objects = robot.lookup("#objectTable").queryAs(TableView.class);
        FxApp.waitUntil(
                "the sandbox is listed",
                30,
                () -> objects.getItems().stream().anyMatch(x -> x.key().equals("site/")));
        robot.doubleClickOn("site/");
        FxApp.waitUntil(
                "the folder is open",
                20,
                () -> objects.getItems().stream().anyMatch(x -> x.key().equals("site/index.html")));
        robot.clickOn("index.html");
        robot.clickOn("#detailsButton");
        FxApp.waitUntil(
                "details loaded",
                20,
                () -> robot.lookup("#detail-cache-control").tryQuery().isPresent());
        assertThat(field(robot, "#detail-key")).isEqualTo("site/index.html");
        assertThat(field(robot, "#detail-storage-class")).isEqualTo("STANDARD");
        assertThat(field(robot, "#detail-encryption")).isEqualTo("none reported");
        assertThat(field(robot, "#detail-cache-control")).isEqualTo("max-age=3600, public");
        assertThat(field(robot, "#detail-content-disposition")).isEqualTo("attachment; filename*=UTF-8''index.html");
        assertThat(field(robot, "#detail-content-language")).isEqualTo("de-CH");
        assertThat(robot.lookup("#detail-metadata").queryTextInputControl().getText())
                .isEqualTo("owner=ana\nproject=apollo");
        assertThat(robot.lookup("#detail-tags").queryTextInputControl().getText())
                .isEqualTo("This server does not support object tags.");
        // the settings in view: the details scrolled so that the storage class is at the top
        robot.interact(() -> {
            javafx.scene.Node first = robot.lookup("#detail-storage-class").query();
            javafx.scene.Parent p = first.getParent();
            while (!(p instanceof javafx.scene.control.ScrollPane)) {
                p = p.getParent();
            }
            javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) p;
            double content = scroll.getContent().getBoundsInLocal().getHeight();
            double view = scroll.getViewportBounds().getHeight();
            scroll.setVvalue(Math.min(1.0, (first.getBoundsInParent().getMinY() - 26) / Math.max(1, content - view)));
        });
        FxApp.screenshot(robot, stage, "buckets-object-details");
    }

    private static String field(FxRobot robot, String id) {
        return robot.lookup(id).queryTextInputControl().getText();
    }
}
