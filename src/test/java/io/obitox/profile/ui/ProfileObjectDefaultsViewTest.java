package io.obitox.profile.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.objects.Encryption;
import io.obitox.objects.ObjectSettingsDefaults;
import io.obitox.objects.UploadSettings;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.Provider;
import io.obitox.testing.FxApp;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
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

/**
 * Issue 16 in the Profiles view: the object settings defaults of a profile and of one of its buckets, edited with the
 * Upload view's form and stored through {@link ObjectSettingsDefaults} (they layer); an R2 profile is offered only what
 * R2 has (no ACL, no tags, no SSE-KMS), each with its reason.
 */
@ExtendWith(ApplicationExtension.class)
class ProfileObjectDefaultsViewTest {
    private static TestApp app;
    private static S3ProxyServer server;
    private static StorageProfile sandbox;
    private static StorageProfile r2;
    private static ObjectSettingsDefaults defaults;
    private Stage stage;

    @BeforeAll
    static void createApp() {
        server = S3ProxyServer.start();
        server.createBucket("assets");
        app = TestApp.create("profile-object-defaults");
        r2 = app.addProfile("Cloudflare", Provider.R2, server, server.endpoint(), "assets");
        sandbox = app.context().profiles().list().stream()
                .filter(StorageProfile::isSandbox)
                .findFirst()
                .orElseThrow();
        defaults = new ObjectSettingsDefaults(app.context().settings());
    }

    @AfterAll
    static void close() {
        app.close();
        server.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        FxApp.show(app, stage);
    }

