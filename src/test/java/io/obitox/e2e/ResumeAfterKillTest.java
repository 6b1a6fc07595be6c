package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.ChildProcess;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.FaultProxy.Kind;
import io.obitox.testing.FaultProxy.Request;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * kill -9 of the uploading CLI at exact points (held by a proxy in front of RGW), then a restart that resumes: the
 * object equals the source byte for byte, at most the parts in flight at the kill are sent again, and no incomplete
 * upload is left in the bucket.
 */
@Tag("e2e")
class ResumeAfterKillTest {
    private static final String BUCKET = "obitox-e2e-kill";
    private static final long PART = 5L << 20;
    private static Rgw rgw;
    private static S3Client s3;
    private static FaultProxy proxy;
    private static Path dir;
    private static Path bigFile;
    private static Path smallFile;

    @BeforeAll
    static void setUp() throws Exception {
        rgw = Rgw.require();
        s3 = rgw.client();
        try {
            s3.createBucket(b -> b.bucket(BUCKET));
        } catch (RuntimeException alreadyThere) {
            // reused between runs
        }
        proxy = new FaultProxy(rgw.endpoint());
        dir = TestPaths.newDir("kill");
        bigFile = random(dir.resolve("big.bin"), 22L << 20, 7);
        smallFile = random(dir.resolve("small.bin"), 1L << 20, 8);
    }

    @AfterAll
    static void tearDown() {
        proxy.close();
        s3.close();
    }

    static Stream<Arguments> killPoints() {
        return Stream.of(
                point(
                        "before the multipart upload is created",
                        2,
                        false,
                        Request::isCreateMultipart,
                        Kind.HOLD_REQUEST),
                point("before the first part", 2, false, r -> r.partNumber() == 1, Kind.HOLD_REQUEST),
                point("in the middle of the first part", 2, false, r -> r.partNumber() == 1, Kind.HOLD_MID_BODY),
                point("in the middle of part 4", 1, false, r -> r.partNumber() == 4, Kind.HOLD_MID_BODY),
                point("between parts 2 and 3", 1, false, r -> r.partNumber() == 3, Kind.HOLD_REQUEST),
                point(
                        "after part 2 reached the server, before its answer",
                        1,
                        false,
                        r -> r.partNumber() == 2,
                        Kind.HOLD_RESPONSE),
                point("with three parts in flight", 3, false, r -> r.partNumber() == 3, Kind.HOLD_MID_BODY),
                point("in the middle of the last part", 2, false, r -> r.partNumber() == 5, Kind.HOLD_MID_BODY),
                point("before Complete reaches the server", 2, false, Request::isComplete, Kind.HOLD_REQUEST),
                point("after Complete, before its answer", 2, false, Request::isComplete, Kind.HOLD_RESPONSE),
                point("during the verifying HEAD", 2, false, r -> r.method().equals("HEAD"), Kind.HOLD_RESPONSE),
                point(
                        "in the middle of a single PUT",
                        2,
                        true,
                        r -> r.method().equals("PUT") && !r.isPart(),
                        Kind.HOLD_MID_BODY));
    }

    private static Arguments point(
            String name, int concurrency, boolean small, Function<Request, Boolean> when, Kind kind) {
        return Arguments.of(
                name, concurrency, small, (Function<Request, Kind>) r -> when.apply(r) ? kind : Kind.FORWARD);
    }

    @ParameterizedTest(name = "kill -9 {0}")
    @MethodSource("killPoints")
    void resumesAfterKillAndTheObjectIsIntact(String name, int concurrency, boolean small, Function<Request, Kind> rule)
            throws Exception {
        Path file = small ? smallFile : bigFile;
        String slug = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String key = "kill/" + slug + "/" + file.getFileName();
        Path home = dir.resolve("home-" + slug);
        Map<String, String> env = Map.of(
                "AWS_ACCESS_KEY_ID",
                rgw.accessKey(),
                "AWS_SECRET_ACCESS_KEY",
                rgw.secretKey(),
                "AWS_REGION",
                "us-east-1",
                "AWS_SHARED_CREDENTIALS_FILE",
                dir.resolve("none").toString(),
                "AWS_CONFIG_FILE",
                dir.resolve("none").toString());
        proxy.rules(rule);
        long before = proxy.bodyBytesForwarded();
        Process upload = ChildProcess.start(
                home,
                "upload",
                env,
                List.of(
                        "--home",
                        home.toString(),
                        "upload",
                        file.toString(),
                        "--bucket",
                        BUCKET,
                        "--prefix",
                        "kill/" + slug + "/",
                        "--endpoint-url",
                        proxy.endpoint().toString(),
                        "--part-size",
                        "5M",
                        "--concurrency",
                        Integer.toString(concurrency),
                        "-q"));
        assertThat(proxy.awaitHeld(90)).as("the upload reached the kill point").isTrue();
        upload.destroyForcibly();
        assertThat(upload.waitFor(30, TimeUnit.SECONDS)).isTrue();
        proxy.rules(r -> Kind.FORWARD);
        proxy.releaseHeld();

        Process resume = ChildProcess.start(
                home, "resume", env, List.of("--home", home.toString(), "transfers", "resume", "--all", "--json"));
        assertThat(resume.waitFor(180, TimeUnit.SECONDS)).as("resume finished").isTrue();
        assertThat(resume.exitValue()).as("resume exit status; see " + home).isZero();

        byte[] stored = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        assertThat(sha256(stored)).isEqualTo(sha256(Files.readAllBytes(file)));
        assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix("kill/" + slug + "/"))
                        .uploads())
                .isEmpty();
        long resent = proxy.bodyBytesForwarded() - before - Files.size(file);
        long inFlightBound = small ? Files.size(file) : concurrency * PART;
        assertThat(resent).as("bytes sent again after the kill").isLessThanOrEqualTo(inFlightBound + 64 * 1024);
    }

    private static Path random(Path f, long size, long seed) throws Exception {
        byte[] data = new byte[(int) size];
        new Random(seed).nextBytes(data);
        Files.write(f, data);
        return f;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
