package io.obitox.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestPaths;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.UploadRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A desktop notification when a batch of uploads is settled, from the real engine's events. */
class BatchNotifierTest {
    private S3ProxyServer server;
    private TestApp app;
    private StorageProfile profile;
    private final List<Notification> shown = new CopyOnWriteArrayList<>();
    private BatchNotifier notifier;

    private final Notifier recorder = new Notifier() {
        @Override
        public void show(Notification n) {
            shown.add(n);
        }

        @Override
        public String name() {
            return "recorder";
        }
    };

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket("notify-photos");
        app = TestApp.create("batch-notifier");
        profile = app.addProfile("proxy", server, "notify-photos");
        TransferService transfers = app.context().transfers();
        notifier = new BatchNotifier(
                transfers.events(),
                transfers::batchTally,
                () -> app.context().settings().getBoolean(BatchNotifier.SETTING, true),
                recorder,
                Messages.english());
    }

    @AfterEach
    void tearDown() {
        notifier.close();
        app.close();
        server.close();
    }

    private List<Path> files(String name, int n) throws IOException {
        Path dir = TestPaths.newDir(name);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Files.writeString(dir.resolve("photo-" + i + ".jpg"), "jpeg " + i));
        }
        return out;
    }

    private void upload(List<Path> files) throws InterruptedException {
        List<UploadRequest> requests = files.stream()
                .map(f -> new UploadRequest(
                        f,
                        TargetRef.profile(profile.id()),
                        "notify-photos",
                        f.getFileName().toString(),
                        null))
                .toList();
        TransferService.Batch b = app.context().transfers().enqueue(requests);
        assertThat(app.context().transfers().awaitSettled(b.transferIds(), Duration.ofSeconds(60)))
                .isTrue();
    }

    private void awaitNotifications(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (shown.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // and no more than that
    }

    @Test
    void aFinishedBatchIsAnnouncedOnce() throws Exception {
        upload(files("notify-ok", 3));
        awaitNotifications(1);
        assertThat(shown)
                .containsExactly(
                        new Notification("Upload complete", "3 files uploaded to bucket notify-photos.", false));
    }

    @Test
    void failuresAreCountedAgainstTheWholeBatch() throws Exception {
        List<Path> files = new ArrayList<>(files("notify-failed", 2));
        files.add(files.get(0).resolveSibling("vanished.jpg")); // cannot be read: fails when queued
        upload(files);
        awaitNotifications(1);
        assertThat(shown)
                .containsExactly(new Notification(
                        "Upload finished with errors",
                        "1 of 3 files failed; 2 uploaded to bucket notify-photos. See Transfers for the reasons.",
                        true));
    }

    @Test
    void twoBatchesAreTwoNotifications() throws Exception {
        upload(files("notify-first", 1));
        upload(files("notify-second", 2));
        awaitNotifications(2);
        assertThat(shown)
                .extracting(Notification::body)
                .containsExactly(
                        "photo-0.jpg uploaded to bucket notify-photos.", "2 files uploaded to bucket notify-photos.");
    }

    @Test
    void theSettingTurnsThemOff() throws Exception {
        app.context().settings().put(BatchNotifier.SETTING, false);
        upload(files("notify-off", 2));
        awaitNotifications(1);
        assertThat(shown).isEmpty();
    }

    @Test
    void theWordingCoversEveryOutcome() {
        assertThat(BatchNotifier.message(
                        new BatchNotifier.Summary(12, 12, 0, 0, "a.jpg", List.of("photos")), Messages.english()))
                .isEqualTo(new Notification("Upload complete", "12 files uploaded to bucket photos.", false));
        assertThat(BatchNotifier.message(
                        new BatchNotifier.Summary(12, 10, 2, 0, "a.jpg", List.of("photos")), Messages.english()))
                .isEqualTo(new Notification(
                        "Upload finished with errors",
                        "2 of 12 files failed; 10 uploaded to bucket photos. See Transfers for the reasons.",
                        true));
        assertThat(BatchNotifier.message(
                        new BatchNotifier.Summary(2, 0, 2, 0, "a.jpg", List.of("photos")), Messages.english()))
                .isEqualTo(new Notification(
                        "Upload failed", "2 of 2 files failed (bucket photos). See Transfers for the reasons.", true));
        assertThat(BatchNotifier.message(
                                new BatchNotifier.Summary(5, 4, 0, 1, "a.jpg", List.of("a", "b")), Messages.english())
                        .body())
                .isEqualTo("4 files uploaded to 2 buckets. 1 cancelled.");
    }
}
