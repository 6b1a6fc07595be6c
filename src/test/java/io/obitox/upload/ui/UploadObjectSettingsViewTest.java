package io.obitox.upload.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.ui.ViewFactory;
import io.obitox.objects.Encryption;
import io.obitox.objects.ObjectSettingsDefaults;
import io.obitox.objects.UploadSettings;
import io.obitox.objects.ui.ObjectSettingsViewModel;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.SandboxAccess;
import io.obitox.testing.FxApp;
import io.obitox.testing.TestApp;
import io.obitox.transfer.TransferState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Issue 16 in the Upload view, against the sandbox (the in-process S3Proxy): the collapsed "Object settings" panel
 * sums up the profile's stored defaults in one line, Alt+J opens it, a batch's own values go over the defaults, an
 * invalid value says why and turns Upload off, and what the panel holds at Upload reaches the objects (read back with
 * HEAD: metadata, Cache-Control, Content-Disposition, Content-Language). After the batch the panel is back at the
 * defaults.
 */
@ExtendWith(ApplicationExtension.class)
class UploadObjectSettingsViewTest {
    private static TestApp app;
    private static S3Client s3;
    private static Path resume;
    private static Path notes;
    private Stage stage;
    private ViewFactory views;

    @BeforeAll
    static void createApp() throws Exception {
        app = TestApp.create("upload-object-settings");
        SandboxAccess.Endpoint e = app.context().sandbox().orElseThrow().ensureStarted();
        s3 = S3Client.builder()
                .endpointOverride(e.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(e.accessKeyId(), e.secretAccessKey())))
                .forcePathStyle(true)
                .build();
        StorageProfile sandbox = app.context().profiles().list().stream()
                .filter(StorageProfile::isSandbox)
                .findFirst()
                .orElseThrow();
        new ObjectSettingsDefaults(app.context().settings())
                .save(
                        sandbox.id(),
                        null,
                        new UploadSettings(
                                "STANDARD",
                                Encryption.NONE,
                                null,
                                "max-age=60",
                                null,
                                null,
                                Map.of("project", "apollo"),
                                Map.of()));
        Path dir = app.dir().resolve("files");
        Files.createDirectories(dir);
        resume = Files.writeString(dir.resolve("Résumé 2026.txt"), "curriculum vitae\n");
        notes = Files.writeString(dir.resolve("notes.txt"), "a few notes\n");
    }

    @AfterAll
    static void close() {
        s3.close();
        app.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        this.views = FxApp.show(app, stage);
    }

    @Test
    void theBatchsSettingsReachTheObjects(FxRobot robot) {
        robot.clickOn("#nav-upload");
        TitledPane pane = robot.lookup("#objectSettingsPane").queryAs(TitledPane.class);
        Label summary = robot.lookup("#objectSettingsSummary").queryAs(Label.class);
        FxApp.waitUntil(
                "the profile's defaults are loaded into the panel",
                30,
                () -> "sandbox"
                                .equals(robot.lookup("#uploadBucketBox")
                                        .queryComboBox()
                                        .getValue())
                        && summary.getText().startsWith("Defaults of profile Sandbox and bucket sandbox"),
                summary::getText);
        assertThat(pane.isExpanded()).as("collapsed at first").isFalse();
        assertThat(summary.getText())
                .isEqualTo("Defaults of profile Sandbox and bucket sandbox: Standard · no encryption · Cache-Control"
                        + " max-age=60 · 1 metadata");

        robot.interact(() -> views.mainWindowViewModel().addPendingFiles(List.of(resume, notes)));
        @SuppressWarnings("unchecked")
        TableView<ReadyFile> ready = robot.lookup("#readyTable").queryAs(TableView.class);
        Button upload = robot.lookup("#uploadButton").queryButton();
        FxApp.waitUntil("both files are ready", 30, () -> ready.getItems().size() == 2 && !upload.isDisabled());

        // Alt+J opens the panel and goes to its first field
        robot.press(KeyCode.ALT).press(KeyCode.J).release(KeyCode.J).release(KeyCode.ALT);
        FxApp.waitUntil("the panel is open", 10, pane::isExpanded);
        Node storageClass = robot.lookup("#objectStorageClass").query();
        FxApp.waitUntil(
                "the storage class has the focus",
                10,
                storageClass::isFocused,
                () -> "Focus is on " + stage.getScene().getFocusOwner());
        // the sandbox is "generic": any class may be typed, S3's names are offered
        @SuppressWarnings("unchecked")
        ComboBox<String> classes = (ComboBox<String>) storageClass;
        assertThat(classes.isEditable()).isTrue();
        assertThat(classes.getItems()).contains("", "STANDARD", "STANDARD_IA", "GLACIER_IR");
        assertThat(classes.getValue()).isEqualTo("STANDARD");
        assertThat(robot.lookup("#objectMetadata").queryAs(TextArea.class).getText())
                .isEqualTo("project=apollo");
        assertThat(robot.lookup("#objectCacheControl").queryAs(TextField.class).getText())
                .isEqualTo("max-age=60");

        // Tab order: storage class → encryption → (no encryption fields) → ACL → Cache-Control
        robot.type(KeyCode.TAB);
        assertThat(robot.lookup("#objectEncryption").query().isFocused()).isTrue();
        robot.type(KeyCode.TAB);
        assertThat(robot.lookup("#objectAcl").query().isFocused()).isTrue();
        robot.type(KeyCode.TAB);
        assertThat(robot.lookup("#objectCacheControl").query().isFocused()).isTrue();

        // an invalid value: one message under the form, the summary says it, Upload is off
        TextArea metadata = robot.lookup("#objectMetadata").queryAs(TextArea.class);
        robot.interact(() -> metadata.setText("project=apollo\nsha256=mine"));
        Label error = robot.lookup("#objectSettingsError").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).startsWith("The metadata key 'sha256' is ObitoX's own");
        assertThat(summary.getText()).startsWith("Not valid: ");
        assertThat(summary.getStyleClass()).contains("danger-text");
        assertThat(upload.isDisabled()).isTrue();

        // this batch's own values over the defaults: typed into the metadata, chosen in the other fields
        robot.interact(() -> metadata.setText("project=apollo"));
        assertThat(upload.isDisabled()).isFalse();
        robot.clickOn(metadata);
        robot.type(KeyCode.END);
        robot.type(KeyCode.ENTER);
        robot.write("owner=ana");
        robot.type(KeyCode.TAB); // out of the text area, not a tab character
        assertThat(robot.lookup("#objectTags").query().isFocused()).isTrue();
        assertThat(metadata.getText()).isEqualTo("project=apollo\nowner=ana");
        @SuppressWarnings("unchecked")
        ChoiceBox<ObjectSettingsViewModel.Disposition> disposition =
                robot.lookup("#objectDisposition").queryAs(ChoiceBox.class);
        robot.interact(() -> disposition.setValue(ObjectSettingsViewModel.Disposition.ATTACHMENT));
        TextField language = robot.lookup("#objectContentLanguage").queryAs(TextField.class);
        robot.interact(() -> language.setText("de-CH"));
        robot.interact(() -> robot.lookup("#objectTags").queryAs(TextArea.class).setText("stage=draft"));
        assertThat(error.isVisible()).isFalse();
        assertThat(summary.getText())
                .isEqualTo("Standard · no encryption · Cache-Control max-age=60 · attachment · language de-CH · 2"
                        + " metadata · 1 tag (for this batch only)");
        FxApp.screenshot(robot, stage, "upload-object-settings");

        robot.clickOn("#uploadButton");
        FxApp.waitUntil("both files are uploaded", 60, () -> completed() == 2, this::states);
        FxApp.waitUntil(
                "the panel is back at the defaults",
                10,
                () -> summary.getText().startsWith("Defaults of profile Sandbox"),
                summary::getText);

        // collapsed again: the one line says what the next batch gets
        robot.clickOn("#objectSettingsPane > .title");
        FxApp.waitUntil("the panel is closed", 10, () -> !pane.isExpanded());
        assertThat(summary.getText())
                .isEqualTo("Defaults of profile Sandbox and bucket sandbox: Standard · no encryption · Cache-Control"
                        + " max-age=60 · 1 metadata");
        FxApp.screenshot(robot, stage, "upload-object-settings-summary");

        HeadObjectResponse r = s3.headObject(b -> b.bucket("sandbox").key("Résumé 2026.txt"));
        assertThat(r.metadata())
                .containsEntry("project", "apollo")
                .containsEntry("owner", "ana")
                .containsKey("sha256"); // ObitoX's own keys are still written
        assertThat(r.cacheControl()).isEqualTo("max-age=60");
        assertThat(r.contentDisposition()).isEqualTo("attachment; filename*=UTF-8''R%C3%A9sum%C3%A9%202026.txt");
        assertThat(r.contentLanguage()).isEqualTo("de-CH");
        HeadObjectResponse n = s3.headObject(b -> b.bucket("sandbox").key("notes.txt"));
        assertThat(n.metadata()).containsEntry("project", "apollo").containsEntry("owner", "ana");
        assertThat(n.cacheControl()).isEqualTo("max-age=60");
        assertThat(n.contentDisposition()).isEqualTo("attachment; filename*=UTF-8''notes.txt");
        // each transfer row keeps the settings it was sent with (a resume sends the same)
        List<String> stored = app.context().database().query(c -> {
            List<String> out = new java.util.ArrayList<>();
            try (var rs = c.createStatement().executeQuery("SELECT object_settings FROM transfer")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        assertThat(stored)
                .hasSize(2)
                .allSatisfy(json -> assertThat(io.obitox.objects.UploadSettingsJson.fromJson(json)
                                .tags())
                        .containsEntry("stage", "draft"));
    }

    private long completed() {
        return app.context().transfers().recent(100).stream()
                .filter(s -> s.state() == TransferState.COMPLETED)
                .count();
    }

    private String states() {
        return app.context().transfers().recent(100).stream()
                .map(s -> s.key() + ":" + s.state() + (s.errorMessage() == null ? "" : " " + s.errorMessage()))
                .toList()
                .toString();
    }
}
