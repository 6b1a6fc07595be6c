package io.obitox.profile;

import io.obitox.common.UserMessage;
import io.obitox.profile.ConnectionCheck.Status;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSConfiguration;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetBucketCorsResponse;

/**
 * "Test connection": reachability, credentials, bucket, then a permission pre-flight (list, put, multipart, listing
 * incomplete uploads, CORS read/write) that says which later features would degrade. Probe objects and uploads are
 * removed again; a CORS write is tested by writing back the configuration the bucket already has.
 *
 * <p>Blocking; checks {@link Thread#interrupted()} between steps so a cancelled test stops early.
 */
public final class ConnectionTester {
    private static final String PROBE_PREFIX = ".obitox-probe/";
    private final StorageClients clients;

    public ConnectionTester(StorageClients clients) {
        this.clients = clients;
    }

    /**
     * @param bucket the bucket to check, or null for none
     * @param onCheck called after each check (on the calling thread), for live progress
     */
    public ConnectionReport test(S3Target target, String bucket, Consumer<ConnectionCheck> onCheck) {
        List<ConnectionCheck> checks = new ArrayList<>();
        Consumer<ConnectionCheck> add = c -> {
            checks.add(c);
            onCheck.accept(c);
        };
        String where = target.where();

        ConnectionCheck reach = reachability(target);
        add.accept(reach);
        if (reach.status() == Status.FAILED) {
            return new ConnectionReport(target.label(), where, bucket, checks);
        }
        cancelPoint();
        S3Client s3 = clients.interactive(target);
        try {
            int n = s3.listBuckets().buckets().size();
            add.accept(ConnectionCheck.passed("Credentials", "Signed in; " + n + " bucket(s) visible."));
        } catch (RuntimeException e) {
            UserMessage m = S3Errors.describe(e);
            if (S3Errors.ACCESS_DENIED.equals(m.code())) {
                add.accept(new ConnectionCheck(
                        "Credentials",
                        Status.WARNING,
                        m.code(),
                        "Keys accepted, but they may not list buckets (s3:ListAllMyBuckets).",
                        "Type bucket names by hand; browsing the bucket list will not work."));
            } else {
                add.accept(new ConnectionCheck("Credentials", Status.FAILED, m.code(), m.message(), m.fix()));
                return new ConnectionReport(target.label(), where, bucket, checks);
            }
        }
        cancelPoint();
        if (bucket == null || bucket.isBlank()) {
            add.accept(
                    ConnectionCheck.skipped("Bucket", "No bucket given; set a default bucket to check permissions."));
            return new ConnectionReport(target.label(), where, bucket, checks);
        }
        try {
            s3.headBucket(b -> b.bucket(bucket));
            add.accept(ConnectionCheck.passed("Bucket", "Bucket '" + bucket + "' exists."));
        } catch (RuntimeException e) {
            UserMessage m = S3Errors.describe(e);
            String message = S3Errors.BUCKET_MISSING.equals(m.code())
                    ? "The bucket '" + bucket + "' does not exist on " + where + "."
                    : m.message();
            add.accept(new ConnectionCheck("Bucket", Status.FAILED, m.code(), message, m.fix()));
            return new ConnectionReport(target.label(), where, bucket, checks);
        }
        permissions(s3, bucket, add);
        return new ConnectionReport(target.label(), where, bucket, checks);
    }

