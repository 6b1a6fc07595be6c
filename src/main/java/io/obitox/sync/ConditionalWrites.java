package io.obitox.sync;

import io.obitox.settings.SettingsService;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Whether an endpoint honours {@code If-None-Match: *} on PutObject (answers 412 when the key exists), found out
 * once per endpoint by writing a probe key twice and kept in the settings ({@code sync.conditionalWrites.ENDPOINT}),
 * so {@code --if-exists skip|rename|fail} know whether a key written by another client between the listing and the
 * upload is protected or the check is only best-effort. Not assumed from the provider: RGW 16 honours it, older
 * servers and some S3 clones ignore it. Thread-safe.
 */
public final class ConditionalWrites {
    private static final Logger log = LoggerFactory.getLogger(ConditionalWrites.class);
    static final String SETTING = "sync.conditionalWrites.";
    /** Where the probe writes (and deletes at once): a hidden, unique key. */
    static final String PROBE_PREFIX = ".obitox-probe/";

    private final StorageClients clients;
    private final SettingsService settings;
    private final Map<String, Boolean> cache = new ConcurrentHashMap<>();

    public ConditionalWrites(StorageClients clients, SettingsService settings) {
        this.clients = clients;
        this.settings = settings;
    }

    /**
     * Whether writes with {@code If-None-Match: *} to this endpoint are refused on an existing key. Probes with
     * {@code bucket} the first time (two PUTs of a one-byte object and a DELETE); a probe that cannot write says
     * false and is not remembered (asked again next time).
     */
    public boolean supported(S3Target target, String bucket) {
        String endpoint = UploadIndex.endpointKey(target);
        Boolean known = cache.get(endpoint);
        if (known != null) {
            return known;
        }
        var stored = settings.get(SETTING + endpoint);
        if (stored.isPresent()) {
            boolean b = Boolean.parseBoolean(stored.get());
            cache.put(endpoint, b);
            return b;
        }
        Boolean probed = probe(clients.interactive(target), bucket);
        if (probed == null) {
            return false;
        }
        cache.put(endpoint, probed);
        settings.put(SETTING + endpoint, probed.toString());
        return probed;
    }

    /** True: the second write was refused with 412; false: it went through; null: the probe could not tell. */
    static Boolean probe(S3Client s3, String bucket) {
        String key = PROBE_PREFIX + UUID.randomUUID();
        try {
            put(s3, bucket, key);
        } catch (RuntimeException e) {
            if (e instanceof S3Exception s && (s.statusCode() == 501 || s.statusCode() == 400)) {
                return false; // the header itself is refused: not supported
            }
            log.info("Conditional-write probe could not write to {}: {}", bucket, e.toString());
            return null;
        }
        try {
            put(s3, bucket, key);
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return true;
            }
            log.info("Conditional-write probe: second write answered {}", e.statusCode());
            return null;
        } catch (RuntimeException e) {
            return null;
        } finally {
            try {
                s3.deleteObject(b -> b.bucket(bucket).key(key));
            } catch (RuntimeException e) {
                log.info("Conditional-write probe key {} not deleted: {}", key, e.toString());
            }
        }
    }

    /**
     * One byte, not an empty object: Ceph RGW 16 answers 400 to the SDK's signed PutObject of an empty body, which
     * made the probe read RGW (which does answer 412) as "not supported".
     */
    private static void put(S3Client s3, String bucket, String key) {
        s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*").contentLength(1L), RequestBody.fromString("?"));
    }
}
