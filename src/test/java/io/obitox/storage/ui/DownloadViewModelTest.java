package io.obitox.storage.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.TextRef;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.SseCKey;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.BucketInfo;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.SseCRefusal;
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
        vm((r, b, k, d, i, c) -> {
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
        DownloadViewModel vm = vm((ref, b, key, dest, ifExists, sseC) -> {
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
        DownloadViewModel vm = vm((ref, b, key, dest, ifExists, sseC) -> {
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

    @Test
    void theDialogIsReadyWithAFolderAndAKeyThatWasReadAndForgetsTheKeyWhenAskedAgain() throws Exception {
        DownloadDialogViewModel dialog = vm((r, b, k, d, i, c) -> null).dialog();
        SseCKey key = SseCKey.of(new byte[32]);
        Path keyFile = Files.writeString(folder.resolve("vault.key"), key.base64() + "\n");
        Path notAKey = Files.writeString(folder.resolve("notes.txt"), "not a key");

        dialog.open(3, "photos");
        assertThat(dialog.headerProperty().get()).isEqualTo("Download 3 item(s) from s3://photos");
        assertThat(dialog.folderTextProperty().get()).isEqualTo("No folder chosen.");
        assertThat(dialog.keyTextProperty().get()).isEqualTo("No key file chosen.");
        assertThat(dialog.readyProperty().get()).as("no folder yet").isFalse();
        assertThat(dialog.choice()).isEmpty();

        dialog.chooseFolder(folder);
        assertThat(dialog.readyProperty().get()).as("a key is optional").isTrue();
        assertThat(dialog.choice()).contains(new DownloadDialogViewModel.Choice(folder, null));

        dialog.chooseKeyFile(notAKey);
        assertThat(dialog.keyProperty().get()).isNull();
        assertThat(dialog.keyTextProperty().get()).startsWith("No usable key: ");
        assertThat(dialog.readyProperty().get())
                .as("a key file that is no key is not ignored")
                .isFalse();

        dialog.chooseKeyFile(keyFile);
        assertThat(dialog.keyProperty().get().md5Base64()).isEqualTo(key.md5Base64());
        assertThat(dialog.keyTextProperty().get())
                .isEqualTo("Fingerprint " + key.md5Base64() + " (the key itself is never stored)")
                .doesNotContain(key.base64());
        assertThat(dialog.readyProperty().get()).isTrue();
        assertThat(dialog.choice().orElseThrow().key())
                .isSameAs(dialog.keyProperty().get());

        dialog.clearKey();
        assertThat(dialog.choice()).contains(new DownloadDialogViewModel.Choice(folder, null));

        dialog.chooseKeyFile(keyFile);
        dialog.open(1, "photos");
        assertThat(dialog.keyProperty().get())
                .as("the key is not kept for the next download")
                .isNull();
        assertThat(dialog.folderProperty().get()).as("the folder is").isEqualTo(folder.toAbsolutePath());
        assertThat(dialog.headerProperty().get()).isEqualTo("Download 1 item(s) from s3://photos");
    }

    @Test
    void theChosenKeyGoesWithEveryEntryAndAnObjectThatNeedsOneSaysWhereToGiveIt() {
        bucket.set(new BucketInfo("vault", Instant.now()));
        SseCKey key = SseCKey.of(new byte[32]);
        List<SseCKey> keys = new ArrayList<>();
        DownloadViewModel vm = vm((ref, b, k, dest, ifExists, sseC) -> {
            keys.add(sseC);
            if (sseC == null) {
                throw SseCRefusal.of(b, k, false, TextRef.of("svc.sseC.fix.download"), null);
            }
            return new DownloadService.Batch("batch", List.of("t-" + k), List.of(), 0);
        });

        vm.download(List.of(new ObjectEntry("secret.bin", 5, Instant.now(), "e", false)), folder);
        assertThat(line.isError()).isTrue();
        assertThat(line.message())
                .isEqualTo("1 not downloaded, e.g. secret.bin: This object is encrypted with a"
                        + " customer key (SSE-C): choose its key file in the download dialog.");

        vm.download(
                List.of(new ObjectEntry("secret.bin", 5, Instant.now(), "e", false), ObjectEntry.folder("more/")),
                new DownloadDialogViewModel.Choice(folder, key));
        assertThat(keys).containsExactly(null, key, key);
        assertThat(line.isError()).isFalse();
        assertThat(line.message()).isEqualTo("2 download(s) queued into " + folder + " — follow them under Transfers.");
    }

    @Test
    void aKeyTheServerRefusesIsNamedAsTheWrongKeyInTheUsersLanguage() {
        bucket.set(new BucketInfo("vault", Instant.now()));
        DownloadViewModel vm = new DownloadViewModel(
                (ref, b, k, dest, ifExists, sseC) -> {
                    throw SseCRefusal.of(b, k, true, TextRef.of("svc.sseC.fix.wrongKey"), null);
                },
                tasks,
                selection,
                bucket,
                line,
                Messages.of(java.util.Locale.GERMAN));

        vm.download(
                List.of(new ObjectEntry("secret.bin", 5, Instant.now(), "e", false)), folder, SseCKey.of(new byte[32]));

        assertThat(line.message())
                .endsWith(
                        "secret.bin: Der gewählte Kundenschlüssel (SSE-C) öffnet dieses Objekt nicht: Wählen Sie die"
                                + " Schlüsseldatei, mit der es hochgeladen wurde, oder keine für ein Objekt ohne Kundenschlüssel.");
    }
}
