package io.obitox.profile.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ui.StatusLine.Tone;
import io.obitox.common.ui.UiTasks;
import io.obitox.profile.ProfileDraft.CredentialMode;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.Provider;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The profiles form without a toolkit: same-thread tasks, profiles in H2 (keys in a temporary AWS credentials file),
 * the connection test against S3Proxy. Commands are enabled and disabled as the form's state says.
 */
class ProfilesViewModelTest {
    private S3ProxyServer server;
    private TestApp app;
    private ProfileSelection selection;
    private ProfilesViewModel vm;

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket("team");
        app = TestApp.create("profiles-vm");
        UiTasks tasks = new UiTasks(new DirectExecutorService(), Runnable::run);
        selection = new ProfileSelection(app.context().profiles(), tasks);
        selection.set(app.context().profiles().list(), Optional.empty());
        vm = new ProfilesViewModel(
                app.context().profiles(), app.context().connectionTester(), tasks, selection, Messages.english());
    }

    @AfterEach
    void tearDown() {
        app.close();
        server.close();
    }

    private void fillIn(String name) {
        vm.newProfile();
        vm.nameProperty().set(name);
        vm.providerProperty().set(Provider.GENERIC);
        vm.endpointProperty().set(server.endpoint().toString());
        vm.regionProperty().set("us-east-1");
        vm.pathStyleProperty().set(true);
        vm.defaultBucketProperty().set("team");
        vm.credentialModeProperty().set(CredentialMode.KEYS);
        vm.accessKeyIdProperty().set(server.accessKey());
        vm.secretAccessKeyProperty().set(server.secretKey());
    }

    @Test
    void theSandboxIsShownReadOnlyAndCannotBeRemoved() {
        StorageProfile sandbox = vm.profiles().stream()
                .filter(StorageProfile::isSandbox)
                .findFirst()
                .orElseThrow();
        vm.selectedProperty().set(sandbox);
        assertThat(vm.readOnlyProperty().get()).isTrue();
        assertThat(vm.canEditProperty().get()).isFalse();
        assertThat(vm.canRemoveProperty().get()).isFalse();
        assertThat(vm.statusProperty().get())
                .isEqualTo("The built-in sandbox runs inside ObitoX; it cannot be edited.");
    }

    @Test
    void aNewProfileIsSavedSelectedAndItsSecretsLeaveTheForm() {
        fillIn("Team storage");
        assertThat(vm.editingNewProperty().get()).isTrue();
        assertThat(vm.canEditProperty().get()).isTrue();
        assertThat(vm.canRemoveProperty().get()).as("not saved yet").isFalse();
        assertThat(vm.statusKindProperty().get()).isEqualTo(Tone.INFO);

        vm.save();

        assertThat(vm.statusProperty().get()).isEqualTo("Saved 'Team storage'.");
        assertThat(vm.statusKindProperty().get()).isEqualTo(Tone.SUCCESS);
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.editingNewProperty().get()).isFalse();
        assertThat(vm.selectedProperty().get().name()).isEqualTo("Team storage");
        assertThat(vm.profiles()).extracting(StorageProfile::name).contains("Team storage");
        assertThat(vm.secretAccessKeyProperty().get()).isEmpty();
        assertThat(vm.keysStoredProperty().get()).isTrue();
        assertThat(vm.canRemoveProperty().get()).isTrue();
    }

    @Test
    void aFormThatCannotBeSavedSaysWhyAsAnError() {
        fillIn("");
        vm.save();
        assertThat(vm.statusKindProperty().get()).isEqualTo(Tone.ERROR);
        assertThat(vm.statusProperty().get()).isNotBlank();
        assertThat(vm.editingNewProperty().get()).as("the form stays as typed").isTrue();
    }

    @Test
    void theConnectionTestListsItsChecksAndEnds() {
        vm.test();
        assertThat(vm.statusProperty().get()).isEqualTo("Save the profile first, then test it.");

        fillIn("Tested");
        vm.save();
        vm.test();

        assertThat(vm.checks()).isNotEmpty();
        assertThat(vm.testingProperty().get()).isFalse();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.statusKindProperty().get()).isIn(Tone.SUCCESS, Tone.ERROR);
    }

    @Test
    void removingAndMakingDefaultAreSaidOnTheStatusLine() {
        fillIn("Short-lived");
        vm.save();
        vm.makeDefault();
        assertThat(vm.statusProperty().get()).isEqualTo("'Short-lived' is now the default profile.");
        assertThat(selection.getCurrent().name()).isEqualTo("Short-lived");

        vm.remove();

        assertThat(vm.statusProperty().get()).isEqualTo("Removed 'Short-lived'.");
        assertThat(vm.selectedProperty().get()).isNull();
        assertThat(vm.profiles()).extracting(StorageProfile::name).doesNotContain("Short-lived");
    }
}
