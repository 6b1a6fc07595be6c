package io.obitox.storage.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.BucketInfo;
import io.obitox.storage.ObjectEntry;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.TestApp;
import io.obitox.transfer.DownloadService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The download view model without a toolkit (same-thread tasks): what it hands the download service for files and
 * folders, and what the browser's status line says about it. The service is a recording stand-in: queueing itself is
 * tested with the transfer engine.
 */
class DownloadViewModelTest {
    private final UiTasks tasks = new UiTasks(new DirectExecutorService(), Runnable::run);
    private final StatusLine line = new StatusLine(this, e -> "Failed: " + e.getMessage());
    private final SimpleObjectProperty<BucketInfo> bucket = new SimpleObjectProperty<>();
    private final List<String> asked = new ArrayList<>();
    private TestApp app;
    private ProfileSelection selection;
    private Path folder;

    @BeforeEach
    void setUp() throws Exception {
        app = TestApp.create("download-vm");
        selection = new ProfileSelection(app.context().profiles(), tasks);
        StorageProfile sandbox = app.context().profiles().list().get(0);
        selection.set(app.context().profiles().list(), Optional.of(sandbox));
        folder = Files.createTempDirectory("download-vm");
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    private DownloadViewModel vm(DownloadViewModel.Downloader downloader) {
        return new DownloadViewModel(downloader, tasks, selection, bucket, line, Messages.english());
    }

    @Test
    void withoutABucketNothingIsAsked() {
        vm((r, b, k, d, i) -> {
                    asked.add(k);
                    return null;
                })
                .download(List.of(new ObjectEntry("a.txt", 1, Instant.now(), "e", false)), folder);
        assertThat(asked).isEmpty();
        assertThat(line.message()).isEmpty();
    }

    @Test
    void filesGoIntoTheFolderAndAFolderIntoItsOwnSubfolder() {
        bucket.set(new BucketInfo("photos", Instant.now()));
        List<Path> destinations = new ArrayList<>();
        DownloadViewModel vm = vm((ref, b, key, dest, ifExists) -> {
            asked.add(b + ":" + key);
            destinations.add(dest);
            assertThat(ifExists).isEqualTo(DownloadService.IfExists.SKIP_IDENTICAL);
            return new DownloadService.Batch("batch", List.of("t-" + key), List.of(), 0);
        });

        vm.download(
                List.of(new ObjectEntry("2024/a.jpg", 5, Instant.now(), "e", false), ObjectEntry.folder("2024/trip/")),
                folder);

        assertThat(asked).containsExactly("photos:2024/a.jpg", "photos:2024/trip/");
        assertThat(destinations).containsExactly(folder, folder.resolve("trip"));
        assertThat(line.isBusy()).isFalse();
        assertThat(line.isError()).isFalse();
        assertThat(line.message()).isEqualTo("2 download(s) queued into " + folder + " — follow them under Transfers.");
    }

    @Test
    void aKeyThatCannotBeDownloadedIsReportedAsAnErrorWithTheRest() {
        bucket.set(new BucketInfo("photos", Instant.now()));
        DownloadViewModel vm = vm((ref, b, key, dest, ifExists) -> {
            if (key.equals("gone.txt")) {
                throw new IllegalStateException("no such key");
            }
            return new DownloadService.Batch("batch", List.of("t1"), List.of(), 0);
        });

        vm.download(
                List.of(
                        new ObjectEntry("ok.txt", 5, Instant.now(), "e", false),
                        new ObjectEntry("gone.txt", 5, Instant.now(), "e", false)),
                folder);

        assertThat(line.isError()).isTrue();
        assertThat(line.message())
                .startsWith("1 download(s) queued into " + folder)
                .contains("1 not downloaded, e.g. gone.txt: ");
    }

    @Test
    void theSummaryCountsResumedAndIdenticalFiles() {
        Messages en = Messages.english();
        assertThat(DownloadViewModel.describe(new DownloadViewModel.Outcome(2, 1, 0, List.of()), folder, en))
                .isEqualTo("3 download(s) queued into " + folder + " (1 resumed) — follow them under Transfers.");
        assertThat(DownloadViewModel.describe(new DownloadViewModel.Outcome(0, 0, 4, List.of()), folder, en))
                .isEqualTo("Nothing new to download into " + folder + ". 4 skipped: already there with the same"
                        + " content.");
        assertThat(DownloadViewModel.describe(
                        new DownloadViewModel.Outcome(0, 0, 0, List.of()),
                        folder,
                        Messages.of(java.util.Locale.GERMAN)))
                .isEmpty();
    }
}
