package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.profile.ProfileDraft;
import io.obitox.profile.ProfileDraft.CredentialMode;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.BucketInfo;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.Provider;
import io.obitox.testing.FxApp;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestApp;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The real main window's bucket browser on a profile added for Ceph RGW: choose the profile, list its buckets,
 * open a bucket (folders first, sizes, dates), open a folder and go back up, create a bucket.
 */
@Tag("e2e")
@ExtendWith(ApplicationExtension.class)
class BucketBrowserOnRgwTest {
    private static final String PROFILE = "Lab Ceph";
    private static final String DATE = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";
    private static Rgw rgw;
    private static String bucket;
    private static String newBucket;
    private TestApp app;
    private StorageProfile profile;

    @BeforeAll
    static void data() {
        rgw = Rgw.require();
        bucket = Rgw.uniqueBucket("browser");
        newBucket = Rgw.uniqueBucket("browser-new");
        rgw.createBucket(
                bucket,
                "readme.txt",
                "hello rgw",
                "big.bin",
                "b".repeat(3000),
                "docs/guide.md",
                "0123456789",
                "docs/deep/x.txt",
                "x");
    }

    @AfterAll
    static void cleanUp() {
        if (rgw != null) {
            rgw.deleteBucket(bucket);
            rgw.deleteBucket(newBucket);
        }
    }

    @Start
    void start(Stage stage) {
        app = TestApp.create("e2e-browser");
        profile = app.context()
                .profiles()
                .add(new ProfileDraft(
                        PROFILE,
                        Provider.CEPH,
                        rgw.endpoint().toString(),
                        null,
                        null,
                        null,
                        CredentialMode.KEYS,
                        null,
                        rgw.accessKey(),
                        rgw.secretKey(),
                        null));
        FxApp.show(app, stage);
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void listsTheBucketsAndObjectsOfAnRgwProfileAndBrowsesIntoAFolder(FxRobot robot) {
        chooseProfile(robot);
        robot.clickOn("#nav-buckets");
        ListView<BucketInfo> buckets = robot.lookup("#bucketList").queryListView();
        FxApp.waitUntil("RGW buckets listed", 30, () -> names(buckets).contains(bucket));
        assertThat(status(robot)).endsWith("bucket(s) on " + PROFILE + ".");

        BucketInfo mine = buckets.getItems().stream()
                .filter(b -> b.name().equals(bucket))
                .findFirst()
                .orElseThrow();
        robot.interact(() -> buckets.scrollTo(mine));
        robot.clickOn(cell(robot, ListCell.class, bucket));
        TableView<ObjectEntry> table = robot.lookup("#objectTable").queryTableView();
        FxApp.waitUntil("objects of " + bucket, 30, () -> table.getItems().size() == 3);

        assertThat(column(table, 0)).containsExactly("docs/", "big.bin", "readme.txt");
        assertThat(column(table, 1)).containsExactly("", "2.9 KiB", "9 B");
        assertThat(column(table, 2).get(0)).isEmpty();
        assertThat(column(table, 2).subList(1, 3)).allMatch(d -> d.matches(DATE));
        assertThat(status(robot)).isEqualTo("1 folder(s), 2 object(s).");
        assertThat(robot.lookup("#pathLabel").queryAs(Label.class).getText()).isEqualTo("s3://" + bucket + "/");

        robot.doubleClickOn(cell(robot, TableRow.class, "docs/"));
        FxApp.waitUntil(
                "docs/ opened",
                30,
                () -> ("s3://" + bucket + "/docs/")
                                .equals(robot.lookup("#pathLabel")
                                        .queryAs(Label.class)
                                        .getText())
                        && table.getItems().size() == 2
                        && !robot.lookup("#refreshButton").query().isDisabled());
        assertThat(column(table, 0)).containsExactly("deep/", "guide.md");
        assertThat(column(table, 1)).containsExactly("", "10 B");

        robot.clickOn("#upButton");
        FxApp.waitUntil("back at the bucket root", 30, () -> table.getItems().size() == 3);
        assertThat(column(table, 0)).containsExactly("docs/", "big.bin", "readme.txt");
    }

    @Test
    void createsABucketOnRgwFromTheBrowser(FxRobot robot) {
        chooseProfile(robot);
        robot.clickOn("#nav-buckets");
        ListView<BucketInfo> buckets = robot.lookup("#bucketList").queryListView();
        FxApp.waitUntil("RGW buckets listed", 30, () -> names(buckets).contains(bucket));

        robot.clickOn("#newBucketField").write(newBucket);
        robot.clickOn("#createBucketButton");
        FxApp.waitUntil(
                "new bucket created and opened",
                30,
                () -> names(buckets).contains(newBucket)
                        && ("s3://" + newBucket + "/")
                                .equals(robot.lookup("#pathLabel")
                                        .queryAs(Label.class)
                                        .getText())
                        && !robot.lookup("#refreshButton").query().isDisabled());
        assertThat(buckets.getSelectionModel().getSelectedItem().name()).isEqualTo(newBucket);
        assertThat(robot.lookup("#objectTable").queryTableView().getItems()).isEmpty();
        assertThat(status(robot)).isEqualTo("0 folder(s), 0 object(s).");
        try (S3Client s3 = rgw.client()) {
            s3.headBucket(b -> b.bucket(newBucket));
        }
    }

    private void chooseProfile(FxRobot robot) {
        ComboBox<StorageProfile> chooser = robot.lookup("#profileChooser").queryComboBox();
        assertThat(chooser.getValue().isSandbox()).as("starts on the sandbox").isTrue();
        robot.clickOn(chooser);
        robot.clickOn(robot.lookup((Node n) -> n instanceof ListCell<?> c
                        && c.getItem() instanceof StorageProfile p
                        && p.id().equals(profile.id()))
                .<Node>query());
        FxApp.waitUntil(
                "RGW profile chosen",
                10,
                () -> profile.id().equals(chooser.getValue().id()));
    }

    private static Node cell(FxRobot robot, Class<?> type, String text) {
        return robot.lookup((Node n) -> type.isInstance(n) && matches(n, text)).query();
    }

    private static boolean matches(Node n, String text) {
        if (n instanceof ListCell<?> c) {
            return text.equals(c.getText());
        }
        if (n instanceof TableRow<?> r && r.getItem() instanceof ObjectEntry e) {
            return e.folder() && e.key().endsWith(text);
        }
        return false;
    }

    private static List<String> names(ListView<BucketInfo> list) {
        return list.getItems().stream().map(BucketInfo::name).toList();
    }

    private static List<String> column(TableView<ObjectEntry> table, int index) {
        var col = table.getColumns().get(index);
        return java.util.stream.IntStream.range(0, table.getItems().size())
                .mapToObj(i -> shown(col.getCellData(i)))
                .toList();
    }

    /** As the cell shows it: the Size column holds bytes (so it sorts by them) and shows them as KiB/MiB. */
    private static String shown(Object value) {
        if (value instanceof Long bytes) {
            return bytes < 0 ? "" : io.obitox.common.Sizes.bytes(bytes);
        }
        return String.valueOf(value);
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#bucketStatus").queryAs(Label.class).getText();
    }
}
