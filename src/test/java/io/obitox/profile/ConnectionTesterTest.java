package io.obitox.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.Messages;
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
import java.util.Locale;
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

    /**
     * A profile that is neither typed keys nor a plain key pair: {@code credential_process} in the AWS config file,
     * resolved by the SDK's provider chain (the same path SSO and role profiles take), signs real requests.
     */
    @Test
    void anAwsProfileWithACredentialProcessSignsThroughTheSdkProviders() throws IOException {
        java.nio.file.Path dir = TestPaths.newDir("conntest-process");
        java.nio.file.Path script = dir.resolve("creds.sh");
        java.nio.file.Files.writeString(
                script,
                "#!/bin/sh\nprintf '{\"Version\":1,\"AccessKeyId\":\"%s\","
                        + "\"SecretAccessKey\":\"%s\"}' \"$1\" \"$2\"\n");
        script.toFile().setExecutable(true);
        AwsSharedFiles files = new AwsSharedFiles(dir.resolve("credentials"), dir.resolve("config"));
        java.nio.file.Files.writeString(
                files.configFile(),
                "[profile from-process]\ncredential_process = " + script + " " + server.accessKey() + " "
                        + server.secretKey() + "\n");
        S3Target t = new S3Target(
                "process",
                "process",
                Provider.GENERIC,
                server.endpoint(),
                "us-east-1",
                true,
                files.credentialsProvider("from-process"));
        ConnectionReport r = test(t, BUCKET);
        assertThat(r.ok()).as(r.headline()).isTrue();
        assertThat(check(r, "Credentials").status()).isEqualTo(Status.PASSED);
    }

    /**
     * The command line prints the checks' English as before; the Profiles view renders the same checks from their
     * bundle references in German, with nothing left in English or as a key.
     */
    @Test
    void theChecksAreEnglishForTheCommandLineAndGermanInTheView() {
        ConnectionReport r = test(server.target(), BUCKET);
        String hostPort = server.endpoint().getHost() + ":" + server.endpoint().getPort();
        ConnectionCheck endpoint = check(r, "Endpoint");
        ConnectionCheck cors = check(r, "Read CORS");
        assertThat(endpoint.message()).isEqualTo("Reached " + hostPort + ".");
        assertThat(check(r, "Upload").message()).isEqualTo("Can upload and delete objects.");
        assertThat(cors.fix()).isEqualTo("Affected: the CORS wizard's checks.");
        assertThat(check(r, "Write CORS").message()).isEqualTo("Not tried because CORS could not be read.");

        Messages german = Messages.of(Locale.GERMAN);
        Messages english = Messages.english();
        for (ConnectionCheck c : r.checks()) {
            assertThat(c.nameText()).as(c.name()).isNotNull();
            assertThat(c.messageText()).as(c.name()).isNotNull();
            assertThat(english.render(c.nameText())).isEqualTo(c.name());
            assertThat(english.message(c.asMessage())).isEqualTo(c.message());
            String shown = german.render(c.nameText()) + " " + german.oneLine(c.asMessage());
            assertThat(shown).as(c.name()).doesNotContain("svc.").doesNotContain(c.message());
        }
        assertThat(german.render(endpoint.nameText())).isEqualTo("Endpunkt");
        assertThat(german.message(endpoint.asMessage())).isEqualTo(hostPort + " ist erreichbar.");
        assertThat(german.fix(cors.asMessage())).isEqualTo("Betroffen: die Prüfungen des CORS-Assistenten.");
        assertThat(german.oneLine(r.verdict()))
                .isEqualTo("Die Verbindung funktioniert; eine Funktion wird eingeschränkt sein (siehe Warnungen).");
    }

    @Test
    void aFailedCheckIsTheVerdictInEitherLanguage() {
        ConnectionReport r = test(server.target(server.accessKey(), "not-the-secret-0000000000"), BUCKET);
        assertThat(r.headline())
                .isEqualTo("The secret access key is wrong: the server rejected the signature. "
                        + "Re-enter the secret key that belongs to this access key ID.");
        assertThat(r.verdict().code()).isEqualTo(S3Errors.WRONG_SECRET);
        Messages german = Messages.of(Locale.GERMAN);
        assertThat(german.oneLine(r.verdict()))
                .startsWith("Der geheime Zugriffsschlüssel ist falsch")
                .contains("Geben Sie den geheimen Schlüssel");
        assertThat(german.render(check(r, "Credentials").nameText())).isEqualTo("Zugangsdaten");
    }

    @Test
    void warningsAreCountedInTheVerdict() {
        ConnectionCheck warning = new ConnectionCheck("Read CORS", Status.WARNING, "NOT_IMPLEMENTED", "No.", "");
        ConnectionReport two = new ConnectionReport("p", "e", "b", List.of(warning, warning));
        assertThat(two.headline()).isEqualTo("Connection works; 2 feature(s) will be limited (see warnings).");
        assertThat(Messages.of(Locale.GERMAN).oneLine(two.verdict()))
                .isEqualTo("Die Verbindung funktioniert; 2 Funktionen werden eingeschränkt sein (siehe Warnungen).");
        // a check made from plain strings has no references: every language shows its English
        assertThat(Messages.of(Locale.GERMAN).message(warning.asMessage())).isEqualTo("No.");
    }
}
