package io.obitox.testing;

import io.obitox.profile.ProfileDraft;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.Provider;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.testfx.api.FxRobot;

/** Profiles the view tests share: one whose connection test fails, and running that test in the Profiles view. */
public final class TestProfiles {
    /** The name of {@link #wrongSecret}'s profile. */
    public static final String WRONG_KEY = "Wrong key";

    private TestProfiles() {}

    /**
     * Adds the profile {@value #WRONG_KEY}: {@code server}'s access key with a wrong secret (registered with
     * {@link TestSecrets}), bucket {@code photos}; its connection test fails at the credentials.
     */
    public static StorageProfile wrongSecret(TestApp app, S3ProxyServer server) {
        return app.context()
                .profiles()
                .add(new ProfileDraft(
                        WRONG_KEY,
                        Provider.GENERIC,
                        server.endpoint().toString(),
                        null,
                        true,
                        "photos",
                        ProfileDraft.CredentialMode.KEYS,
                        null,
                        server.accessKey(),
                        TestSecrets.register("not-the-secret-" + server.accessKey()),
                        null));
    }

    /**
     * In the Profiles view (shown): selects the profile named {@code name}, clicks Test connection and waits until
     * the status line says {@code expected}.
     */
    public static void testConnection(FxRobot robot, String name, String expected) {
        @SuppressWarnings("unchecked")
        ListView<StorageProfile> list = robot.lookup("#profileList").queryAs(ListView.class);
        StorageProfile profile = list.getItems().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
        robot.interact(() -> list.getSelectionModel().select(profile));
        robot.clickOn("#testProfileButton");
        Label status = robot.lookup("#profileStatus").queryAs(Label.class);
        FxApp.waitUntil("the test said: " + expected, 60, () -> status.getText().contains(expected), status::getText);
    }
}
