package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.testing.ChildProcess;
import io.obitox.testing.CliRun;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestPaths;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The issue-18 acceptance at full size on Ceph RGW: {@code obitox download} of a 1 GiB object, run as a child JVM and
 * killed with SIGKILL at five points spread over the transfer (chosen by the bytes the server has answered, counted by
 * a {@link CountingProxy}), resumed each time by the same command: the file is byte-identical (SHA-256), and each
 * resume fetches again at most the parts that were in flight at the kill ({@value #CONCURRENCY} × 16 MiB). Then an
 * object replaced on the server mid-download, within one run and across a kill: the result is the new object, never a
 * mix.
 */
@Tag("e2e")
class BigDownloadKillOnRgwTest {
    private static final long SIZE = 1L << 30;
    private static final long PART = 16L << 20;
    private static final int CONCURRENCY = 4;
    private static final int KILLS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Rgw rgw;
    private static CountingProxy proxy;
    private static Path dir;
    private static String bucket;
    private static String bigSha;
    private static Map<String, String> env;
    private static List<String> jvmOptions;

    @BeforeAll
    static void setUp() throws Exception {
        CliRun.awsFiles();
        rgw = Rgw.require();
        proxy = new CountingProxy(rgw.endpoint());
        dir = TestPaths.newDir("e2e-big-download");
        bucket = Rgw.uniqueBucket("bigdl");
        rgw.createBucket(bucket);
        bigSha = sha256Of(SIZE, 1);
        try (S3Client s3 = rgw.client()) {
            putGenerated(s3, "big.bin", SIZE, 1, bigSha);
        }
        Path credentials = dir.resolve("aws/credentials");
        Files.createDirectories(credentials.getParent());
        Files.writeString(
                credentials,
                "[rgw]\naws_access_key_id = " + rgw.accessKey() + "\naws_secret_access_key = " + rgw.secretKey()
                        + "\n");
        env = Map.of(
                "AWS_SHARED_CREDENTIALS_FILE", credentials.toString(),
                "AWS_CONFIG_FILE", dir.resolve("aws/config").toString(),
                "AWS_REGION", "us-east-1");
        // As ResumeAfterKillTest: a class-data-sharing archive made once makes each killed JVM start faster.
        Path archive = dir.resolve("cds.jsa");
        Process p = ChildProcess.start(
                dir,
                "cds",
                Map.of(),
                List.of(),
                List.of("-XX:ArchiveClassesAtExit=" + archive),
                List.of("--home", dir.resolve("cds-home").toString(), "transfers", "list"),
                ChildProcess.classpath());
        p.waitFor(120, TimeUnit.SECONDS);
        jvmOptions = Files.exists(archive) ? List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto") : List.of();
    }

    @AfterAll
    static void tearDown() {
        if (proxy != null) {
            proxy.close();
        }
        if (bucket != null) {
            rgw.deleteBucket(bucket);
        }
    }

    @Test
    void aGibKilledFiveTimesResumesEachTimeAndArrivesIntact() throws Exception {
        Path home = dir.resolve("kill/home");
        Path dest = dir.resolve("kill/got/big.bin");
        Path partFile = dest.resolveSibling("big.bin.obitox-part");
        List<String> args = args(home, "big.bin", dest, "--part-size", "16M", "--concurrency", "" + CONCURRENCY);
        List<Integer> runStarts = new ArrayList<>();
        List<Long> killedAt = new ArrayList<>(); // MiB answered in all when each kill was sent
        long started = System.nanoTime();
        for (int kill = 1; kill <= KILLS; kill++) {
            runStarts.add(proxy.exchanges().size());
            // the k-th kill once the server has answered k sixths of the object (counting what was fetched again)
            long at = kill * (SIZE / (KILLS + 1));
            Process run = ChildProcess.start(
                    dir.resolve("kill"), "run-" + kill, env, List.of(), jvmOptions, args, ChildProcess.classpath());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (proxy.bodyBytes() < at) {
                assertThat(run.isAlive())
                        .as("run %d ended before its kill point (exit %s); see %s", kill, exitOf(run), dir)
                        .isTrue();
                assertThat(System.nanoTime())
                        .as("run %d reached its kill point", kill)
                        .isLessThan(deadline);
                Thread.sleep(5);
            }
            run.destroyForcibly(); // SIGKILL
            killedAt.add(proxy.bodyBytes() >> 20);
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // the database as the kill left it, kept for a failure's diagnosis (the final run deletes the part rows)
            copyTree(home.resolve("db"), dir.resolve("kill/db-after-kill-" + kill));
            assertThat(dest).as("nothing in place after kill %d", kill).doesNotExist();
            assertThat(partFile).as("the part file stays for the resume").exists();
        }
        runStarts.add(proxy.exchanges().size());
        List<String> last = new ArrayList<>(args);
        last.add("--json");
        Process run = ChildProcess.start(
                dir.resolve("kill"), "run-final", env, List.of(), jvmOptions, last, ChildProcess.classpath());
        assertThat(run.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as("see %s", dir).isZero();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        JsonNode row = JSON.readTree(dir.resolve("kill/run-final.out").toFile())
                .get("transfers")
                .get(0);
        assertThat(row.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(row.get("verifiedBy").asText()).contains("SHA-256 metadata");
        assertThat(Files.size(dest)).isEqualTo(SIZE);
        assertThat(sha256(dest)).isEqualTo(bigSha);
        assertThat(partFile).doesNotExist();

        List<CountingProxy.Exchange> all = proxy.exchanges();
        runStarts.add(all.size());
        Set<String> fetchedBefore = new HashSet<>();
        long total = 0;
        List<String> figures = new ArrayList<>();
        StringBuilder parts = new StringBuilder("killed at (MiB answered): " + killedAt + "; parts asked per run:");
        for (int r = 0; r < runStarts.size() - 1; r++) {
            parts.append("\n  run ").append(r + 1).append(':');
            for (CountingProxy.Exchange x : all.subList(runStarts.get(r), runStarts.get(r + 1))) {
                if (x.range() != null) {
                    long from = Long.parseLong(x.range().replaceAll("bytes=(\\d+)-.*", "$1"));
                    parts.append(' ')
                            .append(from / PART + 1)
                            .append('(')
                            .append(x.bytes().get() >> 20)
                            .append(')');
                }
            }
        }
        for (int r = 0; r < runStarts.size() - 1; r++) {
            List<CountingProxy.Exchange> ofRun = all.subList(runStarts.get(r), runStarts.get(r + 1));
            long again = 0;
            int partsAgain = 0;
            long bytes = 0;
            Set<String> ranges = new HashSet<>();
            for (CountingProxy.Exchange x : ofRun) {
                if (!x.method().equals("GET")) {
                    continue;
                }
                assertThat(x.range())
                        .as("every GET of a multipart download is ranged")
                        .isNotNull();
                bytes += x.bytes().get();
                ranges.add(x.range());
                if (fetchedBefore.contains(x.range())) {
                    again += x.bytes().get();
                    partsAgain++;
                }
            }
            if (r > 0) {
                assertThat(again)
                        .as(
                                "bytes fetched again by resume %d: at most the %d parts in flight at the kill; %s",
                                r, CONCURRENCY, parts)
                        .isLessThanOrEqualTo(CONCURRENCY * PART);
                figures.add("resume " + r + ": " + partsAgain + " parts / " + (again >> 20) + " MiB again");
            }
            fetchedBefore.addAll(ranges);
            total += bytes;
        }
        assertThat(fetchedBefore).as("64 parts of 16 MiB, each asked for").hasSize((int) (SIZE / PART));
        assertThat(total - SIZE)
                .as("bytes fetched beyond the object over five kills")
                .isLessThanOrEqualTo(KILLS * CONCURRENCY * PART);
        System.out.printf(
                "1 GiB, %d kills: %d MiB fetched in all (%d MiB beyond the object), %s; %d s%n",
                KILLS, total >> 20, (total - SIZE) >> 20, String.join(", ", figures), seconds);
        System.out.println(parts);
    }

    @Test
    void anObjectReplacedMidDownloadEndsAsTheNewObjectWithinARunAndAcrossAKill() throws Exception {
        long size = 40L << 20;
        try (S3Client s3 = rgw.client()) {
            putGenerated(s3, "swap.bin", size, 100, null);

            // within one run: every answer stops once 12 MiB have passed; the object is replaced meanwhile
            Path dest = dir.resolve("swap/one/swap.bin");
            List<String> args = args(dir.resolve("swap/home-one"), "swap.bin", dest, "--part-size", "8M");
            args.addAll(List.of("--concurrency", "2", "--json"));
            proxy.freezeAt(proxy.bodyBytes() + (12L << 20));
            Process run = ChildProcess.start(
                    dir.resolve("swap"), "within", env, List.of(), jvmOptions, args, ChildProcess.classpath());
            assertThat(proxy.awaitFrozen(120))
                    .as("the download reached 12 MiB; see %s", dir)
                    .isTrue();
            putGenerated(s3, "swap.bin", size, 101, null);
            proxy.thaw();
            assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as("see %s", dir).isZero();
            JsonNode row = JSON.readTree(dir.resolve("swap/within.out").toFile())
                    .get("transfers")
                    .get(0);
            assertThat(row.get("notice").asText()).contains("replaced on the server during the download");
            assertThat(sha256(dest)).as("the new object, not a mix").isEqualTo(sha256Of(size, 101));

            // across a kill: killed at 12 MiB, the object replaced, the same command again
            Path dest2 = dir.resolve("swap/two/swap.bin");
            List<String> args2 = args(dir.resolve("swap/home-two"), "swap.bin", dest2, "--part-size", "8M");
            args2.addAll(List.of("--concurrency", "2", "--json"));
            long at = proxy.bodyBytes() + (12L << 20);
            Process killed = ChildProcess.start(
                    dir.resolve("swap"), "killed", env, List.of(), jvmOptions, args2, ChildProcess.classpath());
            while (proxy.bodyBytes() < at) {
                assertThat(killed.isAlive()).as("see %s", dir).isTrue();
                Thread.sleep(5);
            }
            killed.destroyForcibly();
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            putGenerated(s3, "swap.bin", size, 102, null);
            Process resumed = ChildProcess.start(
                    dir.resolve("swap"), "resumed", env, List.of(), jvmOptions, args2, ChildProcess.classpath());
            assertThat(resumed.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(resumed.exitValue()).as("see %s", dir).isZero();
            JsonNode row2 = JSON.readTree(dir.resolve("swap/resumed.out").toFile())
                    .get("transfers")
                    .get(0);
            assertThat(row2.get("notice").asText()).contains("changed on the server");
            assertThat(sha256(dest2)).as("the new object, not a mix").isEqualTo(sha256Of(size, 102));
        } finally {
            proxy.thaw();
        }
    }

    private static List<String> args(Path home, String key, Path dest, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--home",
                home.toString(),
                "download",
                bucket + "/" + key,
                dest.toString(),
                "--endpoint-url",
                proxy.endpoint().toString(),
                "--profile",
                "rgw",
                "-q"));
        args.addAll(List.of(more));
        return args;
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
    }

    private static String exitOf(Process p) {
        return p.isAlive() ? "none" : Integer.toString(p.exitValue());
    }

    /** Part {@code n} of a generated object: 16 MiB (or less at the end) from a generator seeded by seed and n. */
    private static byte[] generated(long size, long seed, int n) {
        int length = (int) Math.min(PART, size - (n - 1) * PART);
        byte[] b = new byte[length];
        ByteBuffer bb = ByteBuffer.wrap(b);
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + n);
        while (bb.remaining() >= 8) {
            bb.putLong(random.nextLong());
        }
        while (bb.hasRemaining()) {
            bb.put((byte) random.nextInt());
        }
        return b;
    }

    private static String sha256Of(long size, long seed) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        for (int n = 1; (n - 1) * PART < size; n++) {
            d.update(generated(size, seed, n));
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /** A multipart upload of the generated object with the SDK (three parts at a time), its SHA-256 as metadata. */
    private static void putGenerated(S3Client s3, String key, long size, long seed, String sha) throws Exception {
        String id = s3.createMultipartUpload(
                        b -> b.bucket(bucket).key(key).metadata(sha == null ? Map.of() : Map.of("sha256", sha)))
                .uploadId();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Semaphore buffered = new Semaphore(4);
        try {
            List<Future<CompletedPart>> parts = new ArrayList<>();
            for (int n = 1; (n - 1) * PART < size; n++) {
                int part = n;
                buffered.acquire();
                byte[] body = generated(size, seed, n);
                parts.add(pool.submit(() -> {
                    try {
                        String etag = s3.uploadPart(
                                        b -> b.bucket(bucket)
                                                .key(key)
                                                .uploadId(id)
                                                .partNumber(part),
                                        RequestBody.fromBytes(body))
                                .eTag();
                        return CompletedPart.builder()
                                .partNumber(part)
                                .eTag(etag)
                                .build();
                    } finally {
                        buffered.release();
                    }
                }));
            }
            List<CompletedPart> done = new ArrayList<>();
            for (Future<CompletedPart> f : parts) {
                done.add(f.get());
            }
            s3.completeMultipartUpload(
                    b -> b.bucket(bucket).key(key).uploadId(id).multipartUpload(m -> m.parts(done)));
        } finally {
            pool.shutdownNow();
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = new byte[1 << 20];
            for (int n; (n = in.read(b)) > 0; ) {
                d.update(b, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
