package io.obitox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.profile.StorageProfile;
import io.obitox.storage.SandboxAccess.Endpoint;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.Bucket;

class EmbeddedSandboxTest {
    private final Path dir = TestPaths.newDir("sandbox");
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private EmbeddedSandbox sandbox() {
        EmbeddedSandbox s = new EmbeddedSandbox(dir);
        open.add(s);
        return s;
    }

    private Endpoint start(EmbeddedSandbox s) {
        Endpoint e = s.ensureStarted();
        TestSecrets.register(e.secretAccessKey());
        return e;
    }

    private S3Client client(Endpoint e) {
        S3Client c = S3Client.builder()
                .endpointOverride(e.uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(e.accessKeyId(), e.secretAccessKey())))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
        open.add(c);
        return c;
    }

    private Properties properties(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(name))) {
            p.load(in);
        }
        return p;
    }

    @Test
    void startsOnLoopbackWithItsDefaultBucket() throws IOException {
        EmbeddedSandbox s = sandbox();
        assertThat(s.isRunning()).isFalse();
        Endpoint e = start(s);
        assertThat(s.isRunning()).isTrue();
        assertThat(e.ownedByThisProcess()).isTrue();
        assertThat(e.uri().getHost()).isEqualTo("127.0.0.1");
        assertThat(e.toString()).doesNotContain(e.secretAccessKey());
        assertThat(client(e).listBuckets().buckets())
                .extracting(Bucket::name)
                .containsExactly(EmbeddedSandbox.DEFAULT_BUCKET);

        int port = e.uri().getPort();
        Optional<InetAddress> lan = nonLoopbackAddress();
        if (lan.isPresent()) {
            assertThatThrownBy(() -> {
                        try (Socket socket = new Socket()) {
                            socket.connect(new InetSocketAddress(lan.get(), port), 2000);
                        }
                    })
                    .as("sandbox port %d on %s", port, lan.get())
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void keysAreRandomPrivateAndKeptAcrossRestarts() throws IOException {
        Endpoint first = start(sandbox());
        assertThat(first.accessKeyId()).startsWith("OBX").hasSize(20);
        assertThat(first.secretAccessKey()).hasSize(40);
        Path file = dir.resolve("credentials.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        Properties p = properties("credentials.properties");
        assertThat(p.getProperty("accessKeyId")).isEqualTo(first.accessKeyId());
        assertThat(p.getProperty("secretAccessKey")).isEqualTo(first.secretAccessKey());
        new EmbeddedSandbox(dir).close(); // closing a never-started sandbox is harmless

        EmbeddedSandbox other = new EmbeddedSandbox(TestPaths.newDir("sandbox-other"));
        open.add(other);
        assertThat(start(other).secretAccessKey())
                .as("another home gets other keys")
                .isNotEqualTo(first.secretAccessKey());
    }

    @Test
    void reusesItsLastPortAndKeepsItsDataAfterARestart() throws Exception {
        EmbeddedSandbox s = sandbox();
        Endpoint first = start(s);
        client(first).putObject(b -> b.bucket("sandbox").key("kept/hello.txt"), RequestBody.fromString("hello"));
        s.close();
        assertThat(s.isRunning()).isFalse();
        assertThat(dir.resolve("endpoint.properties"))
                .as("removed when the server stops")
                .doesNotExist();

        Endpoint again = start(sandbox());
        assertThat(again.uri()).isEqualTo(first.uri());
        assertThat(again.accessKeyId()).isEqualTo(first.accessKeyId());
        assertThat(client(again)
                        .getObjectAsBytes(b -> b.bucket("sandbox").key("kept/hello.txt"))
                        .asUtf8String())
                .isEqualTo("hello");
        assertThat(dir.resolve("data/sandbox/kept/hello.txt")).exists();
    }

    @Test
    void takesAnotherPortWhenItsLastOneIsBusy() throws Exception {
        EmbeddedSandbox s = sandbox();
        int last = start(s).uri().getPort();
        s.close();
        try (ServerSocket squatter = new ServerSocket(last, 50, InetAddress.getLoopbackAddress())) {
            Endpoint moved = start(sandbox());
            assertThat(moved.uri().getPort()).isNotEqualTo(last);
            assertThat(properties("credentials.properties").getProperty("port"))
                    .isEqualTo(Integer.toString(moved.uri().getPort()));
            assertThat(client(moved).listBuckets().buckets()).isNotEmpty();
        }
    }

    @Test
    void aSecondInstanceOfTheSameHomeSharesTheRunningServer() throws IOException {
        EmbeddedSandbox first = sandbox();
        Endpoint owner = start(first);
        assertThat(properties("endpoint.properties").getProperty("port"))
                .isEqualTo(Integer.toString(owner.uri().getPort()));

        // like the CLI beside the GUI: it cannot take the server lock, so it finds the first server
        EmbeddedSandbox second = sandbox();
        Endpoint shared = second.ensureStarted();
        assertThat(shared.ownedByThisProcess()).isFalse();
        assertThat(shared.uri()).isEqualTo(owner.uri());
        assertThat(shared.accessKeyId()).isEqualTo(owner.accessKeyId());
        assertThat(shared.secretAccessKey()).isEqualTo(owner.secretAccessKey());
        assertThat(client(shared).listBuckets().buckets()).isNotEmpty();

        second.close();
        assertThat(client(owner).listBuckets().buckets())
                .as("the user's close does not stop the owner")
                .isNotEmpty();
        assertThat(dir.resolve("endpoint.properties")).exists();
    }

    @Test
    void aSharingInstanceTakesOverWhenTheOwnerStops() {
        EmbeddedSandbox first = sandbox();
        Endpoint owner = start(first);
        EmbeddedSandbox second = sandbox();
        assertThat(second.ensureStarted().ownedByThisProcess()).isFalse();

        first.close();
        Endpoint now = second.ensureStarted();
        assertThat(now.ownedByThisProcess()).as("serves it itself now").isTrue();
        assertThat(now.uri()).isEqualTo(owner.uri());
        assertThat(client(now).listBuckets().buckets()).isNotEmpty();
    }

    @Test
    void aStaleEndpointFileOfADeadProcessIsIgnored() throws IOException {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("endpoint.properties"), "port=" + dead + "\npid=999999\n");
        Endpoint e = start(sandbox());
        assertThat(e.ownedByThisProcess()).isTrue();
        assertThat(client(e).listBuckets().buckets()).isNotEmpty();
    }

    @Test
    void theSandboxKeysNeverReachTheDatabase() {
        try (TestApp app = TestApp.create("sandbox-db")) {
            StorageProfile profile = app.context().profiles().require("Sandbox");
            var target = app.context().profiles().target(profile);
            String secret = TestSecrets.register(
                    target.credentials().resolveCredentials().secretAccessKey());
            assertThat(app.context().buckets().listBuckets(target)).isNotEmpty();
            List<String> values = app.context().database().query(c -> {
                List<String> out = new ArrayList<>();
                for (String table : List.of("PROFILE", "SETTING")) {
                    try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table)) {
                        while (rs.next()) {
                            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                                out.add(String.valueOf(rs.getString(i)));
                            }
                        }
                    }
                }
                return out;
            });
            assertThat(values).isNotEmpty().noneMatch(v -> v.contains(secret));
            assertThat(app.home().sandbox().resolve("credentials.properties")).exists();
        }
    }

    @Test
    void requestsWithoutItsKeysAreRefusedWhateverTheyAsk() throws Exception {
        Endpoint e = start(sandbox());
        S3Client signed = client(e);
        signed.putObject(b -> b.bucket("sandbox").key("private/report.txt"), RequestBody.fromString("secret"));
        signed.createBucket(b -> b.bucket("made-by-a-client"));
        signed.putObject(b -> b.bucket("made-by-a-client").key("a.txt"), RequestBody.fromString("x"));

        // what any local user, or a web page that reaches loopback, can send: no signature at all
        String base = e.uri().toString();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<HttpRequest> anonymous = List.of(
                HttpRequest.newBuilder(URI.create(base + "/")).GET().build(),
                HttpRequest.newBuilder(URI.create(base + "/sandbox")).GET().build(),
                HttpRequest.newBuilder(URI.create(base + "/sandbox?list-type=2"))
                        .GET()
                        .build(),
                HttpRequest.newBuilder(URI.create(base + "/sandbox/private/report.txt"))
                        .GET()
                        .build(),
                HttpRequest.newBuilder(URI.create(base + "/sandbox/private/report.txt"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpRequest.newBuilder(URI.create(base + "/sandbox/dropped.txt"))
                        .PUT(HttpRequest.BodyPublishers.ofString("planted"))
                        .build(),
                HttpRequest.newBuilder(URI.create(base + "/made-by-a-client"))
                        .GET()
                        .build(),
                HttpRequest.newBuilder(URI.create(base + "/made-by-a-client/a.txt"))
                        .GET()
                        .build());
        for (HttpRequest request : anonymous) {
            HttpResponse<String> answer =
                    S3ProxyServer.sendRefusable(http, request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode())
                    .as("%s %s without keys answered %s", request.method(), request.uri(), answer.body())
                    .isEqualTo(403);
            assertThat(answer.body()).doesNotContain("report.txt").doesNotContain("secret");
        }
        assertThat(dir.resolve("data/sandbox/dropped.txt")).doesNotExist();

        // signed, but with other keys
        S3Client stranger = client(new Endpoint(e.uri(), e.accessKeyId(), "not-" + e.secretAccessKey(), false));
        assertThatThrownBy(() -> stranger.listObjectsV2(b -> b.bucket("sandbox")))
                .isInstanceOfSatisfying(
                        software.amazon.awssdk.services.s3.model.S3Exception.class,
                        x -> assertThat(x.statusCode()).isEqualTo(403));

        // with its keys everything still works
        assertThat(signed.getObjectAsBytes(b -> b.bucket("sandbox").key("private/report.txt"))
                        .asUtf8String())
                .isEqualTo("secret");
        assertThat(signed.listObjectsV2(b -> b.bucket("sandbox")).contents()).hasSize(1);
        assertThat(signed.headObject(b -> b.bucket("sandbox").key("private/report.txt"))
                        .contentLength())
                .isEqualTo(6L);
    }

    @Test
    void aClientCannotMakeTheSandboxPublic() throws Exception {
        Endpoint e = start(sandbox());
        S3Client signed = client(e);
        signed.putObject(b -> b.bucket("sandbox").key("k.txt"), RequestBody.fromString("v"));
        try {
            signed.putBucketAcl(b -> b.bucket("sandbox").acl("public-read"));
        } catch (software.amazon.awssdk.services.s3.model.S3Exception refused) {
            // refusing the change is as good as ignoring it; what matters is the anonymous answer below
        }
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(e.uri() + "/sandbox"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
    }

    @Test
    void itsFoldersAreOwnerOnlyWhenCreated() throws IOException {
        start(sandbox());
        for (Path folder : new Path[] {dir, dir.resolve("data"), dir.resolve("data/sandbox")}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                    .as(folder.toString())
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void loosenedFoldersAreTightenedAtStart() throws IOException {
        Path bucket = dir.resolve("data/sandbox");
        Path other = dir.resolve("data/other-bucket");
        Files.createDirectories(bucket);
        Files.createDirectories(other);
        for (Path folder : new Path[] {dir, dir.resolve("data"), bucket, other}) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxr-x"));
        }
        start(sandbox());
        for (Path folder : new Path[] {dir, dir.resolve("data"), bucket, other}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                    .as(folder.toString())
                    .isEqualTo("rwx------");
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (ni.isUp() && !ni.isLoopback()) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
