package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.storage.StorageClients;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.FaultProxy.Kind;
import io.obitox.testing.FaultProxy.Request;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Pause and cancel take effect at once even while a request hangs: a part (or a single PUT) the server stopped
 * reading, a range GET it never answers, or one whose answer stopped half way. The stall limit and the read timeout
 * are a minute here, so a transfer that waited for them (as before: the stop was a flag the blocked thread never got
 * to look at) could not settle within {@link #PROMPT}. The stopped request is never recorded as done: resuming sends
 * it again and the result is intact.
 */
class PromptStopTest {
    private static final String BUCKET = "prompt";
    private static final long PART = 5L << 20;
    /** The stall limit and the read timeout: far beyond {@link #PROMPT}, so waiting for them fails the test. */
    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** How soon a stop must settle: generous for a loaded 2-core machine, a twelfth of {@link #LIMIT}. */
    private static final Duration PROMPT = Duration.ofSeconds(5);

    private static final Duration WAIT = Duration.ofSeconds(90);

    private S3ProxyServer server;
    private FaultProxy proxy;
    private TestApp app;
    private StorageProfile profile;
    private TransferService service;

    @BeforeEach
    void setUp() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        // a small receive window: a body the proxy swallows blocks the client's write after a few KiB
        proxy = new FaultProxy(server.endpoint(), 64 * 1024);
        app = TestApp.create("prompt-stop", new StorageClients.Timeouts(Duration.ofSeconds(2), LIMIT, LIMIT, LIMIT));
        profile = app.addProfile("prompt", server, proxy.endpoint(), BUCKET);
        service = app.context().transfers();
        TransferEngine engine = service.engine();
        TransferTestFiles.faultTestSettings(engine, PART, 4, Duration.ofMillis(200));
    }

    @AfterEach
    void tearDown() {
        app.close();
        proxy.close();
        server.close();
    }

    @Test
    void aPausedUploadWhosePartTheServerStoppedReadingSettlesAtOnceAndResumesIntact() throws Exception {
        proxy.rules(r -> r.isPart() && r.partNumber() == 3 ? Kind.BLACK_HOLE_AFTER_CONTINUE : Kind.FORWARD);
        Path file = TransferTestFiles.random(app.dir().resolve("src"), "big.bin", 2 * PART + (2 << 20) + 7, 1);
        String id = upload(file);
        awaitStuck(r -> r.isPart() && r.partNumber() == 3);

        Duration took = stop(id, () -> service.pause(id));

        TransferSnapshot paused = service.snapshot(id).orElseThrow();
        assertThat(paused.state()).as(paused.errorMessage()).isEqualTo(TransferState.PAUSED);
        assertThat(took).as("paused without waiting for the stall limit").isLessThan(PROMPT);
        assertThat(paused.bytesDone() % PART)
                .as("part 3 (2 MiB + 7 bytes) is not recorded, only whole 5 MiB parts are")
                .isZero();
        assertThat(count(r -> r.isPart() && r.partNumber() == 3))
                .as("the stopped part was not retried")
                .isEqualTo(1);

        proxy.rules(r -> Kind.FORWARD);
        service.resume(id);
        assertThat(service.awaitSettled(List.of(id), WAIT)).isTrue();

        TransferSnapshot s = service.snapshot(id).orElseThrow();
        assertThat(s.state()).as(s.errorMessage()).isEqualTo(TransferState.COMPLETED);
        assertThat(count(r -> r.isPart() && r.partNumber() == 3))
                .as("the resume sent part 3 again")
                .isEqualTo(2);
        assertThat(count(Request::isCreateMultipart))
                .as("resumed, not started again")
                .isEqualTo(1);
        assertIntact("big.bin", Files.readAllBytes(file));
    }

    @Test
    void aCancelledUploadWhosePartTheServerStoppedReadingSettlesAtOnceAndLeavesNothing() throws Exception {
        proxy.rules(r -> r.isPart() && r.partNumber() == 2 ? Kind.BLACK_HOLE_AFTER_CONTINUE : Kind.FORWARD);
        Path file = TransferTestFiles.random(app.dir().resolve("src"), "gone.bin", 3 * PART, 2);
        String id = upload(file);
        awaitStuck(r -> r.isPart() && r.partNumber() == 2);

        Duration took = stop(id, () -> service.cancel(id));

        TransferSnapshot s = service.snapshot(id).orElseThrow();
        assertThat(s.state()).as(s.errorMessage()).isEqualTo(TransferState.CANCELLED);
        assertThat(took).as("cancelled without waiting for the stall limit").isLessThan(PROMPT);
        try (S3Client s3 = server.client()) {
            assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads())
                    .as("the multipart upload was aborted")
                    .isEmpty();
            assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents()).isEmpty();
        }
    }

    @Test
    void aPausedSinglePutTheServerStoppedReadingSettlesAtOnceAndResumesIntact() throws Exception {
        proxy.rules(
                r -> r.method().equals("PUT") && r.target().contains("single.bin") ? Kind.BLACK_HOLE : Kind.FORWARD);
        Path file = TransferTestFiles.random(app.dir().resolve("src"), "single.bin", 3L << 20, 3);
        String id = upload(file);
        awaitStuck(r -> r.method().equals("PUT") && r.target().contains("single.bin"));

        Duration took = stop(id, () -> service.pause(id));

        TransferSnapshot paused = service.snapshot(id).orElseThrow();
        assertThat(paused.state()).as(paused.errorMessage()).isEqualTo(TransferState.PAUSED);
        assertThat(took).as("paused without waiting for the stall limit").isLessThan(PROMPT);
        assertThat(paused.bytesDone()).isZero();

        proxy.rules(r -> Kind.FORWARD);
        service.resume(id);
        assertThat(service.awaitSettled(List.of(id), WAIT)).isTrue();

        TransferSnapshot s = service.snapshot(id).orElseThrow();
        assertThat(s.state()).as(s.errorMessage()).isEqualTo(TransferState.COMPLETED);
        assertIntact("single.bin", Files.readAllBytes(file));
    }

    /**
     * A download's third range: never answered ({@link Kind#BLACK_HOLE}), or answered half way and then silent
     * ({@link Kind#BLACK_HOLE_MID_RESPONSE}: the part thread blocks reading the answer's body).
     */
    @ParameterizedTest
    @EnumSource(
            value = Kind.class,
            names = {"BLACK_HOLE", "BLACK_HOLE_MID_RESPONSE"})
    void aPausedDownloadWhoseRangeStalledSettlesAtOnceAndResumesIntact(Kind stall) throws Exception {
        Predicate<Request> third = r -> r.method().equals("GET")
                && r.header("Range") != null
                && r.header("Range").startsWith("bytes=" + 2 * PART + "-");
        TransferSnapshot paused = pauseAndResumeDownload("ranges.bin", 2 * PART + (2 << 20) + 7, third, stall);

        assertThat(paused.bytesDone() % PART)
                .as("the third range (2 MiB + 7 bytes) is not recorded, only whole 5 MiB parts are")
                .isZero();
    }

    /** A download of one GET (on the transfer's coordinator thread) whose answer stopped half way. */
    @Test
    void aPausedOneGetDownloadWhoseAnswerStalledSettlesAtOnceAndResumesIntact() throws Exception {
        Predicate<Request> get = r -> r.method().equals("GET") && r.target().contains("whole.bin");
        TransferSnapshot paused = pauseAndResumeDownload("whole.bin", 3 << 20, get, Kind.BLACK_HOLE_MID_RESPONSE);

        assertThat(paused.bytesDone()).isZero();
    }

    /**
     * Downloads {@code key} ({@code size} random bytes) while the GET {@code stalled} describes stalls as {@code
     * stall} says, pauses, checks the pause was prompt and the GET not retried, resumes and checks the file; returns
     * the paused snapshot.
     */
    private TransferSnapshot pauseAndResumeDownload(String key, long size, Predicate<Request> stalled, Kind stall)
            throws Exception {
        byte[] data = new byte[(int) size];
        new Random(size).nextBytes(data);
        try (S3Client s3 = server.client()) {
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
        }
        proxy.rules(r -> stalled.test(r) ? stall : Kind.FORWARD);
        Path dest = app.dir().resolve("out").resolve(key);
        String id = app.context()
                .downloads()
                .download(TargetRef.profile(profile.id()), BUCKET, key, dest, DownloadService.IfExists.OVERWRITE)
                .transferIds()
                .get(0);
        awaitStuck(stalled);

        Duration took = stop(id, () -> service.pause(id));

        TransferSnapshot paused = service.snapshot(id).orElseThrow();
        assertThat(paused.state()).as(paused.errorMessage()).isEqualTo(TransferState.PAUSED);
        assertThat(took).as("paused without waiting for the read timeout").isLessThan(PROMPT);
        assertThat(count(stalled)).as("the stalled GET was not retried").isEqualTo(1);

        proxy.rules(r -> Kind.FORWARD);
        service.resume(id);
        assertThat(service.awaitSettled(List.of(id), WAIT)).isTrue();

        TransferSnapshot s = service.snapshot(id).orElseThrow();
        assertThat(s.state()).as(s.errorMessage()).isEqualTo(TransferState.COMPLETED);
        assertThat(count(stalled)).as("the resume sent the GET again").isEqualTo(2);
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        return paused;
    }

    private String upload(Path file) {
        return service.enqueue(List.of(new UploadRequest(
                        file,
                        TargetRef.profile(profile.id()),
                        BUCKET,
                        file.getFileName().toString(),
                        null)))
                .transferIds()
                .get(0);
    }

    /**
     * Waits until the proxy has seen a request {@code which} describes, then a second more: by then the request is
     * stuck (its body no longer fits the socket buffers, or all of it is sent and no answer comes; the half answer is
     * read), so the body's own stop check, which runs on every read of the body, cannot end it.
     */
    private void awaitStuck(Predicate<Request> which) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (count(which) == 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(count(which)).as("the request to stall was sent").isPositive();
        Thread.sleep(1_000);
    }

    private long count(Predicate<Request> which) {
        return proxy.requests().stream().filter(which).count();
    }

    /** Runs {@code stop} and returns how long the transfer then took to settle (at most {@link #WAIT}). */
    private Duration stop(String id, Runnable stop) throws InterruptedException {
        long started = System.nanoTime();
        stop.run();
        assertThat(service.awaitSettled(List.of(id), WAIT)).isTrue();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void assertIntact(String key, byte[] expected) {
        try (S3Client s3 = server.client()) {
            byte[] stored = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
            assertThat(stored).isEqualTo(expected);
        }
    }
}
