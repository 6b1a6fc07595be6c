package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.FaultProxy.Kind;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Downloads through the transfer queue (issue 18), against S3Proxy through a fault proxy that counts the GETs. */
class DownloadTest {
    private static final String BUCKET = "downloads";
    private S3ProxyServer server;
    private FaultProxy proxy;
    private TestApp app;
    private StorageProfile profile;
    private S3Client s3;

    @BeforeEach
    void setUp() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        proxy = new FaultProxy(server.endpoint());
        app = TestApp.create("download");
        profile = app.addProfile("proxy", server, proxy.endpoint(), BUCKET);
        s3 = server.client();
        TransferEngine engine = app.context().transfers().engine();
        engine.updateSettings(engine.settings().withPartSize(5L << 20).withConcurrency(3));
    }

    @AfterEach
    void tearDown() {
        s3.close();
        app.close();
        proxy.close();
        server.close();
    }

    private byte[] put(String key, int size, long seed, Map<String, String> metadata) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        s3.putObject(b -> b.bucket(BUCKET).key(key).metadata(metadata), RequestBody.fromBytes(data));
        return data;
    }

    private TransferSnapshot download(String key, Path dest, DownloadService.IfExists ifExists) throws Exception {
        DownloadService.Batch batch =
                app.context().downloads().download(TargetRef.profile(profile.id()), BUCKET, key, dest, ifExists);
        TransferService service = app.context().transfers();
        assertThat(service.awaitSettled(batch.transferIds(), Duration.ofSeconds(60)))
                .isTrue();
        return service.snapshot(batch.transferIds().get(0)).orElseThrow();
    }

    private long rangedGets() {
        return proxy.requests().stream()
                .filter(r -> r.method().equals("GET") && r.header("Range") != null)
                .count();
    }

    @Test
    void aLargeObjectComesInRangedPartsAndIsVerifiedByItsMd5Etag() throws Exception {
        byte[] data = put("big/movie.bin", (17 << 20) + 123, 1, Map.of());
        Path dest = app.dir().resolve("out/movie.bin");

        TransferSnapshot s = download("big/movie.bin", dest, DownloadService.IfExists.OVERWRITE);

        assertThat(s.state()).as(s.errorMessage()).isEqualTo(TransferState.COMPLETED);
        assertThat(s.direction()).isEqualTo(TransferDirection.DOWNLOAD);
        assertThat(s.partCount()).isEqualTo(4);
        assertThat(s.verifiedBy()).isEqualTo("size + MD5 = ETag");
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        assertThat(DownloadFiles.partFile(dest)).doesNotExist();
        assertThat(rangedGets()).isEqualTo(4);
        assertThat(proxy.requests().stream().filter(r -> r.method().equals("GET")))
                .allSatisfy(r -> assertThat(r.header("If-Match")).isNotNull());
    }

    @Test
    void aSmallObjectIsOneGetAndItsSha256MetadataIsChecked() throws Exception {
        byte[] data = new byte[1000];
        new Random(2).nextBytes(data);
        byte[] stored = put("signed.txt", 1000, 2, Map.of("sha256", TransferTestFiles.sha256(data)));
        Path folder = Files.createDirectories(app.dir().resolve("out"));

        TransferSnapshot s = download("signed.txt", folder, DownloadService.IfExists.OVERWRITE);

        assertThat(Files.readAllBytes(folder.resolve("signed.txt"))).isEqualTo(stored);
        assertThat(s.state()).as(s.errorMessage()).isEqualTo(TransferState.COMPLETED);
        assertThat(s.verifiedBy()).isEqualTo("size + MD5 = ETag + SHA-256 metadata");
        assertThat(rangedGets()).isZero();
    }

    @Test
    void aWrongSha256MetadataFailsTheDownloadAndLeavesNothingBehind() throws Exception {
        put("bad.txt", 1000, 3, Map.of("sha256", "0".repeat(64)));
        Path dest = app.dir().resolve("out/bad.txt");

        TransferSnapshot s = download("bad.txt", dest, DownloadService.IfExists.OVERWRITE);

        assertThat(s.state()).isEqualTo(TransferState.FAILED);
        assertThat(s.errorCode()).isEqualTo("DOWNLOAD_CORRUPT");
        assertThat(dest).doesNotExist();
        assertThat(DownloadFiles.partFile(dest)).doesNotExist();
    }

    @Test
    void aPartDamagedOnTheWayFailsTheDigestsFedWhileThePartsArrived() throws Exception {
        byte[] data = put("damaged.bin", (12 << 20) + 5, 10, Map.of());
        s3.putObject(
                b -> b.bucket(BUCKET).key("damaged.bin").metadata(Map.of("sha256", TransferTestFiles.sha256(data))),
                RequestBody.fromBytes(data));
        // the last byte of part 2's answer inverted: the ETag and the SHA-256 are the object's, the file is not
        proxy.rewriter((r, raw) -> raw.substring(0, raw.length() - 1) + (char) (raw.charAt(raw.length() - 1) ^ 0xff));
        proxy.rules(r -> "bytes=5242880-10485759".equals(r.header("Range")) ? Kind.REWRITE : Kind.FORWARD);
        Path dest = app.dir().resolve("out/damaged.bin");

        TransferSnapshot s = download("damaged.bin", dest, DownloadService.IfExists.OVERWRITE);

        assertThat(rangedGets()).isEqualTo(3);
        assertThat(s.state()).isEqualTo(TransferState.FAILED);
        assertThat(s.errorCode()).isEqualTo("DOWNLOAD_CORRUPT");
        assertThat(s.errorMessage()).contains("MD5 differs from the object's ETag");
        assertThat(dest).doesNotExist();
        assertThat(DownloadFiles.partFile(dest)).doesNotExist();
    }

    @Test
    void aMultipartDownloadIsProvenByItsSha256FedInOrderAsThePartsArrived() throws Exception {
        byte[] data = new byte[(13 << 20) + 3];
        new Random(11).nextBytes(data);
        s3.putObject(
                b -> b.bucket(BUCKET).key("sha.bin").metadata(Map.of("sha256", TransferTestFiles.sha256(data))),
                RequestBody.fromBytes(data));
        Path dest = app.dir().resolve("out/sha.bin");

        TransferSnapshot s = download("sha.bin", dest, DownloadService.IfExists.OVERWRITE);

        assertThat(s.state()).as(s.errorMessage()).isEqualTo(TransferState.COMPLETED);
        assertThat(rangedGets()).isEqualTo(3);
        assertThat(s.verifiedBy()).isEqualTo("size + MD5 = ETag + SHA-256 metadata");
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
    }

    @Test
    void anObjectReplacedMidDownloadEndsAsTheNewObjectNeverAMix() throws Exception {
        put("swap.bin", 16 << 20, 4, Map.of());
        AtomicInteger gets = new AtomicInteger();
        proxy.rules(r -> r.method().equals("GET") && r.header("Range") != null && gets.incrementAndGet() == 2
                ? Kind.HOLD_RESPONSE
                : Kind.FORWARD);
        TransferEngine engine = app.context().transfers().engine();
        engine.updateSettings(engine.settings().withConcurrency(1));
        Path dest = app.dir().resolve("out/swap.bin");
        DownloadService.Batch batch = app.context()
                .downloads()
                .download(
                        TargetRef.profile(profile.id()), BUCKET, "swap.bin", dest, DownloadService.IfExists.OVERWRITE);
        assertThat(proxy.awaitHeld(30)).isTrue();
        byte[] replaced = put("swap.bin", (16 << 20) + 7, 5, Map.of()); // the held answer is of the old object
        proxy.releaseHeld();
        TransferService service = app.context().transfers();
        assertThat(service.awaitSettled(batch.transferIds(), Duration.ofSeconds(60)))
                .isTrue();

        TransferSnapshot s = service.snapshot(batch.transferIds().get(0)).orElseThrow();
        assertThat(s.state()).as(s.errorMessage()).isEqualTo(TransferState.COMPLETED);
        assertThat(s.notice()).contains("replaced on the server");
        assertThat(s.size()).isEqualTo(replaced.length);
        assertThat(Files.readAllBytes(dest)).isEqualTo(replaced);
    }

    @Test
    void anExistingLocalFileIsKeptRenamedBesideOrSkippedAsChosen() throws Exception {
        byte[] data = put("docs/a.txt", 100, 6, Map.of());
        Path dest = Files.createDirectories(app.dir().resolve("out")).resolve("a.txt");
        Files.writeString(dest, "mine");

        TransferSnapshot kept = download("docs/a.txt", dest.getParent(), DownloadService.IfExists.RENAME);
        assertThat(kept.source()).isEqualTo(dest.resolveSibling("a (1).txt"));
        assertThat(Files.readAllBytes(kept.source())).isEqualTo(data);
        assertThat(Files.readString(dest)).isEqualTo("mine");

        DownloadService.Batch skipped = app.context()
                .downloads()
                .download(TargetRef.profile(profile.id()), BUCKET, "docs/a.txt", dest, DownloadService.IfExists.SKIP);
        assertThat(skipped.transferIds()).isEmpty();
        assertThat(skipped.skipped())
                .singleElement()
                .satisfies(x -> assertThat(x.key()).isEqualTo("docs/a.txt"));
        assertThat(Files.readString(dest)).isEqualTo("mine");

        TransferSnapshot replaced = download("docs/a.txt", dest, DownloadService.IfExists.OVERWRITE);
        assertThat(replaced.state()).isEqualTo(TransferState.COMPLETED);
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
    }

    @Test
    void aPausedDownloadResumesFetchingOnlyTheMissingParts() throws Exception {
        byte[] data = put("pause.bin", 20 << 20, 7, Map.of());
        TransferEngine engine = app.context().transfers().engine();
        engine.updateSettings(engine.settings().withConcurrency(1).withBandwidthLimit(8L << 20));
        Path dest = app.dir().resolve("out/pause.bin");
        TransferService service = app.context().transfers();
        String id = app.context()
                .downloads()
                .download(
                        TargetRef.profile(profile.id()), BUCKET, "pause.bin", dest, DownloadService.IfExists.OVERWRITE)
                .transferIds()
                .get(0);
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (service.snapshot(id).orElseThrow().bytesDone() < (11L << 20) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        service.pause(id);
        assertThat(service.awaitSettled(List.of(id), Duration.ofSeconds(30))).isTrue();
        TransferSnapshot paused = service.snapshot(id).orElseThrow();
        assertThat(paused.state()).isEqualTo(TransferState.PAUSED);
        assertThat(DownloadFiles.partFile(dest)).exists();
        long before = rangedGets();
        long recorded =
                app.context().transfers().engine().snapshot(id).orElseThrow().bytesDone() / (5L << 20);

        engine.setBandwidthLimit(0);
        service.resume(id);
        assertThat(service.awaitSettled(List.of(id), Duration.ofSeconds(60))).isTrue();

        assertThat(service.snapshot(id).orElseThrow().state()).isEqualTo(TransferState.COMPLETED);
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        assertThat(rangedGets() - before).as("only the parts not recorded").isEqualTo(4 - recorded);
    }

    @Test
    void theSameDownloadAgainResumesTheKeptBothOneInsteadOfStartingAThirdCopy() throws Exception {
        byte[] data = put("again.bin", 12 << 20, 9, Map.of());
        Path folder = Files.createDirectories(app.dir().resolve("again"));
        Files.writeString(folder.resolve("again.bin"), "mine");
        TransferEngine engine = app.context().transfers().engine();
        engine.updateSettings(engine.settings().withConcurrency(1).withBandwidthLimit(4L << 20));
        TransferService service = app.context().transfers();
        TargetRef ref = TargetRef.profile(profile.id());
        DownloadService.Batch first =
                app.context().downloads().download(ref, BUCKET, "again.bin", folder, DownloadService.IfExists.RENAME);
        String id = first.transferIds().get(0);
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (service.snapshot(id).orElseThrow().bytesDone() < (6L << 20) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        service.pause(id);
        assertThat(service.awaitSettled(List.of(id), Duration.ofSeconds(30))).isTrue();
        engine.setBandwidthLimit(0);

        DownloadService.Batch again =
                app.context().downloads().download(ref, BUCKET, "again.bin", folder, DownloadService.IfExists.RENAME);

        assertThat(again.transferIds()).containsExactly(id);
        assertThat(again.resumed()).isEqualTo(1);
        assertThat(service.awaitSettled(List.of(id), Duration.ofSeconds(60))).isTrue();
        assertThat(Files.readAllBytes(folder.resolve("again (1).bin"))).isEqualTo(data);
        assertThat(folder.resolve("again (2).bin")).doesNotExist();
        assertThat(Files.readString(folder.resolve("again.bin"))).isEqualTo("mine");
    }

    @Test
    void aDownloadRaisesNoUploadWebhookEvent() throws Exception {
        var hook = app.context().webhooks().add("http://127.0.0.1:9/hook", null);
        io.obitox.testing.TestSecrets.register(hook.secret().reveal());
        put("quiet.txt", 100, 10, Map.of());
        DownloadService.Batch batch = app.context()
                .downloads()
                .download(
                        TargetRef.profile(profile.id()),
                        BUCKET,
                        "quiet.txt",
                        app.dir().resolve("hooks/quiet.txt"),
                        DownloadService.IfExists.OVERWRITE);
        assertThat(app.context().transfers().awaitSettled(batch.transferIds(), Duration.ofSeconds(30)))
                .isTrue();

        assertThat(app.context()
                        .transfers()
                        .snapshot(batch.transferIds().get(0))
                        .orElseThrow()
                        .state())
                .isEqualTo(TransferState.COMPLETED);
        assertThat(app.context().webhooks().forTransfers(batch.transferIds())).isEmpty();
    }

    @Test
    void smallObjectsOfAPrefixAreOneGetEachWithNoHeadAndAreVerifiedAsTheyStreamIn() throws Exception {
        byte[] a = new byte[70_000];
        new Random(11).nextBytes(a);
        put("many/a.bin", 70_000, 11, Map.of("sha256", TransferTestFiles.sha256(a)));
        byte[] b = put("many/sub/b.bin", 1_000, 12, Map.of());
        byte[] empty = put("many/empty.txt", 0, 13, Map.of());
        Path folder = app.dir().resolve("many");
        DownloadService.Batch batch = app.context()
                .downloads()
                .download(TargetRef.profile(profile.id()), BUCKET, "many/", folder, DownloadService.IfExists.OVERWRITE);
        TransferService service = app.context().transfers();
        assertThat(service.awaitSettled(batch.transferIds(), Duration.ofSeconds(60)))
                .isTrue();

        assertThat(batch.transferIds()).hasSize(3);
        for (String id : batch.transferIds()) {
            TransferSnapshot s = service.snapshot(id).orElseThrow();
            assertThat(s.state()).as(s.errorMessage()).isEqualTo(TransferState.COMPLETED);
            assertThat(s.verifiedBy()).startsWith("size + MD5 = ETag");
        }
        assertThat(Files.readAllBytes(folder.resolve("a.bin"))).isEqualTo(a);
        assertThat(Files.readAllBytes(folder.resolve("sub/b.bin"))).isEqualTo(b);
        assertThat(Files.readAllBytes(folder.resolve("empty.txt"))).isEqualTo(empty);
        assertThat(service.snapshot(batch.transferIds().get(0)).orElseThrow().verifiedBy())
                .isEqualTo("size + MD5 = ETag + SHA-256 metadata");
        assertThat(proxy.requests()).noneMatch(r -> r.method().equals("HEAD"));
        assertThat(proxy.requests().stream()
                        .filter(r -> r.method().equals("GET") && r.target().contains("/many/")))
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.header("If-Match")).isNotNull());
    }

    @Test
    void aSmallObjectReplacedAfterItWasListedIsFetchedAsTheNewObject() throws Exception {
        put("listed/one.txt", 500, 14, Map.of());
        AtomicInteger gets = new AtomicInteger();
        proxy.rules(r -> r.method().equals("GET") && r.target().contains("one.txt") && gets.incrementAndGet() == 1
                ? Kind.HOLD_REQUEST
                : Kind.FORWARD);
        Path folder = app.dir().resolve("listed");
        DownloadService.Batch batch = app.context()
                .downloads()
                .download(
                        TargetRef.profile(profile.id()), BUCKET, "listed/", folder, DownloadService.IfExists.OVERWRITE);
        assertThat(proxy.awaitHeld(30)).isTrue();
        byte[] replaced = put("listed/one.txt", 777, 15, Map.of()); // the held GET asks If-Match the listed ETag
        proxy.releaseHeld();
        TransferService service = app.context().transfers();
        assertThat(service.awaitSettled(batch.transferIds(), Duration.ofSeconds(60)))
                .isTrue();

        TransferSnapshot s = service.snapshot(batch.transferIds().get(0)).orElseThrow();
        assertThat(s.state()).as(s.errorMessage()).isEqualTo(TransferState.COMPLETED);
        assertThat(s.notice()).contains("replaced on the server");
        assertThat(s.size()).isEqualTo(777);
        assertThat(Files.readAllBytes(folder.resolve("one.txt"))).isEqualTo(replaced);
        assertThat(proxy.requests().stream().filter(r -> r.method().equals("HEAD")))
                .as("a HEAD only once the GET said the object changed")
                .hasSize(1);
    }

    private byte[] putInParts(String key, byte[] data, int... sizes) {
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        List<software.amazon.awssdk.services.s3.model.CompletedPart> parts = new java.util.ArrayList<>();
        int offset = 0;
        for (int n = 1; n <= sizes.length; n++) {
            int number = n;
            byte[] body = java.util.Arrays.copyOfRange(data, offset, offset + sizes[n - 1]);
            String etag = s3.uploadPart(
                            b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(number), RequestBody.fromBytes(body))
                    .eTag();
            parts.add(software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                    .partNumber(n)
                    .eTag(etag)
                    .build());
            offset += sizes[n - 1];
        }
        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
        return java.util.Arrays.copyOf(data, offset);
    }

    @Test
    void aMultipartObjectOnAServerWithoutPartLayoutsIsProvenWithTheUsualPartSizesElseBySizeOnly() throws Exception {
        byte[] data = new byte[12 << 20];
        new Random(16).nextBytes(data);
        byte[] even = putInParts("mp.bin", data, 5 << 20, 4321);
        byte[] uneven = putInParts("uneven.bin", data, 5 << 20, 6 << 20, 1 << 20);

        TransferSnapshot s = download("mp.bin", app.dir().resolve("out/mp.bin"), DownloadService.IfExists.OVERWRITE);
        TransferSnapshot u =
                download("uneven.bin", app.dir().resolve("out/uneven.bin"), DownloadService.IfExists.OVERWRITE);

        assertThat(s.state()).as(s.errorMessage()).isEqualTo(TransferState.COMPLETED);
        assertThat(Files.readAllBytes(app.dir().resolve("out/mp.bin"))).isEqualTo(even);
        assertThat(s.etag()).endsWith("-2");
        assertThat(s.verifiedBy()).isEqualTo("size + MD5 of 2 parts = ETag (5 MiB parts)");
        assertThat(u.state()).as(u.errorMessage()).isEqualTo(TransferState.COMPLETED);
        assertThat(Files.readAllBytes(app.dir().resolve("out/uneven.bin"))).isEqualTo(uneven);
        assertThat(u.etag()).endsWith("-3");
        assertThat(u.verifiedBy()).startsWith("size only (the server did not give the object's part layout");
    }
}
