package io.obitox.profile.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.profile.ConnectionCheck;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.Provider;
import io.obitox.testing.FxApp;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestProfiles;
import io.obitox.testing.TestSecrets;
import java.nio.file.Files;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ProfilesViewTest {
    private static TestApp app;
    private static S3ProxyServer server;
    private Stage stage;

    @BeforeAll
    static void createApp() {
        server = S3ProxyServer.start();
        server.createBucket("photos");
        app = TestApp.create("profiles-view");
        TestProfiles.wrongSecret(app, server);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        FxApp.show(app, stage);
    }

    @AfterAll
    static void close() {
        app.close();
        server.close();
    }

    private void fill(FxRobot robot, String id, String text) {
        TextField f = robot.lookup("#" + id).queryAs(TextField.class);
        robot.interact(() -> f.setText(text));
    }

    @Test
    void addsAProfileWithTypedKeysTestsItAndKeepsTheSecretOutOfTheDatabase(FxRobot robot) throws Exception {
        robot.clickOn("#nav-profiles");
        robot.clickOn("#newProfileButton");
        fill(robot, "nameField", "Office Ceph");
        @SuppressWarnings("unchecked")
        ComboBox<Provider> provider = robot.lookup("#providerBox").queryAs(ComboBox.class);
        robot.interact(() -> provider.setValue(Provider.GENERIC));
        fill(robot, "endpointField", server.endpoint().toString());
        fill(robot, "bucketField", "photos");
        fill(robot, "accessKeyField", server.accessKey());
        fill(robot, "secretField", server.secretKey());
        robot.clickOn("#saveProfileButton");
        FxApp.waitUntil(
                "saved",
                15,
                () -> robot.lookup("#profileStatus")
                        .queryAs(Label.class)
                        .getText()
                        .startsWith("Saved"));
        StorageProfile saved = app.context().profiles().find("Office Ceph").orElseThrow();
        assertThat(saved.managedKeys()).isTrue();
        assertThat(Files.readString(app.awsFiles().credentialsFile())).contains(server.secretKey());

        robot.clickOn("#testProfileButton");
        @SuppressWarnings("unchecked")
        ListView<ConnectionCheck> checks = robot.lookup("#checkList").queryAs(ListView.class);
        FxApp.waitUntil(
                "the test finished",
                60,
                () -> robot.lookup("#profileStatus")
                        .queryAs(Label.class)
                        .getText()
                        .startsWith("Connection works"));
        assertThat(checks.getItems())
                .extracting(ConnectionCheck::name)
                .contains("Endpoint", "Credentials", "Bucket", "Upload", "Multipart upload", "Read CORS");
        assertThat(checks.getItems())
                .filteredOn(c -> c.status() == ConnectionCheck.Status.FAILED)
                .isEmpty();
        FxApp.screenshot(robot, stage, "profiles");
    }

    @Test
    void aWrongSecretIsReportedInPlainWordsWithTheFix(FxRobot robot) {
        robot.clickOn("#nav-profiles");
        TestProfiles.testConnection(robot, TestProfiles.WRONG_KEY, "secret access key is wrong");
        assertThat(robot.lookup("#profileStatus").queryAs(Label.class).getText())
                .contains("Re-enter the secret key");
        FxApp.screenshot(robot, stage, "profiles-wrong-secret");
    }

    @Test
    void editsAProfileThenRemovesItAfterConfirmationTakingItsKeysAlong(FxRobot robot) throws Exception {
        String secret = TestSecrets.register("edit-remove-" + server.secretKey());
        robot.clickOn("#nav-profiles");
        @SuppressWarnings("unchecked")
        ListView<StorageProfile> list = robot.lookup("#profileList").queryAs(ListView.class);
        robot.clickOn("#newProfileButton");
        fill(robot, "nameField", "To edit");
        @SuppressWarnings("unchecked")
        ComboBox<Provider> provider = robot.lookup("#providerBox").queryAs(ComboBox.class);
        robot.interact(() -> provider.setValue(Provider.GENERIC));
        fill(robot, "endpointField", server.endpoint().toString());
        fill(robot, "bucketField", "photos");
        fill(robot, "accessKeyField", server.accessKey());
        fill(robot, "secretField", secret);
        robot.clickOn("#saveProfileButton");
        FxApp.waitUntil(
                "the new profile is listed",
                15,
                () -> list.getItems().stream().anyMatch(p -> p.name().equals("To edit")));
        robot.interact(() -> list.getSelectionModel()
                .select(list.getItems().stream()
                        .filter(p -> p.name().equals("To edit"))
                        .findFirst()
                        .orElseThrow()));
        fill(robot, "nameField", "Edited");
        fill(robot, "bucketField", "videos");
        robot.clickOn("#saveProfileButton");
        FxApp.waitUntil(
                "saved", 15, () -> app.context().profiles().find("Edited").isPresent());
        StorageProfile edited = app.context().profiles().find("Edited").orElseThrow();
        assertThat(edited.defaultBucket()).isEqualTo("videos");
        assertThat(app.context().profiles().find("To edit")).isEmpty();
        assertThat(app.context()
                        .profiles()
                        .target(edited)
                        .credentials()
                        .resolveCredentials()
                        .secretAccessKey())
                .as("blank key fields keep the stored keys")
                .isEqualTo(secret);

        robot.interact(() -> list.getSelectionModel()
                .select(list.getItems().stream()
                        .filter(p -> p.name().equals("Edited"))
                        .findFirst()
                        .orElseThrow()));
        robot.clickOn("#removeProfileButton");
        FxApp.waitUntil(
                "the confirmation is shown",
                10,
                () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        assertThat(robot.lookup(".dialog-pane .content").queryLabeled().getText())
                .contains("Remove the profile 'Edited'?")
                .contains("keys are removed");
        robot.clickOn(robot.lookup(".dialog-pane .button")
                .match((javafx.scene.control.Button b) -> b.isDefaultButton())
                .queryButton());
        FxApp.waitUntil(
                "removed from the list and the service",
                15,
                () -> app.context().profiles().find("Edited").isEmpty()
                        && list.getItems().stream().noneMatch(p -> p.name().equals("Edited")));
        assertThat(Files.readString(app.awsFiles().credentialsFile())).doesNotContain(secret);
    }
}
