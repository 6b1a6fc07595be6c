package io.obitox.profile;

import io.obitox.common.TextRef;
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
    private static final TextRef ENDPOINT = t("svc.conn.check.endpoint");
    private static final TextRef CREDENTIALS = t("svc.conn.check.credentials");
    private static final TextRef BUCKET = t("svc.conn.check.bucket");
    private static final TextRef WRITE_CORS = t("svc.conn.check.writeCors");
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
            add.accept(ConnectionCheck.passed(CREDENTIALS, t("svc.conn.signedIn", String.valueOf(n))));
        } catch (RuntimeException e) {
            UserMessage m = S3Errors.describe(e);
            if (S3Errors.ACCESS_DENIED.equals(m.code())) {
                add.accept(ConnectionCheck.of(
                        Status.WARNING,
                        m.code(),
                        CREDENTIALS,
                        t("svc.conn.cannotListBuckets"),
                        t("svc.conn.cannotListBuckets.fix")));
            } else {
                add.accept(ConnectionCheck.from(CREDENTIALS, Status.FAILED, m));
                return new ConnectionReport(target.label(), where, bucket, checks);
            }
        }
        cancelPoint();
        if (bucket == null || bucket.isBlank()) {
            add.accept(ConnectionCheck.skipped(BUCKET, t("svc.conn.noBucket")));
            return new ConnectionReport(target.label(), where, bucket, checks);
        }
        try {
            s3.headBucket(b -> b.bucket(bucket));
            add.accept(ConnectionCheck.passed(BUCKET, t("svc.conn.bucketExists", bucket)));
        } catch (RuntimeException e) {
            UserMessage m = S3Errors.describe(e);
            if (S3Errors.BUCKET_MISSING.equals(m.code())) {
                TextRef missing = t("svc.conn.bucketMissing", bucket, where);
                m = new UserMessage(m.code(), missing.english(), m.fix(), missing, m.fixRef());
            }
            add.accept(ConnectionCheck.from(BUCKET, Status.FAILED, m));
            return new ConnectionReport(target.label(), where, bucket, checks);
        }
        permissions(s3, bucket, add);
        return new ConnectionReport(target.label(), where, bucket, checks);
    }

    private ConnectionCheck reachability(S3Target target) {
        URI uri = target.endpointOpt().orElse(URI.create("https://s3." + target.region() + ".amazonaws.com"));
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        // the port as text: a number would be grouped (39,807)
        String portText = String.valueOf(port);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 5000);
            return ConnectionCheck.passed(ENDPOINT, t("svc.conn.reached", uri.getHost(), portText));
        } catch (IOException e) {
            UserMessage m = S3Errors.describe(e);
            String code = S3Errors.TIMEOUT.equals(m.code()) || "TIMEOUT".equals(m.code())
                    ? S3Errors.ENDPOINT_UNREACHABLE
                    : m.code();
            return ConnectionCheck.of(
                    Status.FAILED,
                    code,
                    ENDPOINT,
                    t(
                            "svc.conn.unreachable",
                            uri.getHost(),
                            portText,
                            e.getClass().getSimpleName()),
                    t("svc.conn.unreachable.fix"));
        }
    }

    private void permissions(S3Client s3, String bucket, Consumer<ConnectionCheck> add) {
        add.accept(probe(t("svc.conn.check.list"), t("svc.conn.feature.list"), "s3:ListBucket", () -> {
            // URL-encoded, like every listing: one key with a character XML cannot carry must not fail this check
            s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1).encodingType(EncodingType.URL));
            return t("svc.conn.canList");
        }));
        cancelPoint();
        String key = PROBE_PREFIX + UUID.randomUUID();
        add.accept(probe(t("svc.conn.check.upload"), t("svc.conn.feature.upload"), "s3:PutObject", () -> {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/plain"), RequestBody.fromString("obitox"));
            try {
                s3.deleteObject(b -> b.bucket(bucket).key(key));
                return t("svc.conn.canUpload");
            } catch (RuntimeException e) {
                return t("svc.conn.cannotDelete", key);
            }
        }));
        cancelPoint();
        add.accept(probe(
                t("svc.conn.check.multipart"),
                t("svc.conn.feature.multipart"),
                t("svc.conn.permissionPair", "s3:PutObject", "s3:AbortMultipartUpload"),
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
                    return t("svc.conn.canMultipart");
                }));
        cancelPoint();
        add.accept(probe(
                t("svc.conn.check.listIncomplete"),
                t("svc.conn.feature.listIncomplete"),
                "s3:ListBucketMultipartUploads",
                () -> {
                    s3.listMultipartUploads(b -> b.bucket(bucket).maxUploads(1));
                    return t("svc.conn.canListIncomplete");
                }));
        cancelPoint();
        CORSConfiguration[] current = new CORSConfiguration[1];
        ConnectionCheck read =
                probe(t("svc.conn.check.readCors"), t("svc.conn.feature.readCors"), "s3:GetBucketCors", () -> {
                    try {
                        GetBucketCorsResponse r = s3.getBucketCors(b -> b.bucket(bucket));
                        current[0] = CORSConfiguration.builder()
                                .corsRules(r.corsRules())
                                .build();
                        return t(
                                "svc.conn.canReadCors",
                                String.valueOf(r.corsRules().size()));
                    } catch (RuntimeException e) {
                        if ("NoSuchCORSConfiguration".equals(S3Errors.awsCode(e))) {
                            return t("svc.conn.canReadCorsNone");
                        }
                        throw e;
                    }
                });
        add.accept(read);
        cancelPoint();
        if (read.status() == Status.PASSED) {
            add.accept(probe(WRITE_CORS, t("svc.conn.feature.writeCors"), "s3:PutBucketCors", () -> {
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
                return t("svc.conn.canWriteCors");
            }));
        } else {
            add.accept(ConnectionCheck.skipped(WRITE_CORS, t("svc.conn.writeCorsSkipped")));
        }
    }

    /** @param permission what the check needs: a permission's name, or a {@link TextRef} naming more than one */
    private static ConnectionCheck probe(TextRef name, TextRef feature, Object permission, Probe probe) {
        try {
            return ConnectionCheck.passed(name, probe.run());
        } catch (RuntimeException e) {
            UserMessage m = S3Errors.describe(e);
            if (S3Errors.NOT_IMPLEMENTED.equals(m.code())) {
                boolean cors = name.key().endsWith("Cors");
                return ConnectionCheck.of(
                        Status.WARNING,
                        m.code(),
                        name,
                        t(cors ? "svc.conn.notSupportedCors" : "svc.conn.notSupported"),
                        t("svc.conn.affected", feature));
            }
            if (S3Errors.ACCESS_DENIED.equals(m.code())) {
                return ConnectionCheck.of(
                        Status.WARNING,
                        m.code(),
                        name,
                        t("svc.conn.notAllowed", permission),
                        t("svc.conn.notAllowed.fix", feature, permission));
            }
            TextRef affects = t("svc.conn.affects", feature);
            return new ConnectionCheck(
                    name.english(),
                    Status.WARNING,
                    m.code(),
                    m.message(),
                    affects.english(),
                    name,
                    m.messageRef(),
                    affects);
        }
    }

    private static TextRef t(String key, Object... args) {
        return TextRef.of(key, args);
    }

    private static void cancelPoint() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Connection test cancelled");
        }
    }

    @FunctionalInterface
    private interface Probe {
        TextRef run();
    }
}
