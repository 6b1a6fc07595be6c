package io.obitox.transfer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.BucketInfo;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.time.Instant;
import java.util.Optional;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The incomplete-uploads view model without a toolkit (same-thread tasks) on S3Proxy, through its status line. */
class IncompleteUploadsViewModelTest {
    private S3ProxyServer server;
    private TestApp app;
    private final SimpleObjectProperty<BucketInfo> bucket = new SimpleObjectProperty<>();
    private IncompleteUploadsViewModel vm;

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket("parts");
        app = TestApp.create("incomplete-vm");
        StorageProfile profile = app.addProfile("Incomplete S3Proxy", server, "parts");
        UiTasks tasks = new UiTasks(new DirectExecutorService(), Runnable::run);
        ProfileSelection selection = new ProfileSelection(app.context().profiles(), tasks);
        selection.set(app.context().profiles().list(), Optional.of(profile));
        vm = new IncompleteUploadsViewModel(
                app.context().multipartUploads(),
                app.context().profiles(),
                selection,
                bucket,
                tasks,
                app.context().clock(),
                Messages.english());
    }

    @AfterEach
    void tearDown() {
        app.close();
        server.close();
    }

    @Test
    void withoutABucketItSaysWhatToDo() {
        vm.refresh();
        assertThat(vm.statusProperty().get()).isEqualTo("Pick a bucket first.");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void listsAndAbortsTheBucketsIncompleteUploads() {
        try (S3Client s3 = server.client()) {
            s3.createMultipartUpload(b -> b.bucket("parts").key("big.iso"));
        }
        bucket.set(new BucketInfo("parts", Instant.now()));
        assertThat(vm.statusProperty().get()).isEqualTo("Refresh to list the incomplete uploads of parts.");

        vm.refresh();
        assertThat(vm.items()).extracting(u -> u.key()).containsExactly("big.iso");
        assertThat(vm.statusProperty().get()).startsWith("1 incomplete upload(s) in parts, ");
        assertThat(vm.busyProperty().get()).isFalse();

        vm.abort(java.util.List.of());
        assertThat(vm.statusProperty().get()).isEqualTo("Select the uploads to abort first.");

        vm.abort(java.util.List.copyOf(vm.items()));
        assertThat(vm.items()).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo("1 upload(s) aborted. No incomplete uploads in parts.");
    }

    @Test
    void aFailureIsDescribedOnTheStatusLine() {
        bucket.set(new BucketInfo("no-such-bucket", Instant.now()));
        vm.refresh();
        assertThat(vm.items()).isEmpty();
        assertThat(vm.statusProperty().get())
                .isNotBlank()
                .isNotEqualTo("Refresh to list the incomplete uploads of no-such-bucket.")
                .doesNotContain("Exception");
        assertThat(vm.busyProperty().get()).isFalse();
    }
}
