package io.obitox.storage;

import io.obitox.common.ObitoxException;
import io.obitox.common.UserMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Deletes objects and whole prefixes in two steps: {@link #plan} lists what would go (count, total size, what
 * versioning makes of it) and changes nothing; {@link #delete} removes exactly the plan's keys with batched
 * {@code DeleteObjects} (1,000 keys per request), reporting each key the server refused.
 *
 * <p>Blocking; run off the FX thread. Both steps stop between requests when the calling thread is interrupted (a
 * cancelled UI task): a cancelled plan throws, a cancelled delete returns what it did so far. Thread-safe.
 */
public final class DeleteService {
    /** The most keys S3 takes in one DeleteObjects request. */
    public static final int BATCH = 1000;

    private final StorageClients clients;

    public DeleteService(StorageClients clients) {
        this.clients = clients;
    }

    /**
     * The plan for named keys (each checked with HEAD: its size, or listed as missing) and prefixes (every key under
     * each, folder markers included). A prefix that does not end with {@code /} gets one, so {@code photos} never
     * reaches {@code photos-old/}; the empty prefix means the whole bucket.
     */
    public DeletePlan plan(S3Target target, String bucket, List<String> keys, List<String> prefixes) {
        S3Client s3 = clients.interactive(target);
        List<ObjectEntry> named = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            checkInterrupted();
            try {
                HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(key));
                named.add(new ObjectEntry(
                        key, h.contentLength() == null ? 0 : h.contentLength(), h.lastModified(), h.eTag(), false));
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw S3Errors.toException(e);
                }
                requireBucket(s3, bucket, e);
                missing.add(key);
            } catch (RuntimeException e) {
                throw S3Errors.toException(e);
            }
        }
        return plan(target, bucket, named, prefixes, missing);
    }

    /**
     * The plan for entries picked in the browser: objects as listed (their sizes known), folders expanded into
     * every key under them.
     */
    public DeletePlan planEntries(S3Target target, String bucket, List<ObjectEntry> selected) {
        List<ObjectEntry> objects = selected.stream().filter(e -> !e.folder()).toList();
        List<String> folders = selected.stream()
                .filter(ObjectEntry::folder)
                .map(ObjectEntry::key)
                .toList();
        return plan(target, bucket, objects, folders, List.of());
    }

    private DeletePlan plan(
            S3Target target, String bucket, List<ObjectEntry> named, List<String> prefixes, List<String> missing) {
        S3Client s3 = clients.interactive(target);
        Map<String, ObjectEntry> all = new LinkedHashMap<>();
        named.forEach(e -> all.put(e.key(), e));
        List<String> normalized = new ArrayList<>();
        for (String raw : prefixes) {
            String prefix = normalizePrefix(raw);
            normalized.add(prefix);
            listUnder(s3, bucket, prefix, all);
        }
        return new DeletePlan(bucket, normalized, new ArrayList<>(all.values()), missing, versioning(s3, bucket));
    }

    /**
     * Deletes the plan's keys, {@link #BATCH} per request, in the plan's order. {@code progress} hears the number
     * deleted so far after each request (on this thread). A request the server refuses as a whole stops the delete
     * with that error (saying how many were deleted before it); keys it refuses one by one are in the result.
     */
    public DeleteResult delete(S3Target target, DeletePlan plan, IntConsumer progress) {
        S3Client s3 = clients.interactive(target);
        List<ObjectEntry> objects = plan.objects();
        List<DeleteResult.Failure> failures = new ArrayList<>();
        int deleted = 0;
        int requests = 0;
        for (int from = 0; from < objects.size(); from += BATCH) {
            if (Thread.currentThread().isInterrupted()) {
                return new DeleteResult(plan.bucket(), deleted, requests, failures, true);
            }
            List<ObjectIdentifier> ids = new ArrayList<>();
            for (ObjectEntry o : objects.subList(from, Math.min(objects.size(), from + BATCH))) {
                ids.add(ObjectIdentifier.builder().key(o.key()).build());
            }
            DeleteObjectsResponse res;
            try {
                res = s3.deleteObjects(
                        b -> b.bucket(plan.bucket()).delete(d -> d.objects(ids).quiet(false)));
            } catch (RuntimeException e) {
                UserMessage m = S3Errors.describe(e);
                throw new ObitoxException(
                        m.code(),
                        (deleted == 0
                                        ? "Nothing was deleted: "
                                        : deleted + " of " + objects.size() + " object(s) were deleted, then: ")
                                + m.message(),
                        m.fix(),
                        e);
            }
            requests++;
            deleted += res.deleted().size();
            for (S3Error err : res.errors()) {
                failures.add(new DeleteResult.Failure(err.key(), err.code(), err.message()));
            }
            progress.accept(deleted);
        }
        return new DeleteResult(plan.bucket(), deleted, requests, failures, false);
    }

    /** {@code ""} stays the whole bucket; anything else ends with exactly one more {@code /} if it had none. */
    public static String normalizePrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        return prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** Adds every key under {@code prefix}; a key the server returns outside it (it never should) stops the plan. */
    private static void listUnder(S3Client s3, String bucket, String prefix, Map<String, ObjectEntry> into) {
        String token = null;
        do {
            checkInterrupted();
            String t = token;
            ListObjectsV2Response res;
            try {
                res = s3.listObjectsV2(b -> b.bucket(bucket)
                        .prefix(prefix.isEmpty() ? null : prefix)
                        .encodingType(EncodingType.URL) // any key parses; see BucketService
                        .maxKeys(BucketService.PAGE_SIZE)
                        .continuationToken(t));
            } catch (RuntimeException e) {
                throw S3Errors.toException(e);
            }
            for (S3Object o : res.contents()) {
                if (!o.key().startsWith(prefix)) {
                    throw new ObitoxException(
                            "LISTING_OUTSIDE_PREFIX",
                            "The server listed '" + o.key() + "' for the prefix '" + prefix + "'; nothing was deleted.",
                            "Report this server; delete the keys by name instead.");
                }
                into.put(
                        o.key(),
                        new ObjectEntry(o.key(), o.size() == null ? 0 : o.size(), o.lastModified(), o.eTag(), false));
            }
            token = Boolean.TRUE.equals(res.isTruncated()) ? res.nextContinuationToken() : null;
        } while (token != null);
    }

    private static DeletePlan.Versioning versioning(S3Client s3, String bucket) {
        try {
            BucketVersioningStatus status =
                    s3.getBucketVersioning(b -> b.bucket(bucket)).status();
            if (status == BucketVersioningStatus.ENABLED) {
                return DeletePlan.Versioning.ENABLED;
            }
            return status == BucketVersioningStatus.SUSPENDED
                    ? DeletePlan.Versioning.SUSPENDED
                    : DeletePlan.Versioning.OFF;
        } catch (RuntimeException e) {
            // no versioning API (some S3-compatible servers) or no permission to read it: say "unknown", go on
            if (S3Errors.BUCKET_MISSING.equals(S3Errors.describe(e).code())) {
                throw S3Errors.toException(e);
            }
            return DeletePlan.Versioning.UNKNOWN;
        }
    }

    /** A 404 on HEAD means a missing key or a missing bucket; only the second is an error. */
    private static void requireBucket(S3Client s3, String bucket, S3Exception cause) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new ObitoxException(
                        S3Errors.BUCKET_MISSING,
                        "The bucket '" + bucket + "' does not exist.",
                        "Check the name with 'obitox ls'.",
                        cause);
            }
        }
    }

    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ObitoxException("CANCELLED", "Stopped before anything was deleted.", "");
        }
    }
}
