package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.profile.ProfileDraft;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.storage.Provider;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch that cannot go at all (missing bucket, wrong keys) is found by one request before anything is queued and
 * reported once; a batch that can go is not held up by the check.
 */
class BatchPreflightTest {
    private S3ProxyServer server;
    private FaultProxy proxy;
    private TestApp app;
    private List<UploadRequest> requests;

    @BeforeEach
    void setUp() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket("here");
        proxy = new FaultProxy(server.endpoint());
        app = TestApp.create("preflight");
        Path dir = Files.createDirectories(app.dir().resolve("many"));
        requests = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Path f = dir.resolve("f" + i + ".txt");
            Files.writeString(f, "file " + i);
            requests.add(new UploadRequest(f, null, null, "many/f" + i + ".txt", "text/plain"));
        }
    }

    @AfterEach
    void tearDown() {
        app.close();
        proxy.close();
        server.close();
    }

    private List<UploadRequest> to(StorageProfile profile, String bucket) {
        return requests.stream()
                .map(r -> new UploadRequest(r.source(), TargetRef.profile(profile.id()), bucket, r.key(), null))
                .toList();
    }

    @Test
    void aThousandFilesToAMissingBucketFailWithOneRequestAndOneReason() throws Exception {
        StorageProfile profile = app.addProfile("proxy", server, proxy.endpoint(), "here");
        TransferService service = app.context().transfers();

        TransferService.Batch batch = service.enqueue(to(profile, "no-such-bucket"));

        assertThat(batch.refusals()).singleElement().satisfies(r -> {
            assertThat(r.bucket()).isEqualTo("no-such-bucket");
            assertThat(r.reason().code()).isEqualTo("BUCKET_MISSING");
            assertThat(r.transferIds()).hasSize(1000).containsExactlyElementsOf(batch.transferIds());
        });
        assertThat(service.awaitSettled(batch.transferIds(), Duration.ofSeconds(10)))
                .isTrue();
        for (String id : batch.transferIds()) {
            TransferSnapshot s = service.snapshot(id).orElseThrow();
            assertThat(s.state()).isEqualTo(TransferState.FAILED);
            assertThat(s.errorCode()).isEqualTo("BUCKET_MISSING");
            assertThat(s.errorMessage()).startsWith("Nothing was sent to s3://no-such-bucket on proxy: ");
        }
        assertThat(proxy.requests()).as("one pre-flight request, no upload").hasSize(1);
    }

    @Test
    void wrongKeysAreFoundBeforeAnyFileIsSent() throws Exception {
        StorageProfile profile = app.context()
                .profiles()
                .add(new ProfileDraft(
                        "wrong",
                        Provider.GENERIC,
                        proxy.endpoint().toString(),
                        null,
                        true,
                        "here",
                        ProfileDraft.CredentialMode.KEYS,
                        null,
                        server.accessKey(),
                        "not-the-secret-at-all",
                        null));
        TransferService service = app.context().transfers();

        TransferService.Batch batch = service.enqueue(to(profile, "here"));

        assertThat(batch.refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.reason().code()).isEqualTo("WRONG_SECRET"));
        assertThat(proxy.requests()).hasSize(1);
        assertThat(service.snapshot(batch.transferIds().get(999)).orElseThrow().errorCode())
                .isEqualTo("WRONG_SECRET");
    }

    @Test
    void aBatchThatCanGoCostsOneExtraRequestAndUploadsEverything() throws Exception {
        StorageProfile profile = app.addProfile("proxy", server, proxy.endpoint(), "here");
        TransferService service = app.context().transfers();

        TransferService.Batch batch = service.enqueue(to(profile, "here").subList(0, 50));

        assertThat(batch.refusals()).isEmpty();
        assertThat(service.awaitSettled(batch.transferIds(), Duration.ofMinutes(1)))
                .isTrue();
        assertThat(batch.transferIds())
                .allSatisfy(id ->
                        assertThat(service.snapshot(id).orElseThrow().state()).isEqualTo(TransferState.COMPLETED));
        assertThat(proxy.requests().stream().filter(r -> r.method().equals("GET")))
                .as("the pre-flight listing")
                .hasSize(1);
    }
}
