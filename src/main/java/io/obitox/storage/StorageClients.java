package io.obitox.storage;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds and caches S3 clients per target, with the per-provider settings every S3-compatible server needs:
 * {@code WHEN_REQUIRED} checksums off AWS, path-style where asked, explicit timeouts so no call hangs forever.
 *
 * <p>Two flavours: {@link #interactive} for browsing and tests (short timeouts, one retry, fails fast so the user
 * hears about it), {@link #bulk} for transfers (the transfer engine does its own retries). Thread-safe.
 */
public final class StorageClients implements AutoCloseable {
    private final Map<String, S3Client> interactive = new ConcurrentHashMap<>();
    private final Map<String, S3Client> bulk = new ConcurrentHashMap<>();
    private final Map<String, Optional<DirectPut>> direct = new ConcurrentHashMap<>();
    private final Map<String, Optional<DirectList>> directList = new ConcurrentHashMap<>();
    private final Timeouts timeouts;
    // Built on first use: an HTTP client sets up TLS (hundreds of classes), which commands that never talk to
    // storage should not pay for.
    private SdkHttpClient interactiveHttp;
    private SdkHttpClient bulkHttp;

    /**
     * How long to wait for a connection and for the next bytes of an answer before a request counts as failed (and,
     * for transfers, is retried).
     *
     * @param bodyStall how long a transfer request's body may not move (the server stopped reading it) before the
     *     request is aborted and counts as a timeout; see {@link BodyStallGuard}. Progress, not duration, is limited:
     *     a slow but moving upload is never cut.
     */
    public record Timeouts(Duration connect, Duration interactiveRead, Duration bulkRead, Duration bodyStall) {
        /** The body gets as much patience as an answer: {@code bodyStall = bulkRead}. */
        public Timeouts(Duration connect, Duration interactiveRead, Duration bulkRead) {
            this(connect, interactiveRead, bulkRead, bulkRead);
        }

        public static Timeouts defaults() {
            return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));
        }
    }

    public StorageClients() {
        this(Timeouts.defaults());
    }

    public StorageClients(Timeouts timeouts) {
        this.timeouts = timeouts;
    }

    private synchronized SdkHttpClient interactiveHttp() {
        if (interactiveHttp == null) {
            // No "Expect: 100-continue": Ceph RGW never answers it for bucket sub-resources (PUT ?cors), so every
            // such request stalled for the Apache client's 3 s wait; the bodies of interactive calls are tiny anyway.
            interactiveHttp = ApacheHttpClient.builder()
                    .maxConnections(32)
                    .connectionTimeout(
                            timeouts.connect().compareTo(Duration.ofSeconds(5)) < 0
                                    ? timeouts.connect()
                                    : Duration.ofSeconds(5))
                    .socketTimeout(timeouts.interactiveRead())
                    .expectContinueEnabled(false)
                    .build();
        }
        return interactiveHttp;
    }

    private synchronized SdkHttpClient bulkHttp() {
        if (bulkHttp == null) {
            // The socket timeout bounds waiting for an answer, but nothing bounds a write to a server that stopped
            // reading the body: the guard aborts such requests (see BodyStallGuard for why not an attempt timeout).
            bulkHttp = new BodyStallGuard(
                    ApacheHttpClient.builder()
                            .maxConnections(256)
                            .connectionTimeout(timeouts.connect())
                            .socketTimeout(timeouts.bulkRead())
                            .tcpKeepAlive(true)
                            .expectContinueEnabled(false)
                            .build(),
                    timeouts.bodyStall(),
                    timeouts.bulkRead());
        }
        return bulkHttp;
    }

    public S3Client interactive(S3Target target) {
        return interactive.computeIfAbsent(cacheKey(target), k -> build(target, interactiveHttp(), true));
    }

    public S3Client bulk(S3Target target) {
        return bulk.computeIfAbsent(cacheKey(target), k -> build(target, bulkHttp(), false));
    }

    /**
     * The direct path for small uploads to {@code target} over the bulk HTTP client ({@link DirectPut}), or empty
     * when the target's requests need the SDK's client (e.g. AWS itself). Cached like the clients.
     */
    public Optional<DirectPut> directPut(S3Target target) {
        return direct.computeIfAbsent(cacheKey(target), k -> DirectPut.of(target, bulkHttp()));
    }

    /** The direct path for listings of {@code target} over the interactive HTTP client ({@link DirectList}). */
    Optional<DirectList> directList(S3Target target) {
        return directList.computeIfAbsent(cacheKey(target), k -> DirectList.of(target, interactiveHttp()));
    }

    /** A presigner with the same endpoint, region, addressing and credentials as the clients. Caller closes it. */
    public S3Presigner presigner(S3Target target) {
        S3Presigner.Builder b = S3Presigner.builder()
                .region(Region.of(target.region()))
                .credentialsProvider(target.credentials())
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(target.pathStyle())
                        .build());
        target.endpointOpt().ifPresent(b::endpointOverride);
        return b.build();
    }

    /** Drops cached clients of a target whose settings changed (profile edited or removed). */
    public void evict(String targetKey) {
        direct.keySet().removeIf(k -> k.startsWith(targetKey + "|"));
        directList.keySet().removeIf(k -> k.startsWith(targetKey + "|"));
        for (Map<String, S3Client> cache : java.util.List.of(interactive, bulk)) {
            cache.entrySet().removeIf(e -> {
                if (e.getKey().startsWith(targetKey + "|")) {
                    e.getValue().close();
                    return true;
                }
                return false;
            });
        }
    }

    private static String cacheKey(S3Target t) {
        return t.key() + "|" + t.endpoint() + "|" + t.region() + "|" + t.pathStyle() + "|"
                + System.identityHashCode(t.credentials());
    }

    private static S3Client build(S3Target target, SdkHttpClient http, boolean interactive) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
        if (interactive) {
            override.retryStrategy(b -> b.maxAttempts(2)).apiCallTimeout(Duration.ofSeconds(45));
        } else {
            override.retryStrategy(b -> b.maxAttempts(1));
        }
        S3ClientBuilder b = S3Client.builder()
                .httpClient(http)
                .region(Region.of(target.region()))
                .credentialsProvider(target.credentials())
                .overrideConfiguration(override.build())
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(target.pathStyle())
                        .build());
        if (!interactive) {
            b.putAuthScheme(new UnsignedPayloadSigning());
        }
        if (target.provider().checksumsWhenRequiredOnly()) {
            b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        target.endpointOpt().ifPresent(b::endpointOverride);
        return b.build();
    }

    @Override
    public void close() {
        interactive.values().forEach(S3Client::close);
        bulk.values().forEach(S3Client::close);
        interactive.clear();
        bulk.clear();
        direct.clear();
        directList.clear();
        synchronized (this) {
            if (interactiveHttp != null) {
                interactiveHttp.close();
            }
            if (bulkHttp != null) {
                bulkHttp.close();
            }
        }
    }
}