    private ConnectionCheck reachability(S3Target target) {
        URI uri = target.endpointOpt().orElse(URI.create("https://s3." + target.region() + ".amazonaws.com"));
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 5000);
            return ConnectionCheck.passed("Endpoint", "Reached " + uri.getHost() + ":" + port + ".");
        } catch (IOException e) {
            UserMessage m = S3Errors.describe(e);
            String code = S3Errors.TIMEOUT.equals(m.code()) || "TIMEOUT".equals(m.code())
                    ? S3Errors.ENDPOINT_UNREACHABLE
                    : m.code();
            return new ConnectionCheck(
                    "Endpoint",
                    Status.FAILED,
                    code,
                    "Nothing answers at " + uri.getHost() + ":" + port + " ("
                            + e.getClass().getSimpleName() + ").",
                    "Check that the server is running and that the endpoint URL and port are right.");
        }
    }

    private void permissions(S3Client s3, String bucket, Consumer<ConnectionCheck> add) {
        add.accept(probe("List objects", "browsing the bucket and 'obitox ls'", "s3:ListBucket", () -> {
            // URL-encoded, like every listing: one key with a character XML cannot carry must not fail this check
            s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1).encodingType(EncodingType.URL));
            return "Can list objects.";
        }));
        cancelPoint();
        String key = PROBE_PREFIX + UUID.randomUUID();
        add.accept(probe("Upload", "every upload", "s3:PutObject", () -> {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/plain"), RequestBody.fromString("obitox"));
            try {
                s3.deleteObject(b -> b.bucket(bucket).key(key));
                return "Can upload and delete objects.";
            } catch (RuntimeException e) {
                return "Can upload, but not delete (probe object left at " + key + ").";
            }
        }));
        cancelPoint();
        add.accept(probe(
                "Multipart upload",
                "large files and resume after a restart",
                "s3:PutObject and s3:AbortMultipartUpload",
                () -> {
                    String mpKey = PROBE_PREFIX + UUID.randomUUID();
                    String uploadId = s3.createMultipartUpload(
                                    b -> b.bucket(bucket).key(mpKey))
                            .uploadId();
                    try {
                        s3.uploadPart(
                                b -> b.bucket(bucket)
                                        .key(mpKey)
                                        .uploadId(uploadId)
                                        .partNumber(1),
                                RequestBody.fromString("obitox"));
                        s3.listParts(b -> b.bucket(bucket).key(mpKey).uploadId(uploadId));
                    } finally {
                        s3.abortMultipartUpload(b -> b.bucket(bucket).key(mpKey).uploadId(uploadId));
                    }
                    return "Can start, list and abort multipart uploads.";
                }));
        cancelPoint();
        add.accept(probe(
                "List incomplete uploads",
                "finding orphaned uploads (resume itself still works)",
                "s3:ListBucketMultipartUploads",
                () -> {
                    s3.listMultipartUploads(b -> b.bucket(bucket).maxUploads(1));
                    return "Can list incomplete multipart uploads.";
                }));
        cancelPoint();
        CORSConfiguration[] current = new CORSConfiguration[1];
        ConnectionCheck read = probe("Read CORS", "the CORS wizard's checks", "s3:GetBucketCors", () -> {
            try {
                GetBucketCorsResponse r = s3.getBucketCors(b -> b.bucket(bucket));
                current[0] =
                        CORSConfiguration.builder().corsRules(r.corsRules()).build();
                return "Can read CORS (" + r.corsRules().size() + " rule(s)).";
            } catch (RuntimeException e) {
                if ("NoSuchCORSConfiguration".equals(S3Errors.awsCode(e))) {
                    return "Can read CORS (none configured).";
                }
                throw e;
            }
        });
        add.accept(read);
        cancelPoint();
        if (read.status() == Status.PASSED) {
            add.accept(probe("Write CORS", "the CORS wizard's setup and undo", "s3:PutBucketCors", () -> {
                if (current[0] != null) {
                    s3.putBucketCors(b -> b.bucket(bucket).corsConfiguration(current[0]));
                } else {
                    s3.putBucketCors(b -> b.bucket(bucket)
                            .corsConfiguration(CORSConfiguration.builder()
                                    .corsRules(CORSRule.builder()
                                            .allowedOrigins("https://permission-probe.obitox.invalid")
                                            .allowedMethods("GET")
                                            .build())
                                    .build()));
                    s3.deleteBucketCors(b -> b.bucket(bucket));
                }
                return "Can write CORS (configuration left as it was).";
            }));
        } else {
            add.accept(ConnectionCheck.skipped("Write CORS", "Not tried because CORS could not be read."));
        }
    }

    private static ConnectionCheck probe(String name, String feature, String permission, Probe probe) {
        try {
            return ConnectionCheck.passed(name, probe.run());
        } catch (RuntimeException e) {
            UserMessage m = S3Errors.describe(e);
            if (S3Errors.NOT_IMPLEMENTED.equals(m.code())) {
                String extra = name.contains("CORS")
                        ? " This server has global CORS only (e.g. MinIO community, S3Proxy)."
                        : "";
                return new ConnectionCheck(
                        name,
                        Status.WARNING,
                        m.code(),
                        "The server does not support this." + extra,
                        "Affected: " + feature + ".");
            }
            if (S3Errors.ACCESS_DENIED.equals(m.code())) {
                return new ConnectionCheck(
                        name,
                        Status.WARNING,
                        m.code(),
                        "Not allowed (needs " + permission + ").",
                        "Affected: " + feature + ". Ask for " + permission + " on this bucket.");
            }
            return new ConnectionCheck(name, Status.WARNING, m.code(), m.message(), "Affects " + feature + ".");
        }
    }

    private static void cancelPoint() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Connection test cancelled");
        }
    }

    @FunctionalInterface
    private interface Probe {
        String run();
    }
}
