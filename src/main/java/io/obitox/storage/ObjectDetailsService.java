package io.obitox.storage;

import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetUrlRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * An object's details: HEAD for the headers and metadata, GetObjectTagging for the tags. Tags are optional on
 * S3-compatible servers: when the server has no tagging API or forbids reading tags, the details say so instead of
 * failing. Blocking; run off the FX thread. Thread-safe.
 */
public final class ObjectDetailsService {
    private final StorageClients clients;

    public ObjectDetailsService(StorageClients clients) {
        this.clients = clients;
    }

    public ObjectDetails details(S3Target target, String bucket, String key) {
        return details(target, bucket, key, b -> {});
    }

    /**
     * @param head adds headers to the HEAD request: an SSE-C object's key headers (without them S3 answers 400,
     *     which is {@code SSE_C_KEY_NEEDED}; with another key, {@code SSE_C_WRONG_KEY}: see {@link SseCRefusal})
     */
    public ObjectDetails details(S3Target target, String bucket, String key, Consumer<HeadObjectRequest.Builder> head) {
        S3Client s3 = clients.interactive(target);
        HeadObjectResponse h;
        HeadObjectRequest.Builder request =
                HeadObjectRequest.builder().bucket(bucket).key(key);
        head.accept(request);
        HeadObjectRequest built = request.build();
        try {
            h = s3.headObject(built);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw missing(s3, bucket, key, e);
            }
            if (SseCRefusal.refused(e)) {
                boolean keySent = built.sseCustomerKey() != null;
                throw SseCRefusal.of(
                        bucket, key, keySent, TextRef.of(keySent ? "svc.sseC.fix.wrongKey" : "svc.sseC.fix.stat"), e);
            }
            throw S3Errors.toException(e);
        } catch (RuntimeException e) {
            throw S3Errors.toException(e);
        }
        Map<String, String> tags = null;
        String tagsNote = "";
        try {
            Map<String, String> t = new LinkedHashMap<>();
            for (Tag tag : s3.getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet()) {
                t.put(tag.key(), tag.value());
            }
            tags = t;
        } catch (RuntimeException e) {
            // tags are optional on S3-compatible servers: say why there are none, never fail the details for it
            io.obitox.common.UserMessage m = S3Errors.describe(e);
            if (S3Errors.ACCESS_DENIED.equals(m.code())) {
                tagsNote = "No permission to read this object's tags.";
            } else if (S3Errors.NOT_IMPLEMENTED.equals(m.code())) {
                tagsNote = "This server does not support object tags.";
            } else {
                tagsNote = "The tags could not be read: " + m.message();
            }
        }
        String url = s3.utilities()
                .getUrl(GetUrlRequest.builder().bucket(bucket).key(key).build())
                .toString();
        return new ObjectDetails(
                bucket,
                key,
                h.contentLength() == null ? 0 : h.contentLength(),
                h.contentType(),
                h.eTag(),
                h.storageClassAsString() == null ? "STANDARD" : h.storageClassAsString(),
                encryption(h),
                h.lastModified(),
                h.versionId(),
                new TreeMap<>(h.metadata()),
                tags,
                tagsNote,
                url,
                h.cacheControl(),
                h.contentDisposition(),
                h.contentLanguage());
    }

    /**
     * The encryption one HEAD reports (ListObjectsV2 does not say it), for {@code ls --long}: {@code AES256}, {@code
     * aws:kms …}, {@code SSE-C …}, empty for none, {@code SSE-C (key needed)} when S3 refuses a HEAD without the key
     * (400), {@code ?} when it could not be read.
     */
    public String encryptionOf(S3Target target, String bucket, String key) {
        try {
            return encryption(
                    clients.interactive(target).headObject(b -> b.bucket(bucket).key(key)));
        } catch (S3Exception e) {
            return SseCRefusal.refused(e) ? "SSE-C (key needed)" : "?";
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static String encryption(HeadObjectResponse h) {
        if (h.sseCustomerAlgorithm() != null) {
            return "SSE-C " + h.sseCustomerAlgorithm();
        }
        String sse = h.serverSideEncryptionAsString();
        if (sse == null) {
            return "";
        }
        return h.ssekmsKeyId() == null ? sse : sse + " (key " + h.ssekmsKeyId() + ")";
    }

    /** HEAD gives 404 both for a missing key and a missing bucket, without a code; ask the bucket to tell them apart. */
    private static ObitoxException missing(S3Client s3, String bucket, String key, S3Exception cause) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return new ObitoxException(
                        S3Errors.BUCKET_MISSING,
                        "The bucket '" + bucket + "' does not exist.",
                        "Check the name with 'obitox ls'.",
                        cause);
            }
        } catch (RuntimeException ignored) {
            // the object is missing either way
        }
        return new ObitoxException(
                "OBJECT_MISSING",
                "There is no object '" + key + "' in bucket '" + bucket + "'.",
                "Check the key with 'obitox ls " + bucket + "/' (keys are case-sensitive).",
                cause);
    }
}
