package io.obitox.storage.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.ObjectEntry;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bucket browser's view model without a toolkit (same-thread tasks) on S3Proxy and H2: buckets listed with the
 * profile's default bucket opened, folders opened and left, a bucket created, refusals on the status line.
 */
class BucketsViewModelTest {
    private S3ProxyServer server;
    private TestApp app;
    private ProfileSelection selection;
    private BucketsViewModel vm;

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket("browse");
        try (S3Client s3 = server.client()) {
            for (String k : List.of("top.txt", "docs/a.txt", "docs/b.txt", "docs/deep/c.txt")) {
                s3.putObject(b -> b.bucket("browse").key(k), RequestBody.fromString("12345"));
            }
        }
        app = TestApp.create("buckets-vm");
        StorageProfile profile = app.addProfile("Browse S3Proxy", server, "browse");
        UiTasks tasks = new UiTasks(new DirectExecutorService(), Runnable::run);
        selection = new ProfileSelection(app.context().profiles(), tasks);
        selection.set(app.context().profiles().list(), Optional.of(profile));
        vm = new BucketsViewModel(
                app.context().profiles(),
                app.context().buckets(),
                app.context().deletes(),
                app.context().objectDetails(),
                (ref, bucket, key, dest, ifExists, sseC) -> {
                    throw new AssertionError("no download in this test");
                },
                tasks,
                selection,
                Messages.english());
    }

    @AfterEach
    void tearDown() {
        app.close();
        server.close();
    }

    @Test
    void refreshListsTheBucketsAndOpensTheProfilesDefaultBucket() {
        vm.refreshBuckets();

        assertThat(vm.buckets()).extracting(b -> b.name()).containsExactly("browse");
        assertThat(vm.bucketProperty().get().name()).isEqualTo("browse");
        assertThat(vm.entries()).extracting(ObjectEntry::key).containsExactlyInAnyOrder("docs/", "top.txt");
        assertThat(vm.statusProperty().get()).isEqualTo("1 folder(s), 1 object(s).");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).isFalse();
        assertThat(vm.hasMoreProperty().get()).isFalse();
    }

    @Test
    void theEmptyListSaysWhyItIsEmpty() {
        var placeholder = vm.placeholderProperty();
        assertThat(placeholder.get()).isEqualTo("Pick a bucket on the left");

        vm.refreshBuckets();
        vm.open(ObjectEntry.folder("docs/"));
        vm.open(ObjectEntry.folder("docs/deep/"));
        assertThat(placeholder.get())
                .isEqualTo("Nothing in s3://browse/docs/deep/ yet. Drop files here to upload them.");

        vm.filter().filterProperty().set(" zebra ");
        assertThat(placeholder.get()).startsWith("Nothing listed here matches \"zebra\".");
    }

    @Test
    void foldersOpenAndUpGoesBack() {
        vm.refreshBuckets();
        vm.open(ObjectEntry.folder("docs/"));
        assertThat(vm.prefixProperty().get()).isEqualTo("docs/");
        assertThat(vm.entries())
                .extracting(ObjectEntry::key)
                .containsExactlyInAnyOrder("docs/deep/", "docs/a.txt", "docs/b.txt");
        assertThat(vm.statusProperty().get()).isEqualTo("1 folder(s), 2 object(s).");

        vm.open(vm.entries().stream().filter(e -> !e.folder()).findFirst().orElseThrow());
        assertThat(vm.prefixProperty().get()).as("an object is not opened").isEqualTo("docs/");

        vm.up();
        assertThat(vm.prefixProperty().get()).isEmpty();
        assertThat(vm.entries()).hasSize(2);
    }

    @Test
    void aBucketIsCreatedAndOpenedAndABadNameIsRefused() {
        vm.newBucketNameProperty().set("Bad_Name");
        vm.createBucket();
        assertThat(vm.errorProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).isNotBlank();

        vm.refreshBuckets();
        vm.newBucketNameProperty().set("fresh-bucket");
        vm.createBucket();

        assertThat(vm.errorProperty().get()).isFalse();
        assertThat(vm.buckets()).extracting(b -> b.name()).contains("fresh-bucket");
        assertThat(vm.bucketProperty().get().name()).isEqualTo("fresh-bucket");
        assertThat(vm.newBucketNameProperty().get()).isEmpty();
        assertThat(vm.entries()).isEmpty();
    }

    @Test
    void withoutAProfileItAsksForOne() {
        selection.set(List.of(), Optional.empty());
        vm.refreshBuckets();
        assertThat(vm.buckets()).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo("Add a storage profile first (Profiles).");
    }

    @Test
    void detailsOfAFolderAreRefusedInWords() {
        vm.refreshBuckets();
        vm.showDetails(ObjectEntry.folder("docs/"));
        assertThat(vm.statusProperty().get())
                .isEqualTo("A folder has no details of its own: open it, or pick an object.");
        assertThat(vm.details().shownProperty().get()).isFalse();
    }
}
