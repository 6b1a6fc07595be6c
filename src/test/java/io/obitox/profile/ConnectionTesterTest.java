package io.obitox.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.profile.ConnectionCheck.Status;
import io.obitox.storage.Provider;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class ConnectionTesterTest {
    private static final String BUCKET = "conntest-bucket";
    private static S3ProxyServer server;
    private static StorageClients clients;
    private static ConnectionTester tester;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        clients = new StorageClients();
        tester = new ConnectionTester(clients);
    }

    @AfterAll
    static void stop() {
        clients.close();
        server.close();
    }

    private static ConnectionReport test(S3Target target, String bucket) {
        return tester.test(target, bucket, c -> {});
    }

    private static ConnectionCheck check(ConnectionReport r, String name) {
        return r.checks().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + r.checks()));
    }

    private static S3Target at(URI endpoint) {
        S3Target ok = server.target();
        return new S3Target("at:" + endpoint, "down", Provider.GENERIC, endpoint, "us-east-1", true, ok.credentials());
    }

    @Test
    void anEndpointThatIsDownIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ConnectionReport r = test(at(URI.create("http://127.0.0.1:" + closedPort)), BUCKET);
        assertThat(r.ok()).isFalse();
        assertThat(r.code()).isEqualTo(S3Errors.ENDPOINT_UNREACHABLE);
        assertThat(r.checks()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("Endpoint");
            assertThat(c.status()).isEqualTo(Status.FAILED);
            assertThat(c.message()).contains("127.0.0.1:" + closedPort);
            assertThat(c.fix()).contains("server is running");
        });
        assertThat(r.headline()).contains("Nothing answers");
    }

    @Test
    void anUnknownHostIsUnreachable() {
        ConnectionReport r = test(at(URI.create("http://no-such-host.invalid:9000")), BUCKET);
        assertThat(r.code()).isEqualTo(S3Errors.ENDPOINT_UNREACHABLE);
    }

    @Test
    void httpsToAPlainHttpServerIsATlsFailure() {
        ConnectionReport r =
                test(at(URI.create("https://127.0.0.1:" + server.endpoint().getPort())), BUCKET);
        assertThat(r.code()).isEqualTo(S3Errors.TLS_FAILURE);
        assertThat(check(r, "Credentials").fix()).contains("http rather than https");
    }

    @Test
    void aWrongSecretIsWrongSecret() {
        ConnectionReport r = test(server.target(server.accessKey(), "not-the-secret-0000000000"), BUCKET);
        assertThat(r.code()).isEqualTo(S3Errors.WRONG_SECRET);
        ConnectionCheck c = check(r, "Credentials");
        assertThat(c.status()).isEqualTo(Status.FAILED);
        assertThat(c.message()).contains("secret access key is wrong");
        assertThat(c.fix()).contains("Re-enter the secret key");
        assertThat(r.checks()).extracting(ConnectionCheck::name).containsExactly("Endpoint", "Credentials");
    }

    @Test
    void anUnknownAccessKeyIsUnknownAccessKey() {
        ConnectionReport r = test(server.target("AKUNKNOWNKEY0000", server.secretKey()), BUCKET);
        assertThat(r.code()).isEqualTo(S3Errors.UNKNOWN_ACCESS_KEY);
        assertThat(check(r, "Credentials").message()).contains("does not know this access key");
    }

    @Test
    void missingCredentialsAreNoCredentials() {
        AwsSharedFiles empty = new AwsSharedFiles(
                TestPaths.newDir("conntest-nocreds").resolve("credentials"),
                TestPaths.newDir("conntest-nocreds").resolve("config"));
        S3Target t = new S3Target(
                "nocreds",
                "nocreds",
                Provider.GENERIC,
                server.endpoint(),
                "us-east-1",
                true,
                empty.credentialsProvider("nobody"));
        ConnectionReport r = test(t, BUCKET);
        assertThat(r.code()).isEqualTo(S3Errors.NO_CREDENTIALS);
    }

    @Test
    void aMissingBucketIsBucketMissing() {
        ConnectionReport r = test(server.target(), "conntest-no-such-bucket");
        assertThat(r.code()).isEqualTo(S3Errors.BUCKET_MISSING);
        ConnectionCheck c = check(r, "Bucket");
        assertThat(c.message())
                .isEqualTo("The bucket 'conntest-no-such-bucket' does not exist on " + server.endpoint() + ".");
        assertThat(c.fix()).contains("create the bucket");
        assertThat(check(r, "Credentials").status()).isEqualTo(Status.PASSED);
    }

    @Test
    void theFiveOutcomesHaveDistinctCodesAndMessages() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        List<ConnectionReport> reports = List.of(
                test(at(URI.create("http://127.0.0.1:" + closedPort)), BUCKET),
                test(server.target(server.accessKey(), "not-the-secret-0000000000"), BUCKET),
                test(server.target("AKUNKNOWNKEY0000", server.secretKey()), BUCKET),
                test(server.target(), "conntest-no-such-bucket"),
                test(server.target(), BUCKET));
        assertThat(reports).extracting(ConnectionReport::code).doesNotHaveDuplicates();
        assertThat(reports).extracting(ConnectionReport::headline).doesNotHaveDuplicates();
    }

    @Test
    void successPassesWithThePermissionPreflightAndNamesTheCorsLimit() {
        List<ConnectionCheck> live = new ArrayList<>();
        ConnectionReport r = tester.test(server.target(), BUCKET, live::add);
        assertThat(r.ok()).isTrue();
        assertThat(r.code()).isEqualTo("OK");
        assertThat(live).isEqualTo(r.checks());
        assertThat(r.checks())
                .extracting(ConnectionCheck::name)
                .containsExactly(
                        "Endpoint",
                        "Credentials",
                        "Bucket",
                        "List objects",
                        "Upload",
                        "Multipart upload",
                        "List incomplete uploads",
                        "Read CORS",
                        "Write CORS");
        for (String passed : List.of(
                "Endpoint",
                "Credentials",
                "Bucket",
                "List objects",
                "Upload",
                "Multipart upload",
                "List incomplete uploads")) {
            assertThat(check(r, passed).status()).as(passed).isEqualTo(Status.PASSED);
        }
        ConnectionCheck cors = check(r, "Read CORS");
        assertThat(cors.status()).isEqualTo(Status.WARNING);
        assertThat(cors.code()).isEqualTo(S3Errors.NOT_IMPLEMENTED);
        assertThat(cors.message()).contains("global CORS only");
        assertThat(cors.fix()).contains("CORS wizard");
        assertThat(check(r, "Write CORS").status()).isEqualTo(Status.SKIPPED);
        assertThat(r.headline()).isEqualTo("Connection works; 1 feature(s) will be limited (see warnings).");
    }

    @Test
    void probeObjectsAndUploadsAreCleanedUp() {
        ConnectionReport r = test(server.target(), BUCKET);
        assertThat(r.ok()).isTrue();
        try (S3Client s3 = server.client()) {
            assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents()).isEmpty();
            assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
        }
    }

    @Test
    void withoutABucketOnlyTheConnectionIsChecked() {
        ConnectionReport r = test(server.target(), null);
        assertThat(r.ok()).isTrue();
        assertThat(r.checks()).extracting(ConnectionCheck::name).containsExactly("Endpoint", "Credentials", "Bucket");
        assertThat(check(r, "Bucket").status()).isEqualTo(Status.SKIPPED);
        assertThat(r.headline()).isEqualTo("Connection works; every feature is available.");
    }

    @Test
    void aCancelledTestStopsEarly() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> test(server.target(), BUCKET)).isInstanceOf(CancellationException.class);
        } finally {
            Thread.interrupted();
        }
    }
}
