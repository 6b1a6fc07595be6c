package io.obitox.presign;

import io.obitox.common.ObitoxException;
import io.obitox.common.Sizes;
import io.obitox.objects.Encryption;
import io.obitox.objects.ObjectHeaders;
import io.obitox.objects.ObjectSettingsErrors;
import io.obitox.objects.ProviderCapabilities;
import io.obitox.objects.SseCKey;
import io.obitox.objects.UploadSettings;
import io.obitox.objects.UploadSettingsRules;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Signs GET links (share a stored object) and PUT links (let someone upload one object) in batches of up to 100,
 * each with its own smart expiry, cut to the lifetime of temporary credentials. Works offline except for the size of
 * GET objects whose size the caller does not know (one HEAD each).
 *
 * <p>PUT links carry the request's object settings (issue 16) as signed headers: the uploader must send each of them
 * with exactly the value listed in {@link PresignedLink#headers}, or the server refuses the signature. SSE-C keys are
 * signed into PUT and GET links (the headers travel with the request, not in the URL) and listed as a placeholder,
 * never as the key.
 *
 * <p>Thread-safe and blocking (credential resolution, history query, HEAD requests): call it off the FX thread. Never
 * logs a URL; nothing is stored.
 */
public final class PresignService {
    /** The largest batch one request may sign (the feature plan's limit). */
    public static final int MAX_FILES = 100;

    private static final int MAX_KEY_BYTES = 1024;
    private static final Logger log = LoggerFactory.getLogger(PresignService.class);

    private final StorageClients clients;
    private final ThroughputHistory history;
    private final Clock clock;

    public PresignService(StorageClients clients, ThroughputHistory history, Clock clock) {
        this.clients = clients;
        this.history = history;
        this.clock = clock;
    }

    /**
     * Signs every file of the request, in order. Fails as a whole (nothing signed) on INVALID_FILES_ARRAY,
     * TOO_MANY_FILES, INVALID_FILE, BUCKET_REQUIRED, INVALID_EXPIRY, CREDENTIALS_EXPIRED, OBJECT_NOT_FOUND or an S3
     * failure while looking up sizes.
     */
    public PresignBatch presign(S3Target target, PresignRequest request) {
        List<LinkRequest> files = validate(request);
        UploadSettings settings = checkSettings(target, request, files);
        AwsCredentials credentials = resolveCredentials(target);
        Instant now = clock.instant();
        CredentialLifetime lifetime = CredentialLifetime.of(credentials);
        long remaining = lifetime.remainingSeconds(now);
        if (remaining < SmartExpiry.MIN_FIXED_SECONDS) {
            throw new ObitoxException(
                    "CREDENTIALS_EXPIRED",
                    "The temporary credentials of " + target.label() + " expired at " + lifetime.expiresAt()
                            + ": a link signed with them would never work.",
                    "Renew them (for example 'aws sso login' or a new session token), then sign again.");
        }
        ThroughputEstimate estimate = request.expiry().isAuto() ? estimate(target, request.network()) : null;
        List<Long> sizes = sizes(target, request.bucket(), files);
        S3Target signing = new S3Target(
                target.key() + "|presign",
                target.label(),
                target.provider(),
                target.endpoint(),
                target.region(),
                target.pathStyle(),
                StaticCredentialsProvider.create(credentials)); // the very credentials whose lifetime we read
        List<PresignedLink> links = new ArrayList<>(files.size());
        try (S3Presigner presigner = clients.presigner(signing)) {
            for (int i = 0; i < files.size(); i++) {
                links.add(sign(
                        presigner, request, settings, files.get(i), sizes.get(i), estimate, lifetime, now, remaining));
            }
        } catch (RuntimeException e) {
            throw S3Errors.toException(e);
        }
        List<String> warnings = new ArrayList<>();
        lifetime.warning(now).ifPresent(warnings::add);
        log.info(
                "Signed {} link(s) for s3://{} on {} ({} credentials)",
                links.size(),
                request.bucket(),
                target.where(),
                lifetime.kind());
        return new PresignBatch(links, lifetime, warnings, now);
    }

    /** The throughput an auto expiry would assume for this target now (for previews). Blocking (history query). */
    public ThroughputEstimate estimate(S3Target target, NetworkType chosen) {
        if (chosen != null) {
            return ThroughputEstimate.of(List.of(), chosen);
        }
        List<Double> measured;
        try {
            measured = history.recent(target, ThroughputEstimate.HISTORY_WINDOW);
        } catch (RuntimeException e) {
            log.warn("Throughput history unavailable; using the network table", e);
            measured = List.of();
        }
        return ThroughputEstimate.of(measured, null);
    }

    /**
     * The settings the PUT links carry, checked like an upload's (S3's limits, the provider's capabilities) before
     * anything is signed; an SSE-C request must come with its key.
     */
    private static UploadSettings checkSettings(S3Target target, PresignRequest request, List<LinkRequest> files) {
        UploadSettings settings = request.settings();
        if (settings.isEmpty()) {
            return settings;
        }
        boolean puts = files.stream().anyMatch(f -> f.method() == LinkMethod.PUT);
        if (puts) {
            UploadSettingsRules.check(settings);
            ProviderCapabilities.of(target.provider()).require(settings, target.label());
        }
        if (settings.encryption().mode() == Encryption.Mode.SSE_C && request.sseCKey() == null) {
            throw new ObitoxException(
                    ObjectSettingsErrors.KEY_NEEDED,
                    "SSE-C links need the key itself: it is signed into every link.",
                    "Give the key file (--sse-c-key-file).");
        }
        return settings;
    }

    private PresignedLink sign(
            S3Presigner presigner,
            PresignRequest request,
            UploadSettings settings,
            LinkRequest file,
            long size,
            ThroughputEstimate estimate,
            CredentialLifetime lifetime,
            Instant now,
            long remaining) {
        ExpiryExplanation e = estimate != null
                ? SmartExpiry.auto(size, estimate)
                : SmartExpiry.fixed(request.expiry().fixedSeconds(), size);
        if (lifetime.kind() == CredentialLifetime.Kind.TEMPORARY) {
            e = e.withCredentials(lifetime.expiresAt(), remaining);
        }
        // Signed for what the link really lasts, so the URL's own X-Amz-Expires never promises more than that.
        Duration duration = Duration.ofSeconds(e.seconds());
        String bucket = request.bucket();
        SseCKey key = request.sseCKey();
        PresignedRequest signed = switch (file.method()) {
            case GET ->
                presigner.presignGetObject(b -> b.signatureDuration(duration)
                        .getObjectRequest(
                                o -> ObjectHeaders.getWith(o.bucket(bucket).key(file.key()), key)));
            case PUT ->
                presigner.presignPutObject(b -> b.signatureDuration(duration).putObjectRequest(o -> {
                    o.bucket(bucket)
                            .key(file.key())
                            .contentType(file.contentType())
                            .contentMD5(file.contentMd5());
                    if (!settings.isEmpty()) {
                        new ObjectHeaders(settings, key, leafName(file.key())).put(o);
                        if (!settings.metadata().isEmpty()) {
                            o.metadata(settings.metadata());
                        }
                    }
                }));
        };
        List<String> warnings = new ArrayList<>();
        if (key != null) {
            warnings.add("Signed for SSE-C: send the key in base64 as " + SSE_C_KEY_HEADER + " (not listed here; its"
                    + " MD5 is " + key.md5Base64() + "), with the other headers listed.");
        }
        if (e.cutByCredentials()) {
            warnings.add("Asked for " + Sizes.duration(e.limitedSeconds())
                    + ", but the temporary credentials that sign this link expire at " + lifetime.expiresAt()
                    + ": it works for " + Sizes.duration(e.seconds()) + " only.");
        }
        if (e.auto() && file.method() == LinkMethod.PUT && file.size() == null) {
            warnings.add("No size given for '" + file.key() + "': the link lasts the " + Sizes.duration(e.seconds())
                    + " minimum. Give the size so a large upload gets the time it needs.");
        }
        return new PresignedLink(
                bucket,
                file.key(),
                file.method(),
                signed.url().toString(),
                headersToSend(signed),
                now.plusSeconds(e.seconds()),
                e.seconds(),
                e,
                warnings);
    }

    /**
     * The signed headers other than Host (which every HTTP client sends by itself), in their usual spelling: what the
     * uploader must send, each with exactly this value. The SSE-C key is a placeholder, never the key.
     */
    private static Map<String, String> headersToSend(PresignedRequest signed) {
        Map<String, String> out = new LinkedHashMap<>();
        signed.signedHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase(SSE_C_KEY_HEADER)) {
                out.put(displayName(name), SSE_C_KEY_PLACEHOLDER);
            } else if (!name.equalsIgnoreCase("host")) {
                out.put(displayName(name), String.join(",", values));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** The header that carries an SSE-C key. */
    public static final String SSE_C_KEY_HEADER = "x-amz-server-side-encryption-customer-key";
    /** What a link's headers show instead of the SSE-C key. */
    public static final String SSE_C_KEY_PLACEHOLDER = "<your SSE-C key, base64>";

    /** The last segment of a key: the file name {@code Content-Disposition: attachment} names. */
    static String leafName(String key) {
        String k = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        return k.substring(k.lastIndexOf('/') + 1);
    }

    static String displayName(String header) {
        StringBuilder sb = new StringBuilder();
        for (String part : header.split("-")) {
            if (sb.length() > 0) {
                sb.append('-');
            }
            if (part.equalsIgnoreCase("md5")) {
                sb.append("MD5");
            } else if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }

    private List<LinkRequest> validate(PresignRequest request) {
        List<LinkRequest> files = request.files();
        if (files == null || files.isEmpty()) {
            throw new ObitoxException(
                    "INVALID_FILES_ARRAY",
                    "There are no files to sign: the list is empty.",
                    "Give at least one object key (up to " + MAX_FILES + ").");
        }
        if (files.size() > MAX_FILES) {
            throw new ObitoxException(
                    "TOO_MANY_FILES",
                    files.size() + " files in one request; at most " + MAX_FILES + " can be signed at once.",
                    "Split them into batches of " + MAX_FILES + " or fewer.");
        }
        if (request.bucket() == null || request.bucket().isBlank()) {
            throw new ObitoxException("BUCKET_REQUIRED", "No bucket given.", "Name the bucket of the objects.");
        }
        List<LinkRequest> checked = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            checked.add(check(files.get(i), i + 1));
        }
        return checked;
    }

    private static LinkRequest check(LinkRequest f, int number) {
        if (f == null || f.key() == null || f.key().isEmpty()) {
            throw invalidFile(number, null, "has no key", "Give every file an object key.");
        }
        if (f.key().getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw invalidFile(number, f.key(), "has a key longer than 1,024 bytes", "Use a shorter key.");
        }
        if (f.size() != null && f.size() < 0) {
            throw invalidFile(number, f.key(), "has a negative size", "Give the size in bytes, or leave it out.");
        }
        if (f.method() == LinkMethod.GET) {
            return new LinkRequest(f.key(), LinkMethod.GET, f.size(), null, null); // Content-* apply to uploads only
        }
        if (f.contentType() != null && !f.contentType().chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw invalidFile(
                    number, f.key(), "has a Content-Type with characters a header cannot carry", "e.g. image/jpeg.");
        }
        return new LinkRequest(f.key(), f.method(), f.size(), f.contentType(), ContentMd5.normalize(f, number));
    }

    static ObitoxException invalidFile(int number, String key, String problem, String fix) {
        String which = "File " + number + (key == null ? "" : " ('" + key + "')");
        return new ObitoxException("INVALID_FILE", which + " " + problem + ".", fix);
    }

    private static AwsCredentials resolveCredentials(S3Target target) {
        try {
            return target.credentials().resolveCredentials();
        } catch (RuntimeException e) {
            throw S3Errors.toException(e);
        }
    }

    /** Sizes of the files: as given, 0 for a PUT without one, looked up (HEAD) for a GET without one. */
    private List<Long> sizes(S3Target target, String bucket, List<LinkRequest> files) {
        List<Long> out = new ArrayList<>(files.size());
        for (LinkRequest f : files) {
            if (f.size() != null) {
                out.add(f.size());
            } else if (f.method() == LinkMethod.PUT) {
                out.add(0L);
            } else {
                out.add(objectSize(target, bucket, f.key()));
            }
        }
        return out;
    }

    private long objectSize(S3Target target, String bucket, String key) {
        try {
            return clients.interactive(target)
                    .headObject(b -> b.bucket(bucket).key(key))
                    .contentLength();
        } catch (RuntimeException e) {
            if (S3Errors.status(e) == 404) {
                throw new ObitoxException(
                        "OBJECT_NOT_FOUND",
                        "There is no object '" + key + "' in bucket '" + bucket + "' on " + target.where() + ".",
                        "Check the key and the bucket (list them with 'obitox ls'); a GET link needs an object.",
                        e);
            }
            throw S3Errors.toException(e);
        }
    }
}