    @Test
    void profileAndBucketDefaultsAreSavedAndLayer(FxRobot robot) {
        robot.clickOn("#nav-profiles");
        select(robot, sandbox);
        Label summary = robot.lookup("#objectDefaultsSummary").queryAs(Label.class);
        FxApp.waitUntil(
                "the sandbox's (empty) defaults are shown",
                20,
                () -> summary.getText()
                        .equals("Defaults of profile Sandbox (none set: the bucket's own settings" + " apply)"),
                summary::getText);
        TitledPane pane = robot.lookup("#objectDefaultsPane").queryAs(TitledPane.class);
        assertThat(pane.isExpanded()).isFalse();

        // Alt+J opens the pane at its bucket choice
        robot.press(KeyCode.ALT).press(KeyCode.J).release(KeyCode.J).release(KeyCode.ALT);
        FxApp.waitUntil("the pane is open", 10, pane::isExpanded);
        Node bucketBox = robot.lookup("#defaultsBucketBox").query();
        FxApp.waitUntil("the bucket choice has the focus", 10, bucketBox::isFocused);
        scrollToBottom(robot, pane);

        // the profile's own defaults
        @SuppressWarnings("unchecked")
        ComboBox<String> storageClass = robot.lookup("#objectStorageClass").queryAs(ComboBox.class);
        robot.interact(() -> storageClass.setValue("STANDARD_IA"));
        robot.interact(() -> field(robot, "#objectCacheControl").setText("max-age=300"));
        robot.interact(() -> area(robot, "#objectMetadata").setText("project=apollo"));
        @SuppressWarnings("unchecked")
        ChoiceBox<Encryption.Mode> encryption =
                robot.lookup("#objectEncryption").queryAs(ChoiceBox.class);
        assertThat(encryption.getItems())
                .as("no SSE-C for stored defaults: its key is never stored")
                .doesNotContain(Encryption.Mode.SSE_C);
        robot.interact(() -> encryption.setValue(Encryption.Mode.AES256));
        assertThat(summary.getText())
                .isEqualTo("Standard IA · SSE-S3 · Cache-Control max-age=300 · 1 metadata (not saved)");
        robot.clickOn("#saveDefaultsButton");
        UploadSettings profileLevel = new UploadSettings(
                "STANDARD_IA",
                Encryption.sseS3(),
                null,
                "max-age=300",
                null,
                null,
                Map.of("project", "apollo"),
                Map.of());
        FxApp.waitUntil(
                "the profile's defaults are stored",
                10,
                () -> defaults.stored(sandbox.id(), null).equals(Optional.of(profileLevel)),
                () -> String.valueOf(defaults.stored(sandbox.id(), null)));
        assertThat(text(robot, "#defaultsStatus")).startsWith("Saved the defaults of profile Sandbox.");
        assertThat(summary.getText())
                .isEqualTo("Defaults of profile Sandbox: Standard IA · SSE-S3 · Cache-Control max-age=300 · 1"
                        + " metadata");

        // one bucket's defaults over them; Enter in a field saves these defaults, not the profile
        @SuppressWarnings("unchecked")
        ComboBox<String> bucket = robot.lookup("#defaultsBucketBox").queryAs(ComboBox.class);
        FxApp.waitUntil(
                "the sandbox's buckets are offered", 20, () -> bucket.getItems().contains("sandbox"));
        robot.interact(() -> bucket.setValue("sandbox"));
        FxApp.waitUntil(
                "the bucket's (empty) defaults are shown",
                10,
                () -> summary.getText().startsWith("Defaults of bucket sandbox (none set"),
                summary::getText);
        assertThat(text(robot, "#defaultsLayering"))
                .isEqualTo("These go over the profile's defaults (Standard IA · SSE-S3 · Cache-Control max-age=300 ·"
                        + " 1 metadata), field by field; metadata and tags are merged.");
        robot.interact(() -> area(robot, "#objectTags").setText("team=web"));
        robot.interact(() -> area(robot, "#objectMetadata").setText("owner=ana"));
        robot.clickOn("#objectCacheControl");
        robot.write("no-cache");
        robot.type(KeyCode.ENTER);
        UploadSettings bucketLevel = new UploadSettings(
                null, Encryption.NONE, null, "no-cache", null, null, Map.of("owner", "ana"), Map.of("team", "web"));
        FxApp.waitUntil(
                "the bucket's defaults are stored",
                10,
                () -> defaults.stored(sandbox.id(), "sandbox").equals(Optional.of(bucketLevel)),
                () -> String.valueOf(defaults.stored(sandbox.id(), "sandbox")));
        assertThat(defaults.effective(sandbox.id(), "sandbox"))
                .isEqualTo(new UploadSettings(
                        "STANDARD_IA",
                        Encryption.sseS3(),
                        null,
                        "no-cache",
                        null,
                        null,
                        Map.of("project", "apollo", "owner", "ana"),
                        Map.of("team", "web")));
        assertThat(text(robot, "#profileStatus"))
                .as("the profile was not saved by Enter")
                .doesNotContain("Saved");
        FxApp.screenshot(robot, stage, "profiles-object-defaults");

        // an invalid value turns Save off and says why
        robot.interact(() -> area(robot, "#objectTags").setText("no equals sign"));
        assertThat(text(robot, "#objectSettingsError"))
                .isEqualTo("Tags, line 1: 'no equals sign' is not key=value. Write one key=value per line (the value"
                        + " may be empty: key=).");
        assertThat(robot.lookup("#saveDefaultsButton").queryAs(Button.class).isDisabled())
                .isTrue();
        robot.interact(() -> area(robot, "#objectTags").setText("team=web"));
        assertThat(robot.lookup("#saveDefaultsButton").queryAs(Button.class).isDisabled())
                .isFalse();

        // an R2 profile: what R2 lacks is not offered, and the form says why
        select(robot, r2);
        FxApp.waitUntil(
                "the R2 profile's defaults are shown",
                20,
                () -> summary.getText().startsWith("Defaults of profile Cloudflare"),
                summary::getText);
        assertThat(robot.lookup("#objectAcl").query().isVisible()).isFalse();
        assertThat(text(robot, "#objectAclUnsupported")).isEqualTo("Not available: Cloudflare R2 has no object ACLs.");
        TextArea tags = area(robot, "#objectTags");
        assertThat(tags.isDisabled()).isTrue();
        assertThat(tags.getPromptText()).isEqualTo("Not available: Cloudflare R2 has no object tags.");
        assertThat(storageClass.getItems()).containsExactly("", "STANDARD", "STANDARD_IA");
        assertThat(storageClass.isEditable()).isFalse();
        assertThat(encryption.getItems()).containsExactly(Encryption.Mode.NONE, Encryption.Mode.AES256);
        assertThat(text(robot, "#objectProviderNote")).contains("no object ACLs");
        FxApp.screenshot(robot, stage, "profiles-object-defaults-r2");
    }

    private static void select(FxRobot robot, StorageProfile p) {
        @SuppressWarnings("unchecked")
        ListView<StorageProfile> list = robot.lookup("#profileList").queryAs(ListView.class);
        FxApp.waitUntil("the profile is listed", 20, () -> list.getItems().contains(p));
        robot.interact(() -> list.getSelectionModel().select(p));
    }

    private static void scrollToBottom(FxRobot robot, Node inside) {
        robot.interact(() -> {
            Parent p = inside.getParent();
            while (p != null && !(p instanceof ScrollPane)) {
                p = p.getParent();
            }
            if (p instanceof ScrollPane s) {
                s.layout();
                s.setVvalue(1.0);
            }
        });
    }

    private static TextField field(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextField.class);
    }

    private static TextArea area(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextArea.class);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
