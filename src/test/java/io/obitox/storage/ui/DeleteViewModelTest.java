package io.obitox.storage.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.storage.DeletePlan;
import io.obitox.storage.DeleteService;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.StorageClients;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.S3ProxyServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The delete view model without a toolkit (same-thread tasks) on S3Proxy: the plan waits for a yes, "no" deletes
 * nothing, "yes" deletes exactly the plan, and every step is said on the browser's status line.
 */
class DeleteViewModelTest {
    private static S3ProxyServer server;
    private static StorageClients clients;
    private final UiTasks tasks = new UiTasks(new DirectExecutorService(), Runnable::run);
    private final List<String> messages = new ArrayList<>();
    private int reloads;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        clients = new StorageClients();
        server.createBucket("vm-del");
        try (S3Client s3 = server.client()) {
            for (String k : List.of("dir/a.txt", "dir/sub/b.txt", "keep.txt")) {
                s3.putObject(b -> b.bucket("vm-del").key(k).contentType("text/plain"), RequestBody.fromString("12345"));
            }
        }
    }

    @AfterAll
    static void stop() {
        clients.close();
        server.close();
    }

    private List<String> keys() {
        try (S3Client s3 = server.client()) {
            return s3.listObjectsV2Paginator(b -> b.bucket("vm-del")).contents().stream()
                    .map(S3Object::key)
                    .toList();
        }
    }

    @Test
    void aPlanWaitsForYesAndNoDeletesNothing() {
        StatusLine line = new StatusLine(this, e -> "Failed: " + e.getMessage());
        line.messageProperty().addListener((o, a, text) -> messages.add(text));
        DeleteViewModel vm =
                new DeleteViewModel(new DeleteService(clients), tasks, line, () -> reloads++, Messages.english());
        List<ObjectEntry> picked = List.of(ObjectEntry.folder("dir/"));

        vm.prepare(server.target(), "vm-del", picked);
        DeletePlan plan = vm.pendingProperty().get();
        assertThat(plan.count()).isEqualTo(2);
        assertThat(plan.totalBytes()).isEqualTo(10);
        assertThat(DeleteViewModel.question(plan, Messages.english()))
                .startsWith("Delete 2 object(s), 10 B, from vm-del?")
                .contains("Everything under: dir/")
                .contains("dir/sub/b.txt");
        vm.dismiss();
        assertThat(vm.pendingProperty().get()).isNull();
        assertThat(messages).last().isEqualTo("Nothing was deleted.");
        assertThat(keys()).hasSize(3);

        vm.prepare(server.target(), "vm-del", picked);
        vm.confirm();
        assertThat(messages).last().isEqualTo("Deleted 2 object(s) from vm-del.");
        assertThat(reloads).isEqualTo(1);
        assertThat(line.isBusy()).isFalse();
        assertThat(keys()).containsExactly("keep.txt");

        vm.prepare(server.target(), "vm-del", List.of());
        assertThat(messages).last().isEqualTo("Pick the objects or folders to delete.");
        assertThat(line.isError()).isTrue();
    }
}
