package io.obitox.profile.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.ObjectSettingsDefaults;
import io.obitox.objects.UploadSettings;
import io.obitox.profile.StorageProfile;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Profiles view's object settings defaults, without a toolkit: a same-thread executor, the real settings in H2
 * and the buckets S3Proxy lists.
 */
class ObjectDefaultsViewModelTest {
    private S3ProxyServer server;
    private TestApp app;
    private ObjectSettingsDefaults stored;
    private ObjectDefaultsViewModel vm;

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket("alpha");
        server.createBucket("beta");
        app = TestApp.create("object-defaults-vm");
        stored = new ObjectSettingsDefaults(app.context().settings());
        DirectExecutorService direct = new DirectExecutorService();
        vm = new ObjectDefaultsViewModel(
                stored,
                app.context().profiles(),
                app.context().buckets(),
                new UiTasks(direct, direct),
                Messages.english());
    }

    @AfterEach
    void tearDown() {
        app.close();
        server.close();
    }

    @Test
    void withoutASavedProfileNothingCanBeSaved() {
        assertThat(vm.canSaveProperty().get()).isFalse();
        vm.profileProperty().set(app.addProfile("Office", server, "alpha"));
        vm.profileProperty().set(null);
        assertThat(vm.layeringProperty().get()).startsWith("Save the profile first");
        assertThat(vm.canSaveProperty().get()).isFalse();
        vm.save(); // nothing to save to: no error, nothing stored
        assertThat(vm.errorProperty().get()).isFalse();
    }

    @Test
    void theProfilesDefaultsAndABucketsOwnAreSavedAtTheirLevelAndLayer() {
        StorageProfile office = app.addProfile("Office", server, "alpha");
        vm.profileProperty().set(office);
        assertThat(vm.bucketNames()).as("the buckets the endpoint lists").containsExactly("alpha", "beta");
        assertThat(vm.form().settings().isEmpty()).isTrue();
        assertThat(vm.layeringProperty().get()).startsWith("Every upload with this profile starts from these");

        vm.form().storageClassProperty().set("standard_ia");
        vm.form().cacheControlProperty().set("max-age=60");
        assertThat(vm.canSaveProperty().get()).isTrue();
        vm.save();
        assertThat(vm.errorProperty().get()).as(vm.statusProperty().get()).isFalse();
        assertThat(vm.statusProperty().get())
                .isEqualTo("Saved the defaults of profile Office. Uploads there start from them.");
        assertThat(stored.stored(office.id(), null))
                .hasValueSatisfying(s -> assertThat(s.storageClass()).isEqualTo("STANDARD_IA"));

        // a bucket typed by hand: its own (empty) level, shown over the profile's
        vm.bucketProperty().set(" gamma ");
        assertThat(vm.form().settings().isEmpty()).isTrue();
        assertThat(vm.layeringProperty().get()).contains("Standard IA").contains("field by field");
        vm.form().metadataProperty().set("owner=ana");
        vm.save();
        assertThat(vm.statusProperty().get())
                .isEqualTo("Saved the defaults of bucket gamma (profile Office). Uploads there start from them.");
        assertThat(vm.bucketNames()).contains("gamma");
        UploadSettings effective = stored.effective(office.id(), "gamma");
        assertThat(effective.storageClass()).isEqualTo("STANDARD_IA");
        assertThat(effective.cacheControl()).isEqualTo("max-age=60");
        assertThat(effective.metadata()).containsEntry("owner", "ana");
        assertThat(stored.effective(office.id(), "beta").metadata()).isEmpty();

        // switching back shows each level's own settings
        vm.bucketProperty().set("");
        assertThat(vm.form().settings().storageClass()).isEqualTo("STANDARD_IA");
        assertThat(vm.form().settings().metadata()).isEmpty();

        vm.bucketProperty().set("gamma");
        vm.clear();
        assertThat(vm.statusProperty().get())
                .isEqualTo("Cleared the object settings defaults of bucket gamma (profile Office).");
        assertThat(stored.stored(office.id(), "gamma").map(UploadSettings::isEmpty))
                .hasValue(true);
        assertThat(stored.effective(office.id(), "gamma").storageClass()).isEqualTo("STANDARD_IA");
    }

    @Test
    void anInvalidFormIsNotSavedAndAnEndpointThatDoesNotAnswerStillOffersTheKnownBuckets() {
        StorageProfile away = app.addProfile("Away", server, URI.create("http://127.0.0.1:9"), "home-bucket");
        stored.save(away.id(), "kept", new UploadSettings(null, null, null, "no-cache", null, null, null, null));
        vm.profileProperty().set(away);
        assertThat(vm.bucketNames()).containsExactly("home-bucket", "kept");

        vm.form().metadataProperty().set("just words");
        assertThat(vm.canSaveProperty().get()).isFalse();
        vm.save();
        assertThat(vm.errorProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).isNotBlank();
        assertThat(stored.stored(away.id(), null)).isEmpty();
    }
}
