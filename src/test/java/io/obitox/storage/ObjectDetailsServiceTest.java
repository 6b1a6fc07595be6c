package io.obitox.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.testing.S3ProxyServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Object details and "search from here" on S3Proxy. */
class ObjectDetailsServiceTest {
    private static S3ProxyServer server;
    private static StorageClients clients;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start();
        clients = new StorageClients();
        server.createBucket("details");
        try (S3Client s3 = server.client()) {
            s3.putObject(
                    b -> b.bucket("details")
                            .key("docs/report 2026.pdf")
                            .contentType("application/pdf")
                            .metadata(Map.of("sha256", "abc123", "owner", "ana")),
                    RequestBody.fromBytes(new byte[4321]));
        }
        DeleteServiceTest.putEmpty(
                server,
                "details",
                List.of("docs/a/Invoice-1.txt", "docs/b/invoice-2.txt", "docs/b/c/other.txt", "top-invoice.txt"));
    }

    @AfterAll
    static void stop() {
        clients.close();
        server.close();
    }

    @Test
    void headersMetadataAndTheThreeAddresses() {
        ObjectDetails d = new ObjectDetailsService(clients).details(server.target(), "details", "docs/report 2026.pdf");
        assertThat(d.size()).isEqualTo(4321);
        assertThat(d.contentType()).isEqualTo("application/pdf");
        assertThat(d.etag()).matches("\"?[0-9a-f]{32}\"?");
        assertThat(d.storageClass()).isNotBlank();
        assertThat(d.lastModified()).isNotNull();
        assertThat(d.metadata()).containsEntry("sha256", "abc123").containsEntry("owner", "ana");
        assertThat(d.s3Uri()).isEqualTo("s3://details/docs/report 2026.pdf");
        assertThat(d.url()).isEqualTo(server.endpoint() + "/details/docs/report%202026.pdf");
        // S3Proxy has no tagging API: the details say so instead of failing
        if (d.tags() == null) {
            assertThat(d.tagsNote()).isNotBlank();
        } else {
            assertThat(d.tags()).isEmpty();
        }
    }

    @Test
    void aMissingObjectAndAMissingBucketAreToldApart() {
        ObjectDetailsService svc = new ObjectDetailsService(clients);
        assertThatThrownBy(() -> svc.details(server.target(), "details", "docs/nope"))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("no object 'docs/nope'")
                .extracting(e -> ((ObitoxException) e).code())
                .isEqualTo("OBJECT_MISSING");
        assertThatThrownBy(() -> svc.details(server.target(), "no-such-details", "k"))
                .extracting(e -> ((ObitoxException) e).code())
                .isEqualTo(S3Errors.BUCKET_MISSING);
    }

    @Test
    void searchFromAPrefixFindsKeysAtAnyLevelIgnoringCaseWithinItsBound() {
        BucketService buckets = new BucketService(clients);
        BucketService.SearchResult all = buckets.search(server.target(), "details", "docs/", "invoice", 100);
        assertThat(all.matches())
                .extracting(ObjectEntry::key)
                .containsExactly("docs/a/Invoice-1.txt", "docs/b/invoice-2.txt");
        assertThat(all.truncated()).isFalse();
        assertThat(all.scanned()).isEqualTo(4);

        BucketService.SearchResult bounded = buckets.search(server.target(), "details", "", "invoice", 2);
        assertThat(bounded.matches()).hasSize(2);
        assertThat(bounded.truncated()).isTrue();

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> buckets.search(server.target(), "details", "", "x", 10))
                    .isInstanceOf(CancellationException.class);
        } finally {
            Thread.interrupted();
        }
    }
}
