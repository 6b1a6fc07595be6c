package io.obitox.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestPaths;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 19 against the in-process S3Proxy (through a {@link FaultProxy} that counts requests), with real files
 * written by the test while the watch runs: a slow writer, hundreds of files in new nested folders, files added
 * while no watch ran, the folder removed and recreated, delete-after-upload, one owner per watch.
 */
class WatchFolderTest {
    private static final Duration SETTLE = Duration.ofMillis(300);
    private static S3ProxyServer server;
    private static FaultProxy proxy;
    private static S3Client s3;
    private static int buckets;

    private TestApp app;
    private StorageProfile profile;
    private Path dir;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        proxy = new FaultProxy(server.endpoint());
        s3 = server.client();
    }

    @AfterAll
    static void stopServer() {
        s3.close();
        proxy.close();
        server.close();
    }

    @BeforeEach
    void open() {
        app = TestApp.create("watch");
        profile = app.addProfile("WatchProxy", server, proxy.endpoint(), null);
        dir = TestPaths.newDir("watch-files");
    }

    @AfterEach
    void close() {
        app.close();
    }

    private static String newBucket() {
        String b = "watch-" + (++buckets);
        server.createBucket(b);
        return b;
    }

    private WatchFolderService service() {
        return app.context().watches();
    }

    private Watch add(Path folder, String bucket, Duration settle, Watch.AfterUpload after, List<String> rules) {
        return service()
                .add(new WatchFolderService.Draft(
                        folder,
                        TargetRef.profile(profile.id()),
                        bucket,
                        "in",
                        null,
                        true,
                        null,
                        rules,
                        true,
                        true,
                        settle,
                        Duration.ofHours(1),
                        after,
                        false));
    }

    private WatchFolderService.Running run(Watch w) {
        return service().run(List.of(w.id()), problems::add);
    }

    private WatchHealth health(Watch w) {
        return service().get(w.id()).health();
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static Set<String> keys(String bucket) {
        Set<String> out = new TreeSet<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> out.add(o.key()));
        return out;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** Object writes to this key seen by the proxy: single PUTs and CreateMultipartUpload (not parts). */
    private static long uploadsOf(String bucket, String key, int from) {
        List<FaultProxy.Request> all = proxy.requests();
        return all.subList(from, all.size()).stream()
                .filter(r -> r.target().split("\\?")[0].endsWith("/" + bucket + "/" + key))
                .filter(r -> (r.method().equals("PUT") && !r.isPart()) || r.isCreateMultipart())
                .count();
    }

    @Test
    void aFileWrittenSlowlyIsUploadedOnceAndComplete() throws Exception {
        String bucket = newBucket();
        Path folder = Files.createDirectories(dir.resolve("slow"));
        // writes every 0.5 s: the settle time must be longer than the pauses of the writer
        Watch w = add(folder, bucket, Duration.ofMillis(1500), Watch.AfterUpload.KEEP, List.of());
        int from = proxy.requests().size();
        byte[] all;
        try (WatchFolderService.Running r = run(w)) {
            Random random = new Random(19);
            java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
            try (OutputStream out = Files.newOutputStream(folder.resolve("video.bin"))) {
                for (int i = 0; i < 10; i++) { // 1 MiB every 0.5 s for 5 s
                    byte[] chunk = new byte[1 << 20];
                    random.nextBytes(chunk);
                    out.write(chunk);
                    out.flush();
                    written.write(chunk);
                    Thread.sleep(500);
                }
            }
            all = written.toByteArray();
            await("uploaded", () -> health(w).counters().uploaded() == 1);
            Thread.sleep(2000); // a second upload would show up by now
        }
        byte[] got =
                s3.getObjectAsBytes(b -> b.bucket(bucket).key("in/video.bin")).asByteArray();
        assertThat(sha256(got)).isEqualTo(sha256(all));
        assertThat(uploadsOf(bucket, "in/video.bin", from)).isEqualTo(1);
        assertThat(health(w).counters()).isEqualTo(new WatchHealth.Counters(1, 1, 0, 0, 0));
    }

    @Test
    void fiveHundredFilesInNewNestedFoldersAreUploadedOnceWithExcludedRejectedAndIdenticalListed() throws Exception {
        String bucket = newBucket();
        Path folder = Files.createDirectories(dir.resolve("drop"));
        Watch w = add(folder, bucket, SETTLE, Watch.AfterUpload.KEEP, List.of("exclude:*.tmp"));
        Path source = Files.createDirectories(dir.resolve("source"));
        List<String> rels = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String rel = "a" + (i % 3) + "/b" + (i % 7) + "/c" + (i % 2) + "/f" + i + ".txt";
            rels.add(rel);
            Path f = source.resolve(rel);
            Files.createDirectories(f.getParent());
            Files.writeString(f, "file " + i + " " + "x".repeat(i % 40));
        }
        Files.writeString(source.resolve("a0/partial.tmp"), "not yet");
        Files.write(source.resolve("a1/tool.bin"), elf());
        int before = proxy.requests().size();
        try (WatchFolderService.Running r = run(w)) {
            long copied = System.nanoTime();
            copyTree(source, folder); // new folders appear while the watch runs
            await("500 uploaded, 1 excluded, 1 rejected", () -> {
                var c = health(w).counters();
                return c.uploaded() == 500 && c.skipped() == 1 && c.rejected() == 1;
            });
            System.out.printf(
                    "watch: 500 files uploaded %.1f s after the copy started%n", (System.nanoTime() - copied) / 1e9);
            Set<String> expected = new TreeSet<>();
            rels.forEach(x -> expected.add("in/" + x));
            assertThat(keys(bucket)).isEqualTo(expected);
            // once: one object write per key (no key written twice, none of the excluded or rejected written)
            List<String> writes = proxy
                    .requests()
                    .subList(before, proxy.requests().size())
                    .stream()
                    .filter(x -> (x.method().equals("PUT") && !x.isPart()) || x.isCreateMultipart())
                    .map(x -> x.target().split("\\?")[0])
                    .toList();
            assertThat(writes).hasSize(500).doesNotHaveDuplicates();
            var left = service().files(w.id(), List.of(WatchLedger.Outcome.EXCLUDED, WatchLedger.Outcome.REJECTED), 10);
            assertThat(left)
                    .extracting(WatchLedger.Entry::relPath)
                    .containsExactlyInAnyOrder("a0/partial.tmp", "a1/tool.bin");
            assertThat(left)
                    .filteredOn(e -> e.outcome() == WatchLedger.Outcome.EXCLUDED)
                    .singleElement()
                    .extracting(WatchLedger.Entry::reason)
                    .isEqualTo("skipped by rule *.tmp");
            assertThat(left)
                    .filteredOn(e -> e.outcome() == WatchLedger.Outcome.REJECTED)
                    .singleElement()
                    .extracting(WatchLedger.Entry::reason)
                    .asString()
                    .startsWith("DANGEROUS_TYPE");

            int from = proxy.requests().size();
            for (int i = 0; i < 20; i++) { // identical re-copies (new mtime, same bytes)
                Path f = folder.resolve(rels.get(i));
                Files.write(f, Files.readAllBytes(f));
                Files.setLastModifiedTime(
                        f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            }
            await("20 skipped as identical", () -> health(w).counters().skipped() == 21);
            assertThat(proxy.requests().subList(from, proxy.requests().size()))
                    .noneMatch(x -> x.method().equals("PUT") || x.isCreateMultipart());
            assertThat(health(w).counters().uploaded()).isEqualTo(500);
            assertThat(service().files(w.id(), List.of(WatchLedger.Outcome.SKIPPED), 50))
                    .hasSize(20)
                    .allSatisfy(e -> assertThat(e.reason()).isNotBlank());
            assertThat(health(w).state()).isIn(WatchState.WATCHING, WatchState.SCANNING);
        }
        assertThat(health(w).state()).isEqualTo(WatchState.STOPPED);
    }

    @Test
    void aFileAnotherProcessHoldsOpenForWritingIsNotTakenUntilItIsClosed() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(OpenWriters.forThisOs().available(), "needs /proc (Linux)");
        String bucket = newBucket();
        Path folder = Files.createDirectories(dir.resolve("held"));
        Watch w = add(folder, bucket, SETTLE, Watch.AfterUpload.KEEP, List.of());
        try (WatchFolderService.Running r = run(w)) {
            Path held = folder.resolve("recording.wav");
            Files.writeString(held, "the first part");
            // a real child process opens the file for appending and keeps it open, writing nothing, until its
            // stdin closes: size and mtime stay still far beyond the settle time
            Process writer = new ProcessBuilder("sh", "-c", "exec 3>>\"$0\"; read _", held.toString())
                    .redirectErrorStream(true)
                    .start();
            try {
                await(
                        "the writer has the file open",
                        () -> !OpenWriters.forThisOs()
                                .openForWriting(List.of(held))
                                .isEmpty());
                long t0 = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    OpenWriters.forThisOs().openForWriting(List.of(held, folder.resolve("none")));
                }
                System.out.printf("watch: open-for-writing check %.1f ms per pass%n", (System.nanoTime() - t0) / 20e6);
                Files.writeString(folder.resolve("free.txt"), "nobody holds me");
                await("the free file uploaded", () -> health(w).counters().uploaded() >= 1);
                Thread.sleep(10 * SETTLE.toMillis()); // ten settle times with the writer idle
                assertThat(keys(bucket)).containsExactly("in/free.txt");
            } finally {
                writer.getOutputStream().close(); // the child reads EOF and exits, closing the file
                assertThat(writer.waitFor(10, java.util.concurrent.TimeUnit.SECONDS))
                        .isTrue();
            }
            await("uploaded once closed", () -> health(w).counters().uploaded() == 2);
        }
        assertThat(keys(bucket)).containsExactly("in/free.txt", "in/recording.wav");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("in/recording.wav"))
                        .asUtf8String())
                .isEqualTo("the first part");
    }

    @Test
    void aProblemRaisesOneDesktopNotificationNotOnePerFileAndAnotherOnlyAfterItCleared() throws Exception {
        List<io.obitox.notify.Notification> shown = new CopyOnWriteArrayList<>();
        io.obitox.notify.Notifier recorder = new io.obitox.notify.Notifier() {
            @Override
            public void show(io.obitox.notify.Notification n) {
                shown.add(n);
            }

            @Override
            public String name() {
                return "recorder";
            }
        };
        String missing = "watch-missing-" + (++buckets);
        Path folder = Files.createDirectories(dir.resolve("notified"));
        server.createBucket(missing); // a watch is added only to a bucket that exists ...
        Watch w = add(folder, missing, SETTLE, Watch.AfterUpload.KEEP, List.of());
        s3.deleteBucket(b -> b.bucket(missing)); // ... and deleted later: every listing fails
        try (var notifier = new io.obitox.notify.WatchProblemNotifier(
                        service(), () -> true, recorder, io.obitox.common.Messages.english());
                WatchFolderService.Running r = run(w)) {
            for (int i = 0; i < 8; i++) { // eight files, each planned (and failing) on its own
                Files.writeString(folder.resolve("f" + i + ".txt"), "file " + i);
                Thread.sleep(100);
            }
            await("8 failed", () -> health(w).counters().failed() == 8);
            assertThat(health(w).state()).isEqualTo(WatchState.ERROR);
            assertThat(health(w).reason()).startsWith("Target failing");
            assertThat(shown).singleElement().satisfies(n -> {
                assertThat(n.title()).isEqualTo("Watch folder uploads failing");
                assertThat(n.problem()).isTrue();
            });

            deleteTree(folder); // the folder gone: one notification while it stays gone (checked every second)
            await("gone", () -> shown.size() == 2);
            Thread.sleep(2500);
            assertThat(shown).hasSize(2);
            assertThat(shown.get(1).title()).isEqualTo("Watched folder gone");
            assertThat(shown.get(1).body()).contains(folder.toString()).contains("nothing is deleted");

            Files.createDirectories(folder); // back: cleared; gone again: told again
            await(
                    "watching again",
                    () -> health(w).state() != WatchState.ERROR
                            || !health(w).reason().startsWith("Folder gone"));
            Thread.sleep(1500);
            deleteTree(folder);
            await("gone again", () -> shown.size() == 3);
            Thread.sleep(1500);
        }
        assertThat(shown)
                .extracting(io.obitox.notify.Notification::title)
                .containsExactly("Watch folder uploads failing", "Watched folder gone", "Watched folder gone");
        assertThat(problems).hasSize(3); // the same, as lines for 'watch run'
    }

    @Test
    void filesAddedWhileNoWatchRanAreUploadedAtTheNextStart() throws Exception {
        String bucket = newBucket();
        Path folder = Files.createDirectories(dir.resolve("closed"));
        Watch w = add(folder, bucket, SETTLE, Watch.AfterUpload.KEEP, List.of());
        Files.writeString(folder.resolve("before.txt"), "there before the first start");
        try (WatchFolderService.Running r = run(w)) {
            await("first", () -> health(w).counters().uploaded() == 1);
        }
        Files.createDirectories(folder.resolve("later"));
        Files.writeString(folder.resolve("later/while-closed.txt"), "added while closed");
        Files.writeString(folder.resolve("before.txt"), "changed while closed");
        try (WatchFolderService.Running r = run(w)) {
            await("the two at the next start", () -> health(w).counters().uploaded() == 3);
            Thread.sleep(1000);
        }
        assertThat(keys(bucket)).containsExactly("in/before.txt", "in/later/while-closed.txt");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("in/before.txt"))
                        .asUtf8String())
                .isEqualTo("changed while closed");
        assertThat(health(w).counters().uploaded()).isEqualTo(3);
    }

    @Test
    void aFolderRemovedAndRecreatedIsReportedAndResumedAndNothingIsDeletedOnTheServer() throws Exception {
        String bucket = newBucket();
        Path folder = Files.createDirectories(dir.resolve("drive"));
        Watch w = add(folder, bucket, SETTLE, Watch.AfterUpload.KEEP, List.of());
        Files.writeString(folder.resolve("one.txt"), "one");
        try (WatchFolderService.Running r = run(w)) {
            await("one", () -> health(w).counters().uploaded() == 1);
            deleteTree(folder);
            await("folder gone", () -> health(w).state() == WatchState.ERROR);
            assertThat(health(w).reason()).startsWith("Folder gone");
            assertThat(problems).anyMatch(p -> p.contains("Folder gone"));
            Files.createDirectories(folder.resolve("sub"));
            Files.writeString(folder.resolve("sub/two.txt"), "two");
            await("back and two uploaded", () -> health(w).counters().uploaded() == 2);
            assertThat(health(w).state()).isIn(WatchState.WATCHING, WatchState.SCANNING);
            assertThat(health(w).reason()).isNull();
        }
        assertThat(keys(bucket)).containsExactly("in/one.txt", "in/sub/two.txt");
        assertThat(problems).hasSize(1);
    }

    @Test
    void deleteAfterUploadDeletesOnlyVerifiedUploads() throws Exception {
        String bucket = newBucket();
        Path folder = Files.createDirectories(dir.resolve("outbox"));
        s3.putObject(
                b -> b.bucket(bucket).key("in/same.txt"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("same"));
        Watch w = add(folder, bucket, SETTLE, Watch.AfterUpload.DELETE, List.of());
        Files.writeString(folder.resolve("a.txt"), "a");
        Files.writeString(folder.resolve("b.txt"), "b");
        Files.writeString(folder.resolve("same.txt"), "same"); // identical to the object: skipped, kept
        Files.write(folder.resolve("tool.bin"), elf()); // rejected: kept
        try (WatchFolderService.Running r = run(w)) {
            await("two uploaded, one skipped, one rejected", () -> {
                var c = health(w).counters();
                return c.uploaded() == 2 && c.skipped() == 1 && c.rejected() == 1;
            });
            await("deleted", () -> !Files.exists(folder.resolve("a.txt")) && !Files.exists(folder.resolve("b.txt")));
        }
        assertThat(folder.resolve("same.txt")).exists();
        assertThat(folder.resolve("tool.bin")).exists();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("in/a.txt")).asUtf8String())
                .isEqualTo("a");
        assertThat(keys(bucket)).containsExactly("in/a.txt", "in/b.txt", "in/same.txt");
    }

    @Test
    void moveAfterUploadKeepsTheFileUnderDotUploadedWhichIsNotWatched() throws Exception {
        String bucket = newBucket();
        Path folder = Files.createDirectories(dir.resolve("mover"));
        Watch w = add(folder, bucket, SETTLE, Watch.AfterUpload.MOVE, List.of());
        try (WatchFolderService.Running r = run(w)) {
            Files.createDirectories(folder.resolve("d"));
            Files.writeString(folder.resolve("d/m.txt"), "moved");
            await("moved", () -> Files.exists(folder.resolve(".uploaded/d/m.txt")));
            Thread.sleep(1000);
        }
        assertThat(folder.resolve("d/m.txt")).doesNotExist();
        assertThat(keys(bucket)).containsExactly("in/d/m.txt");
        assertThat(health(w).counters().uploaded()).isEqualTo(1);
    }

    @Test
    void aWatchRunsInOneProcessAtATime() throws Exception {
        String bucket = newBucket();
        Path folder = Files.createDirectories(dir.resolve("owned"));
        Watch w = add(folder, bucket, SETTLE, Watch.AfterUpload.KEEP, List.of());
        // another live process holds it (this test's parent JVM stands in for the window)
        String other = ProcessHandle.current()
                .parent()
                .map(p -> p.pid() + ":"
                        + p.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L))
                .orElseThrow();
        assertThat(new WatchRepository(app.context().database()).claim(w.id(), other))
                .isEmpty();
        assertThatThrownBy(() -> run(w))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("runs in another ObitoX");
        assertThat(service().get(w.id()).health().running()).isTrue();

        // and not twice in one process: the owner column cannot tell two runners of one process apart
        Watch mine =
                add(Files.createDirectories(dir.resolve("mine")), bucket, SETTLE, Watch.AfterUpload.KEEP, List.of());
        try (WatchFolderService.Running r = run(mine)) {
            assertThatThrownBy(() -> run(mine)).hasMessageContaining("already runs in this ObitoX");
            assertThat(service().runAvailable(problems::add).ids()).isEmpty();
        }
        try (WatchFolderService.Running again = run(mine)) {
            assertThat(again.ids()).containsExactly(mine.id());
        }
    }

    private static byte[] elf() {
        byte[] b = new byte[256];
        byte[] head = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        System.arraycopy(head, 0, b, 0, head.length);
        b[16] = 2; // ET_EXEC
        b[18] = 0x3e; // x86-64
        return b;
    }

    private static void deleteTree(Path root) throws Exception {
        try (var files = Files.walk(root)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }
}
