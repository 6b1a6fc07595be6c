package io.obitox.presign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.common.Redactor;
import io.obitox.storage.Provider;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import io.obitox.testing.TestSecrets;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Signing needs no server: these tests sign offline (sizes given) against an endpoint nobody listens on. */
class PresignServiceTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final long MIB = 1L << 20;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final StorageClients clients = new StorageClients();
    private final String secret = TestSecrets.register("presign-unit-secret-" + UUID.randomUUID());
    private final String token = TestSecrets.register("presign-unit-token-" + UUID.randomUUID());

    @AfterEach
    void close() {
        clients.close();
    }

    private static S3Target target(AwsCredentials credentials) {
        return new S3Target(
                "unit:" + UUID.randomUUID(),
                "unit",
                Provider.CEPH,
                URI.create("http://127.0.0.1:9"),
                "us-east-1",
                true,
                StaticCredentialsProvider.create(credentials));
    }

    private S3Target longTerm() {
        return target(AwsBasicCredentials.create("AKUNITTEST", secret));
    }

    private S3Target session(Instant expiresAt) {
        AwsSessionCredentials.Builder b = AwsSessionCredentials.builder()
                .accessKeyId("ASIAUNITTEST")
                .secretAccessKey(secret)
                .sessionToken(token);
        if (expiresAt != null) {
            b.expirationTime(expiresAt);
        }
        return target(b.build());
    }

    private PresignService service(ThroughputHistory history) {
        return new PresignService(clients, history, clock);
    }

    private static PresignRequest request(ExpiryChoice expiry, LinkRequest... files) {
        return new PresignRequest("photos", List.of(files), expiry, null);
    }

    @Test
    void temporaryCredentialsCutALinkToTheirOwnExpiry() {
        PresignBatch batch = service(ThroughputHistory.none())
                .presign(
                        session(NOW.plusSeconds(1800)),
                        request(ExpiryChoice.fixed(3600), LinkRequest.get("cat.jpg", 10L)));
        PresignedLink link = batch.links().get(0);
        assertThat(link.expiresInSeconds()).isEqualTo(1800);
        assertThat(link.expiresAt()).isEqualTo(Instant.parse("2030-01-01T00:30:00Z"));
        assertThat(link.explanation().cutByCredentials()).isTrue();
        assertThat(link.explanation().limitedSeconds()).isEqualTo(3600);
        assertThat(link.explanation().text())
                .startsWith("fixed: 1 h 00 min as asked; cut to 30 min 00 s: the temporary credentials");
        assertThat(link.warnings())
                .singleElement()
                .asString()
                .contains("Asked for 1 h 00 min", "expire at 2030-01-01T00:30:00Z", "works for 30 min 00 s only");
        assertThat(link.url()).contains("X-Amz-Expires=1800", "X-Amz-Security-Token=");
        assertThat(batch.credentials().kind()).isEqualTo(CredentialLifetime.Kind.TEMPORARY);
        assertThat(batch.warnings()).singleElement().asString().contains("temporary credentials that expire at");
    }

    @Test
    void aLinkShorterThanTheCredentialsKeepsItsOwnExpiry() {
        PresignedLink link = service(ThroughputHistory.none())
                .presign(
                        session(NOW.plusSeconds(1800)),
                        request(ExpiryChoice.auto(), LinkRequest.put("up.bin", 100L, "application/octet-stream")))
                .links()
                .get(0);
        assertThat(link.expiresInSeconds()).isEqualTo(60);
        assertThat(link.explanation().cutByCredentials()).isFalse();
        assertThat(link.explanation().credentialsExpireAt()).isEqualTo(NOW.plusSeconds(1800));
        assertThat(link.warnings()).isEmpty();
    }

    @Test
    void expiredTemporaryCredentialsSignNothing() {
        PresignService s = service(ThroughputHistory.none());
        for (Instant expired : List.of(NOW, NOW.minusSeconds(5), NOW.plusMillis(900))) {
            assertThatThrownBy(() -> s.presign(session(expired), request(null, LinkRequest.get("a", 1L))))
                    .as("expiring at %s", expired)
                    .isInstanceOf(ObitoxException.class)
                    .hasFieldOrPropertyWithValue("code", "CREDENTIALS_EXPIRED")
                    .hasMessageContaining("would never work");
        }
    }

    @Test
    void aSessionTokenWithoutExpiryIsSignedWithAnUnknownLifetimeWarning() {
        PresignBatch batch = service(ThroughputHistory.none())
                .presign(session(null), request(ExpiryChoice.fixed(7200), LinkRequest.get("a.txt", 1L)));
        assertThat(batch.credentials().kind()).isEqualTo(CredentialLifetime.Kind.TEMPORARY_UNKNOWN);
        assertThat(batch.warnings()).singleElement().asString().startsWith("Unknown lifetime");
        assertThat(batch.links().get(0).expiresInSeconds()).isEqualTo(7200);
    }

    @Test
    void longTermKeysGetTheFullExpiryAndNoWarning() {
        PresignBatch batch = service(ThroughputHistory.none())
                .presign(longTerm(), request(ExpiryChoice.fixed(604_800), LinkRequest.get("a.txt", 1L)));
        assertThat(batch.credentials().kind()).isEqualTo(CredentialLifetime.Kind.LONG_TERM);
        assertThat(batch.warnings()).isEmpty();
        assertThat(batch.links().get(0).expiresInSeconds()).isEqualTo(604_800);
        assertThat(batch.links().get(0).url()).contains("X-Amz-Expires=604800").doesNotContain("Security-Token");
    }

    @Test
    void measuredHistoryOfThisEndpointDrivesTheAutoExpiry() {
        AtomicReference<S3Target> askedFor = new AtomicReference<>();
        S3Target target = longTerm();
        PresignService s = service((asked, limit) -> {
            askedFor.set(asked);
            return List.of(2.0 * MIB);
        });
        PresignedLink link = s.presign(target, request(ExpiryChoice.auto(), LinkRequest.get("big.iso", 1024 * MIB)))
                .links()
                .get(0);
        assertThat(askedFor.get()).isEqualTo(target);
        assertThat(link.expiresInSeconds()).isEqualTo(768); // 1024 MiB / 2 MiB/s × 1.5
        assertThat(link.explanation().sourceName()).isEqualTo("history");
        assertThat(link.expiresAt()).isEqualTo(NOW.plusSeconds(768));
    }

    @Test
    void aBrokenHistoryFallsBackToTheTable() {
        PresignedLink link = service((key, limit) -> {
                    throw new IllegalStateException("database closed");
                })
                .presign(longTerm(), request(ExpiryChoice.auto(), LinkRequest.get("big.iso", 1024 * MIB)))
                .links()
                .get(0);
        assertThat(link.explanation().sourceName()).isEqualTo("default");
        assertThat(link.expiresInSeconds()).isEqualTo(3146);
    }

    @Test
    void aBatchOfOneHundredIsSignedInOneCallEachWithItsOwnExpiry() {
        List<LinkRequest> files = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            files.add(LinkRequest.put("batch/file-" + i + ".bin", i * 10 * MIB, "application/octet-stream"));
        }
        PresignBatch batch = service(ThroughputHistory.none())
                .presign(longTerm(), new PresignRequest("photos", files, null, NetworkType.FOUR_G));
        assertThat(batch.links()).hasSize(100);
        assertThat(batch.links())
                .extracting(PresignedLink::key)
                .containsExactlyElementsOf(files.stream().map(LinkRequest::key).toList());
        assertThat(batch.links().get(0).expiresInSeconds()).isEqualTo(60); // 10 MiB at 5 MiB/s: floor
        assertThat(batch.links().get(99).expiresInSeconds()).isEqualTo(300); // 1000 MiB / 5 MiB/s × 1.5
        assertThat(batch.links().stream().map(PresignedLink::expiresInSeconds).distinct())
                .as("files 1-20 (up to 200 MiB) share the floor, the other 80 each get their own")
                .hasSize(81);
        assertThat(batch.links()).allSatisfy(l -> {
            assertThat(l.method()).isEqualTo(LinkMethod.PUT);
            assertThat(l.headers()).containsEntry("Content-Type", "application/octet-stream");
            assertThat(l.expiresAt()).isEqualTo(NOW.plusSeconds(l.expiresInSeconds()));
        });
    }

    @Test
    void anEmptyListOrMoreThanOneHundredFilesAreRefusedWithThePlansCodes() {
        PresignService s = service(ThroughputHistory.none());
        assertThatThrownBy(() -> s.presign(longTerm(), new PresignRequest("photos", List.of(), null, null)))
                .isInstanceOf(ObitoxException.class)
                .hasFieldOrPropertyWithValue("code", "INVALID_FILES_ARRAY")
                .hasMessage("There are no files to sign: the list is empty.");
        assertThatThrownBy(() -> s.presign(longTerm(), new PresignRequest("photos", null, null, null)))
                .hasFieldOrPropertyWithValue("code", "INVALID_FILES_ARRAY");
        List<LinkRequest> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(LinkRequest.get("k" + i, 1L));
        }
        assertThatThrownBy(() -> s.presign(longTerm(), new PresignRequest("photos", many, null, null)))
                .isInstanceOf(ObitoxException.class)
                .hasFieldOrPropertyWithValue("code", "TOO_MANY_FILES")
                .hasMessage("101 files in one request; at most 100 can be signed at once.")
                .satisfies(e -> assertThat(((ObitoxException) e).fix()).contains("batches of 100"));
    }

    @Test
    void badFilesAreNamedByPositionAndKey() {
        PresignService s = service(ThroughputHistory.none());
        assertThatThrownBy(
                        () -> s.presign(longTerm(), request(null, LinkRequest.get("ok", 1L), LinkRequest.get("", 1L))))
                .hasFieldOrPropertyWithValue("code", "INVALID_FILE")
                .hasMessage("File 2 has no key.");
        assertThatThrownBy(() -> s.presign(longTerm(), request(null, LinkRequest.get("neg", -1L))))
                .hasMessage("File 1 ('neg') has a negative size.");
        assertThatThrownBy(() -> s.presign(longTerm(), request(null, LinkRequest.get("k".repeat(1025), 1L))))
                .hasMessageContaining("longer than 1,024 bytes");
        assertThatThrownBy(() -> s.presign(
                        longTerm(),
                        request(null, new LinkRequest("u.bin", LinkMethod.PUT, 1L, "text/plain\r\nX: y", null))))
                .hasMessageContaining("a header cannot carry");
        assertThatThrownBy(() ->
                        s.presign(longTerm(), request(null, new LinkRequest("u.bin", LinkMethod.PUT, 1L, null, "abc"))))
                .hasFieldOrPropertyWithValue("code", "INVALID_FILE")
                .hasMessage("File 1 ('u.bin') has a Content-MD5 that is not an MD5 digest.");
        assertThatThrownBy(() ->
                        s.presign(longTerm(), new PresignRequest(" ", List.of(LinkRequest.get("a", 1L)), null, null)))
                .hasFieldOrPropertyWithValue("code", "BUCKET_REQUIRED");
    }

    @Test
    void putLinksSignContentTypeAndContentMd5AndGetLinksSignNothingExtra() {
        PresignBatch batch = service(ThroughputHistory.none())
                .presign(
                        longTerm(),
                        request(
                                null,
                                new LinkRequest(
                                        "up.txt", LinkMethod.PUT, 5L, "text/plain", "5d41402abc4b2a76b9719d911017c592"),
                                new LinkRequest("down.txt", LinkMethod.GET, 5L, "text/plain", "ignored")));
        PresignedLink put = batch.links().get(0);
        assertThat(put.headers())
                .containsExactlyInAnyOrderEntriesOf(
                        java.util.Map.of("Content-Type", "text/plain", "Content-MD5", "XUFAKrxLKna5cZ2REBfFkg=="));
        assertThat(put.url()).contains("X-Amz-SignedHeaders=content-md5%3Bcontent-type%3Bhost");
        PresignedLink get = batch.links().get(1);
        assertThat(get.headers()).isEmpty();
        assertThat(get.url()).contains("X-Amz-SignedHeaders=host").doesNotContain("checksum");
        assertThat(put.url()).doesNotContainIgnoringCase("checksum");
    }

    @Test
    void theRedactorMasksEverySecretPartOfTheLinksWeProduce() {
        PresignedLink link = service(ThroughputHistory.none())
                .presign(session(NOW.plusSeconds(3600)), request(null, LinkRequest.get("a b/ü.txt", 1L)))
                .links()
                .get(0);
        String signature = link.url().replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
        assertThat(signature).hasSize(64);
        TestSecrets.register(signature);
        String redacted = Redactor.redact(link.url());
        assertThat(redacted)
                .doesNotContain(signature, "ASIAUNITTEST", "presign-unit-token")
                .contains("X-Amz-Signature=REDACTED", "X-Amz-Security-Token=REDACTED", "X-Amz-Credential=REDACTED")
                .contains("/photos/a%20b/%C3%BC.txt");
        assertThat(link.redactedUrl()).isEqualTo(redacted);
        assertThat(link.toString()).doesNotContain(signature).contains("REDACTED");
    }

    @Test
    void displayNamesOfSignedHeadersReadLikeHttp() {
        assertThat(PresignService.displayName("content-type")).isEqualTo("Content-Type");
        assertThat(PresignService.displayName("content-md5")).isEqualTo("Content-MD5");
        assertThat(PresignService.displayName("x-amz-acl")).isEqualTo("X-Amz-Acl");
    }
}
