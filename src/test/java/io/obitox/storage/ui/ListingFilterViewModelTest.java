package io.obitox.storage.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.storage.BucketService;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.StorageClients;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.S3ProxyServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The listing filter without a toolkit: filtering the folder shown as the user types (case-insensitive, on the names
 * in the folder), and "search from here" on S3Proxy with same-thread tasks, said on the browser's status line.
 */
class ListingFilterViewModelTest {
    private static S3ProxyServer server;
    private static StorageClients clients;
    private final ObservableList<ObjectEntry> entries = FXCollections.observableArrayList();
    private final StatusLine line = new StatusLine(this, e -> "Failed: " + e.getMessage());
    private final UiTasks tasks = new UiTasks(new DirectExecutorService(), Runnable::run);
    private String prefix = "docs/";
    private final ListingFilterViewModel vm = new ListingFilterViewModel(
            entries, () -> prefix, new BucketService(clients), tasks, line, Messages.english());

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        clients = new StorageClients();
        server.createBucket("vm-filter");
        try (S3Client s3 = server.client()) {
            for (String k : List.of("docs/Report.pdf", "docs/2024/report-q1.pdf", "docs/2024/notes.txt", "img/x.png")) {
                s3.putObject(b -> b.bucket("vm-filter").key(k), RequestBody.fromString("1"));
            }
        }
    }

    @AfterAll
    static void stop() {
        clients.close();
        server.close();
    }

    private static ObjectEntry file(String key) {
        return new ObjectEntry(key, 1, Instant.now(), "e", false);
    }

    @Test
    void typingFiltersTheFolderShownByNameIgnoringCase() {
        entries.setAll(file("docs/Report.pdf"), file("docs/notes.txt"), ObjectEntry.folder("docs/reports/"));
        assertThat(vm.visibleEntries()).hasSize(3);

        vm.filterProperty().set("  REPORT ");
        assertThat(vm.visibleEntries())
                .extracting(ObjectEntry::key)
                .containsExactly("docs/Report.pdf", "docs/reports/");

        vm.filterProperty().set("docs"); // the prefix itself is not part of the names shown
        assertThat(vm.visibleEntries()).isEmpty();

        vm.filterProperty().set("");
        assertThat(vm.visibleEntries()).hasSize(3);
    }

    @Test
    void searchFromHereFindsMatchesInEveryLevelBelowAndSaysHowMany() {
        vm.filterProperty().set("report");
        List<ObjectEntry> shown = new ArrayList<>();

        vm.search(server.target(), "vm-filter", "docs/", shown::addAll);

        assertThat(shown)
                .extracting(ObjectEntry::key)
                .containsExactlyInAnyOrder("docs/Report.pdf", "docs/2024/report-q1.pdf");
        assertThat(line.isBusy()).isFalse();
        assertThat(line.isError()).isFalse();
        assertThat(line.message()).startsWith("2 match(es) for 'report' below vm-filter/docs/ — searched 3 key(s).");
    }

    @Test
    void aSearchThatFailsIsShownAsAnError() {
        vm.filterProperty().set("x");
        List<ObjectEntry> shown = new ArrayList<>();

        vm.search(server.target(), "no-such-bucket", "", shown::addAll);

        assertThat(shown).isEmpty();
        assertThat(line.isBusy()).isFalse();
        assertThat(line.isError()).isTrue();
    }
}
