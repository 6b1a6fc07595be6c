package io.obitox.validation;

import static io.obitox.validation.Corpus.utf8;
import static io.obitox.validation.Corpus.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.obitox.testing.TestPaths;
import io.obitox.validation.detect.ContentDetector;
import io.obitox.validation.detect.TypeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchValidatorTest {
    static final FileValidator VALIDATOR = new FileValidator(new ContentDetector(new TypeRegistry()));
    static final ValidationPolicy DEFAULT = ValidationPolicy.ANYTHING_BUT_EXECUTABLES;
    ExecutorService pool;
    Path dir;

    @BeforeEach
    void setUp() {
        pool = Executors.newCachedThreadPool();
        dir = TestPaths.newDir("batch");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private BatchValidator batch(int parallelism) {
        return new BatchValidator(VALIDATOR, pool, parallelism);
    }

    @Test
    void walksDroppedFoldersRecursivelyAndKeepsTheirNamesInTheKeys() {
        Path photos = dir.resolve("photos");
        write(photos, "2024/summer/beach.jpg", Corpus.jpeg());
        write(photos, "2024/cover.png", Corpus.png());
        write(photos, "notes.txt", utf8("hi"));
        Path single = write(dir, "single.pdf", Corpus.pdf());

        BatchResult r = batch(2).validateFiles(new BatchRequest(List.of(photos, single), DEFAULT, "uploads"));

        assertThat(r.invalid()).isEmpty();
        assertThat(r.valid())
                .extracting(ValidationResult::objectKey)
                .containsExactlyInAnyOrder(
                        "uploads/photos/2024/summer/beach.jpg",
                        "uploads/photos/2024/cover.png",
                        "uploads/photos/notes.txt",
                        "uploads/single.pdf");
        assertThat(r.valid())
                .extracting(ValidationResult::relativePath)
                .contains("photos/2024/summer/beach.jpg", "single.pdf");
        assertThat(r.progress().done()).isTrue();
        assertThat(r.progress().found()).isEqualTo(4);
        assertThat(r.progress().validBytes())
                .isEqualTo(Corpus.jpeg().length + Corpus.png().length + 2 + Corpus.pdf().length);
    }

    @Test
    void skipsHiddenAndSystemFilesInsideFoldersUnlessThePolicyIncludesThem() {
        Path project = dir.resolve("project");
        write(project, "readme.txt", utf8("read me"));
        write(project, ".git/config", utf8("[core]"));
        write(project, ".DS_Store", new byte[] {0, 0, 0, 1});
        write(project, "Thumbs.db", new byte[] {1});
        Path dotfile = write(dir, ".env", utf8("KEY=value"));

        BatchResult r = batch(2).validateFiles(List.of(project, dotfile), DEFAULT);
        assertThat(r.valid())
                .extracting(ValidationResult::relativePath)
                .containsExactlyInAnyOrder("project/readme.txt", ".env");
        assertThat(r.skipped())
                .extracting(SkippedPath::relativePath)
                .containsExactlyInAnyOrder("project/.git", "project/.DS_Store", "project/Thumbs.db");
        assertThat(r.progress().skipped()).isEqualTo(3);

        ValidationPolicy withHidden =
                new ValidationPolicy("All", null, 0, List.of(), List.of(), true, true, true, false);
        BatchResult all = batch(2).validateFiles(List.of(project), withHidden);
        assertThat(all.valid())
                .extracting(ValidationResult::relativePath)
                .contains("project/.git/config", "project/.DS_Store", "project/Thumbs.db");
        assertThat(all.skipped()).isEmpty();
    }

    @Test
    void followsLinksButNeverLoops() throws Exception {
        Path root = dir.resolve("root");
        write(root, "a/file.txt", utf8("a"));
        write(root, "b/file.txt", utf8("b"));
        Files.createSymbolicLink(root.resolve("a/up"), root); // loop back to the top
        Files.createSymbolicLink(root.resolve("b/also-a"), root.resolve("a")); // a second way into a
        Files.createSymbolicLink(root.resolve("link.txt"), root.resolve("b/file.txt")); // a link to a file

        BatchResult r = batch(2).validateFiles(List.of(root), DEFAULT);

        assertThat(r.valid())
                .extracting(ValidationResult::relativePath)
                .containsExactlyInAnyOrder("root/a/file.txt", "root/b/file.txt", "root/link.txt");
        assertThat(r.skipped())
                .extracting(SkippedPath::relativePath)
                .containsExactlyInAnyOrder("root/a/up", "root/b/also-a");
    }

    @Test
    void aLinkOutOfTheDroppedFolderIsRejectedUnlessThePolicyFollowsLinks() throws Exception {
        Path secret = write(dir, "elsewhere/.aws/credentials", utf8("[default]\naws_secret_access_key = x\n"));
        Path root = dir.resolve("dropped");
        write(root, "inside.txt", utf8("in"));
        Files.createSymbolicLink(root.resolve("notes.txt"), secret);
        Files.createSymbolicLink(root.resolve("aws"), secret.getParent());
        Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("inside.txt"));

        BatchResult r = batch(2).validateFiles(List.of(root), DEFAULT);

        assertThat(r.valid())
                .extracting(ValidationResult::relativePath)
                .containsExactlyInAnyOrder("dropped/inside.txt", "dropped/alias.txt");
        assertThat(r.invalid())
                .extracting(ValidationResult::relativePath)
                .containsExactlyInAnyOrder("dropped/notes.txt", "dropped/aws");
        assertThat(r.invalid()).allSatisfy(x -> assertThat(x.code()).contains(ValidationCode.LINK_OUTSIDE_FOLDER));
        assertThat(r.invalid().get(0).error().details()).containsKey("target");

        BatchResult followed = batch(2).validateFiles(List.of(root), DEFAULT.withFollowLinks(true));
        assertThat(followed.invalid()).isEmpty();
        assertThat(followed.valid())
                .extracting(ValidationResult::relativePath)
                .contains("dropped/notes.txt", "dropped/aws/credentials");
        // named directly, a link is the user's choice
        assertThat(batch(1).validateFiles(List.of(root.resolve("notes.txt")), DEFAULT)
                        .allValid())
                .isTrue();
    }

    @Test
    void badInputGetsACodeEachAndNothingThrows() throws Exception {
        Path good = write(dir, "good.txt", utf8("fine"));
        Path empty = write(dir, "empty.png", new byte[0]);
        Path fifo = dir.resolve("pipe");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        List<Path> input = List.of(
                good, empty, fifo, Path.of("/dev/null"), dir.resolve("missing.txt"), dir.resolve("x".repeat(300)));

        BatchResult r = batch(3).validateFiles(input, ValidationPolicy.IMAGES);

        assertThat(r.valid()).isEmpty();
        assertThat(r.invalid())
                .extracting(
                        v -> v.path()
                                .getFileName()
                                .toString()
                                .substring(
                                        0,
                                        Math.min(
                                                8,
                                                v.path()
                                                        .getFileName()
                                                        .toString()
                                                        .length())),
                        v -> v.error().code())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("good.txt", ValidationCode.INVALID_EXTENSION),
                        org.assertj.core.groups.Tuple.tuple("empty.pn", ValidationCode.EMPTY_FILE),
                        org.assertj.core.groups.Tuple.tuple("pipe", ValidationCode.NOT_A_FILE),
                        org.assertj.core.groups.Tuple.tuple("null", ValidationCode.NOT_A_FILE),
                        org.assertj.core.groups.Tuple.tuple("missing.", ValidationCode.FILE_NOT_FOUND),
                        org.assertj.core.groups.Tuple.tuple("xxxxxxxx", ValidationCode.NAME_TOO_LONG));
        assertThat(r.invalid()).allSatisfy(v -> assertThat(v.error().message()).isNotBlank());
    }

    @Test
    void twoFilesWithTheSameKeyAreADuplicate() {
        Path d = dir.resolve("docs");
        write(d, "ab.txt", utf8("1"));
        write(d, "a:b.txt", utf8("2"));
        BatchResult r = batch(2).validateFiles(List.of(d), DEFAULT);
        assertThat(r.valid()).hasSize(1);
        assertThat(r.invalid()).singleElement().satisfies(v -> {
            assertThat(v.error().code()).isEqualTo(ValidationCode.DUPLICATE_KEY);
            assertThat(v.objectKey()).isEqualTo("docs/ab.txt");
        });
    }

    @Test
    void aFileDeletedBetweenListingAndCheckIsReportedNotThrown() throws Exception {
        Path d = dir.resolve("many");
        for (int i = 0; i < 1000; i++) {
            write(d, String.format("f%04d.txt", i), utf8("x"));
        }
        CountDownLatch firstSeen = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<ValidationResult> results = Collections.synchronizedList(new ArrayList<>());
        BatchHandle h = batch(1).start(new BatchRequest(List.of(d), DEFAULT), r -> {
            results.add(r);
            if (results.size() == 1) {
                firstSeen.countDown();
                await(release);
            }
        });
        assertThat(firstSeen.await(20, TimeUnit.SECONDS)).isTrue();
        Files.delete(d.resolve("f0100.txt")); // listed, already queued
        Files.delete(d.resolve("f0999.txt")); // listed, not yet queued
        release.countDown();
        BatchProgress done = h.completion().get(60, TimeUnit.SECONDS);

        assertThat(done.checked()).isEqualTo(1000);
        assertThat(done.invalid()).isEqualTo(2);
        assertThat(results)
                .filteredOn(r -> !r.valid())
                .extracting(ValidationResult::relativePath, r -> r.error().code())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("many/f0100.txt", ValidationCode.FILE_NOT_FOUND),
                        org.assertj.core.groups.Tuple.tuple("many/f0999.txt", ValidationCode.FILE_NOT_FOUND));
    }

    @Test
    void streamsThroughABoundedQueueWithoutBlockingTheCaller() throws Exception {
        Path d = dir.resolve("stream");
        for (int i = 0; i < 3000; i++) {
            write(d, "sub" + (i % 10) + "/file" + i + ".txt", utf8("x" + i));
        }
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger delivered = new AtomicInteger();
        long before = System.nanoTime();
        BatchHandle h = batch(2).start(new BatchRequest(List.of(d), DEFAULT), r -> {
            await(release);
            delivered.incrementAndGet();
        });
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before))
                .as("start() returns at once")
                .isLessThan(1000);

        // the listener holds the workers: the walk must stop at the queue's capacity, not list all 3,000 files
        long found = -1;
        for (int i = 0; i < 100 && found != h.progress().found(); i++) {
            found = h.progress().found();
            Thread.sleep(100);
        }
        BatchProgress held = h.progress();
        assertThat(held.pending()).isLessThanOrEqualTo(BatchValidator.QUEUE_CAPACITY + 2 + 1);
        assertThat(held.found()).isLessThan(3000);
        assertThat(held.done()).isFalse();

        release.countDown();
        BatchProgress done = h.completion().get(60, TimeUnit.SECONDS);
        assertThat(done.found()).isEqualTo(3000);
        assertThat(done.checked()).isEqualTo(3000);
        assertThat(done.valid()).isEqualTo(3000);
        assertThat(delivered).hasValue(3000);
        assertThat(done.walkDone()).isTrue();
        assertThat(done.done()).isTrue();
    }

    @Test
    void canBeCancelled() throws Exception {
        Path d = dir.resolve("cancel");
        for (int i = 0; i < 2000; i++) {
            write(d, "f" + i + ".txt", utf8("x"));
        }
        AtomicInteger seen = new AtomicInteger();
        BatchHandle[] handle = new BatchHandle[1];
        CountDownLatch started = new CountDownLatch(1);
        handle[0] = batch(2).start(new BatchRequest(List.of(d), DEFAULT), r -> {
            if (seen.incrementAndGet() == 50) {
                started.countDown();
            }
            sleep(2);
        });
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        handle[0].cancel();
        BatchProgress done = handle[0].completion().get(30, TimeUnit.SECONDS);
        assertThat(done.cancelled()).isTrue();
        assertThat(done.done()).isTrue();
        assertThat(done.checked()).isLessThan(2000);
        int after = seen.get();
        Thread.sleep(300);
        assertThat(seen.get()).as("no results after completion").isEqualTo(after);
    }

    @Test
    void aFailingListenerDoesNotStopTheBatch() throws Exception {
        Path d = dir.resolve("failing");
        for (int i = 0; i < 20; i++) {
            write(d, "f" + i + ".txt", utf8("x"));
        }
        AtomicInteger calls = new AtomicInteger();
        BatchHandle h = batch(2).start(new BatchRequest(List.of(d), DEFAULT), r -> {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug");
        });
        assertThat(h.completion().get(30, TimeUnit.SECONDS).checked()).isEqualTo(20);
        assertThat(calls).hasValue(20);
    }

    @Test
    void anUnreadableFolderIsReportedAndTheRestGoesOn() throws Exception {
        Path d = dir.resolve("mixed");
        write(d, "ok.txt", utf8("fine"));
        Path locked = Files.createDirectories(d.resolve("locked"));
        write(locked, "inside.txt", utf8("hidden from us"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeTrue(!Files.isReadable(locked), "not running as root");
            BatchResult r = batch(2).validateFiles(List.of(d), DEFAULT);
            assertThat(r.valid()).extracting(ValidationResult::relativePath).containsExactly("mixed/ok.txt");
            assertThat(r.invalid()).singleElement().satisfies(v -> {
                assertThat(v.relativePath()).isEqualTo("mixed/locked");
                assertThat(v.error().code()).isEqualTo(ValidationCode.UNREADABLE);
            });
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
