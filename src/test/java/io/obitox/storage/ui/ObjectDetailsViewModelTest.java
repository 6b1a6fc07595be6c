package io.obitox.storage.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.SseCKey;
import io.obitox.storage.ObjectDetailsService;
import io.obitox.storage.StorageClients;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.S3ProxyServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The object details view model without a toolkit (same-thread tasks) on S3Proxy: details load, a missing object is
 * explained in words, closing clears the pane.
 */
class ObjectDetailsViewModelTest {
    private static S3ProxyServer server;
    private static StorageClients clients;
    private final UiTasks tasks = new UiTasks(new DirectExecutorService(), Runnable::run);

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        clients = new StorageClients();
        server.createBucket("vm-details");
        try (S3Client s3 = server.client()) {
            for (String k : List.of("dir/a.txt", "dir/sub/b.txt", "keep.txt")) {
                s3.putObject(
                        b -> b.bucket("vm-details").key(k).contentType("text/plain"), RequestBody.fromString("12345"));
            }
        }
    }

    @AfterAll
    static void stop() {
        clients.close();
        server.close();
    }

    @Test
    void detailsLoadAndAMissingObjectIsExplained() {
        ObjectDetailsViewModel vm =
                new ObjectDetailsViewModel(new ObjectDetailsService(clients), tasks, Messages.english());
        vm.show(server.target(), "vm-details", "keep.txt");
        assertThat(vm.shownProperty().get()).isTrue();
        assertThat(vm.loadingProperty().get()).isFalse();
        assertThat(vm.summaryProperty().get()).isEmpty();
        assertThat(vm.detailsProperty().get().contentType()).isEqualTo("text/plain");
        assertThat(ObjectDetailsViewModel.size(vm.detailsProperty().get(), Messages.english()))
                .startsWith("5 bytes");
        vm.show(server.target(), "vm-details", "gone.txt");
        assertThat(vm.detailsProperty().get()).isNull();
        assertThat(vm.summaryProperty().get()).contains("There is no object 'gone.txt'");
        vm.close();
        assertThat(vm.shownProperty().get()).isFalse();
    }

    @Test
    void formattingHelpersShowPairsSortedAndADashForNothing() {
        assertThat(ObjectDetailsViewModel.pairs(java.util.Map.of("b", "2", "a", "1")))
                .isEqualTo("a=1\nb=2");
        assertThat(ObjectDetailsViewModel.pairs(java.util.Map.of())).isEqualTo("—");
        assertThat(ObjectDetailsViewModel.orDash("")).isEqualTo("—");
        assertThat(ObjectDetailsViewModel.orDash("v1")).isEqualTo("v1");
    }

    @Test
    void anSseCObjectSaysItsKeyIsNeededAndOpensWithAKeyGivenInThisSession() {
        SseCKey right = key(7);
        SseCKey other = key(8);
        try (S3Client s3 = server.client()) {
            s3.putObject(
                    b -> b.bucket("vm-details")
                            .key("vault.bin")
                            .sseCustomerAlgorithm("AES256")
                            .sseCustomerKey(right.base64())
                            .sseCustomerKeyMD5(right.md5Base64()),
                    RequestBody.fromString("secret"));
        }
        ObjectDetailsViewModel vm =
                new ObjectDetailsViewModel(new ObjectDetailsService(clients), tasks, Messages.english());

        vm.show(server.target(), "vm-details", "vault.bin");
        assertThat(vm.detailsProperty().get()).isNull();
        assertThat(vm.summaryProperty().get())
                .isEqualTo("'vault.bin' is encrypted with a customer key (SSE-C): its details and its download need"
                        + " that key. Choose its key file in the download dialog (Download…); once given, its details"
                        + " show here too.");

        List<SseCKey> session = new java.util.ArrayList<>(List.of(other));
        vm.useSessionKeys(() -> session);
        vm.show(server.target(), "vm-details", "vault.bin");
        assertThat(vm.detailsProperty().get())
                .as("another key does not open it")
                .isNull();
        assertThat(vm.summaryProperty().get()).startsWith("'vault.bin' is encrypted with a customer key (SSE-C)");

        session.add(right);
        vm.show(server.target(), "vm-details", "vault.bin");
        assertThat(vm.summaryProperty().get()).isEmpty();
        assertThat(vm.detailsProperty().get().size()).isEqualTo(6);
        assertThat(vm.detailsProperty().get().encryption()).isEqualTo("SSE-C AES256");
    }

    private static SseCKey key(long seed) {
        byte[] raw = new byte[32];
        new java.util.Random(seed).nextBytes(raw);
        return SseCKey.of(raw);
    }
}
