package io.obitox.transfer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.TestApp;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferState;
import io.obitox.transfer.UploadRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Transfers view model without a toolkit: same-thread tasks, the real transfer engine uploading to the embedded
 * sandbox storage. Rows follow the service; the bandwidth field is checked before it applies.
 */
class TransfersViewModelTest {
    private TestApp app;
    private TransferService service;
    private TransfersViewModel vm;

    @BeforeEach
    void setUp() {
        app = TestApp.create("transfers-vm");
        service = app.context().transfers();
        vm = new TransfersViewModel(
                service, new UiTasks(new DirectExecutorService(), Runnable::run), Messages.english());
    }

    @AfterEach
    void tearDown() {
        vm.stop();
        app.close();
    }

    private String upload(String name) throws Exception {
        Path file = app.dir().resolve(name);
        Files.writeString(file, "hello " + name);
        StorageProfile sandbox = app.context().profiles().defaultProfile().orElseThrow();
        return service.enqueue(List.of(new UploadRequest(
                        file, TargetRef.profile(sandbox.id()), "sandbox", "vm/" + name, "text/plain")))
                .transferIds()
                .get(0);
    }

    private void awaitDone(String id) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (service.snapshot(id).orElseThrow().state() != TransferState.COMPLETED) {
            assertThat(Instant.now()).as("upload %s finishes", id).isBefore(until);
            Thread.sleep(50);
        }
    }

    @Test
    void noTransfersMeansNoRowsAndNoPages() {
        vm.refresh();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.hasPreviousProperty().get()).isFalse();
        assertThat(vm.hasNextProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).isEmpty();
    }

    @Test
    void aFinishedUploadIsARowAndClearingRemovesIt() throws Exception {
        String id = upload("a.txt");
        awaitDone(id);

        vm.refresh();
        assertThat(vm.rows()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(id);
            assertThat(r.stateProperty().get()).isEqualTo(TransferState.COMPLETED);
            assertThat(r.nameProperty().get()).contains("a.txt");
            assertThat(r.messageProperty().get()).startsWith("Verified by: ");
        });

        vm.clearFinished();

        assertThat(vm.statusProperty().get()).isEqualTo("1 finished transfer(s) removed from the list.");
        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void theBandwidthLimitIsCheckedThenAppliedToTheEngine() {
        vm.bandwidthLimitProperty().set("fast");
        vm.applyBandwidthLimit();
        assertThat(vm.statusProperty().get())
                .isEqualTo("Type the limit in MiB/s, e.g. 5 or 0.5; leave it empty for no limit.");

        vm.bandwidthLimitProperty().set("-1");
        vm.applyBandwidthLimit();
        assertThat(vm.statusProperty().get()).startsWith("Type the limit in MiB/s");

        vm.bandwidthLimitProperty().set("2");
        vm.applyBandwidthLimit();
        assertThat(service.engine().settings().bandwidthLimit()).isEqualTo(2L << 20);
        assertThat(vm.statusProperty().get()).startsWith("Limited to ");

        vm.bandwidthLimitProperty().set("");
        vm.applyBandwidthLimit();
        assertThat(vm.statusProperty().get()).isEqualTo("No bandwidth limit.");
    }
}
