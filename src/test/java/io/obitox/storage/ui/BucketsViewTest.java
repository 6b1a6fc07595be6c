package io.obitox.storage.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.storage.BucketInfo;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.SandboxAccess;
import io.obitox.testing.FxApp;
import io.obitox.testing.TestApp;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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

/** The bucket browser on the embedded sandbox: buckets, folders first, sizes, dates, opening folders, new bucket. */
@ExtendWith(ApplicationExtension.class)
class BucketsViewTest {
    private static TestApp app;
    private Stage stage;

    @BeforeAll
    static void createApp() {
        app = TestApp.create("buckets-view");
        SandboxAccess.Endpoint e = app.context().sandbox().orElseThrow().ensureStarted();
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(e.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(e.accessKeyId(), e.secretAccessKey())))
                .forcePathStyle(true)
                .build()) {
            s3.putObject(b -> b.bucket("sandbox").key("report.pdf"), RequestBody.fromBytes(new byte[123_456]));
            s3.putObject(b -> b.bucket("sandbox").key("photos/2026/beach.jpg"), RequestBody.fromBytes(new byte[2048]));
            s3.putObject(b -> b.bucket("sandbox").key("photos/cat.png"), RequestBody.fromBytes(new byte[77]));
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        FxApp.show(app, stage);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void browsesTheSandboxByFolderAndCreatesABucket(FxRobot robot) {
        robot.clickOn("#nav-buckets");
        @SuppressWarnings("unchecked")
        ListView<BucketInfo> buckets = robot.lookup("#bucketList").queryAs(ListView.class);
        @SuppressWarnings("unchecked")
        TableView<ObjectEntry> objects = robot.lookup("#objectTable").queryAs(TableView.class);
        FxApp.waitUntil(
                "the sandbox bucket is listed and opened",
                30,
                () -> !objects.getItems().isEmpty());
        assertThat(buckets.getItems()).extracting(BucketInfo::name).contains("sandbox");
        assertThat(objects.getItems()).extracting(ObjectEntry::key).containsExactly("photos/", "report.pdf");
        assertThat(objects.getItems().get(1).size()).isEqualTo(123_456);
        assertThat(objects.getItems().get(1).lastModified()).isNotNull();
        FxApp.screenshot(robot, stage, "buckets");

        robot.doubleClickOn("photos/");
        FxApp.waitUntil(
                "inside photos/",
                20,
                () -> objects.getItems().size() == 2
                        && objects.getItems().get(0).key().equals("photos/2026/"));
        assertThat(robot.lookup("#pathLabel").queryAs(Label.class).getText()).isEqualTo("s3://sandbox/photos/");
        robot.clickOn("#upButton");
        FxApp.waitUntil(
                "back at the top",
                20,
                () -> objects.getItems().size() == 2
                        && objects.getItems().get(0).key().equals("photos/"));

        TextField name = robot.lookup("#newBucketField").queryAs(TextField.class);
        robot.interact(() -> name.setText("Bad_Name"));
        robot.clickOn("#createBucketButton");
        FxApp.waitUntil(
                "the naming rule is explained",
                10,
                () -> robot.lookup("#bucketStatus")
                        .queryAs(Label.class)
                        .getText()
                        .contains("lowercase"));
        robot.interact(() -> name.setText("team-uploads"));
        robot.clickOn("#createBucketButton");
        FxApp.waitUntil(
                "created and listed",
                30,
                () -> buckets.getItems().stream().anyMatch(b -> b.name().equals("team-uploads")));
    }
}
