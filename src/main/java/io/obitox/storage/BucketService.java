package io.obitox.storage;

import io.obitox.common.ObitoxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Buckets and their objects: list buckets, browse objects by prefix (one page at a time), create a bucket.
 * Blocking calls; run them off the FX thread. Failures come out as {@link ObitoxException} with the
 * codes of {@link S3Errors}.
 */
public final class BucketService {
    public static final int PAGE_SIZE = 1000;

    private final StorageClients clients;

    public BucketService(StorageClients clients) {
        this.clients = clients;
    }

    public List<BucketInfo> listBuckets(S3Target target) {
        try {
            S3Client s3 = clients.interactive(target);
            List<BucketInfo> out = new ArrayList<>();
            s3.listBuckets().buckets().forEach(b -> out.add(new BucketInfo(b.name(), b.creationDate())));
            out.sort(Comparator.comparing(BucketInfo::name));
            return out;
        } catch (RuntimeException e) {
            throw S3Errors.toException(e);
        }
    }

    /**
     * One page of the objects directly under {@code prefix} (folders as common prefixes), or of all objects below it
     * when {@code recursive}.
     */
    public ObjectListing listObjects(S3Target target, String bucket, String prefix, boolean recursive, String token) {
        return listObjects(target, bucket, prefix, recursive, token, PAGE_SIZE);
    }

    /** As {@link #listObjects(S3Target, String, String, boolean, String)}, at most {@code maxKeys} entries. */
    public ObjectListing listObjects(
            S3Target target, String bucket, String prefix, boolean recursive, String token, int maxKeys) {
        String p = prefix == null ? "" : prefix;
        try {
            // by hand where the endpoint allows it (DirectList: a third of a listing's CPU); the SDK's client otherwise
            // and for what it would retry
            Optional<ObjectListing> direct =
                    clients.directList(target).flatMap(d -> d.page(bucket, p, recursive, token, maxKeys));
            if (direct.isPresent()) {
                return direct.get();
            }
            ListObjectsV2Request.Builder req = ListObjectsV2Request.builder()
                    .bucket(bucket)
                    .prefix(p.isEmpty() ? null : p)
                    .maxKeys(maxKeys)
                    // keys may hold characters XML 1.0 cannot carry (ESC, BEL): asked URL-encoded, the SDK decodes
                    // them, as the aws CLI does; otherwise one such key makes the whole listing unreadable
                    .encodingType(EncodingType.URL)
                    .continuationToken(token);
            if (!recursive) {
                req.delimiter("/");
            }
            return listing(clients.interactive(target).listObjectsV2(req.build()), bucket, p);
        } catch (RuntimeException e) {
            throw S3Errors.toException(e);
        }
    }

    /** The SDK's answer as one page (folders first; the prefix's own folder marker left out). */
    static ObjectListing listing(ListObjectsV2Response res, String bucket, String p) {
        List<ObjectEntry> entries = new ArrayList<>();
        for (CommonPrefix cp : res.commonPrefixes()) {
            entries.add(ObjectEntry.folder(cp.prefix()));
        }
        for (S3Object o : res.contents()) {
            if (o.key().equals(p) && p.endsWith("/")) {
                continue; // the "folder marker" object of the prefix itself
            }
            entries.add(new ObjectEntry(
                    o.key(),
                    o.size() == null ? 0 : o.size(),
                    o.lastModified(),
                    o.eTag(),
                    false,
                    o.storageClassAsString()));
        }
        String next = Boolean.TRUE.equals(res.isTruncated()) ? res.nextContinuationToken() : null;
        return new ObjectListing(bucket, p, entries, next);
    }

    /**
     * Every entry under the prefix, all pages, stopping at {@code limit} entries; folders first, then objects, like
     * one page. (S3 sorts folders and objects together, so a folder can arrive on a later page than objects.)
     */
    public List<ObjectEntry> listAll(S3Target target, String bucket, String prefix, boolean recursive, int limit) {
        List<ObjectEntry> folders = new ArrayList<>();
        List<ObjectEntry> objects = new ArrayList<>();
        String token = null;
        do {
            ObjectListing page = listObjects(target, bucket, prefix, recursive, token);
            for (ObjectEntry e : page.entries()) {
                if (folders.size() + objects.size() >= limit) {
                    break;
                }
                (e.folder() ? folders : objects).add(e);
            }
            token = folders.size() + objects.size() < limit ? page.nextToken() : null;
        } while (token != null);
        folders.addAll(objects);
        return folders;
    }

    /** The keys a search found, how many it looked at, and whether it stopped at its bound. */
    public record SearchResult(List<ObjectEntry> matches, int scanned, boolean truncated) {
        public SearchResult {
            matches = List.copyOf(matches);
        }
    }

    /**
     * "Search from here": every object below {@code prefix} (all levels) whose key after the prefix contains
     * {@code text} (ignoring case; empty matches all), stopping at {@code limit} matches. Listed page by page, so it
     * stops between pages when the calling thread is interrupted (a cancelled UI task) with a
     * {@link java.util.concurrent.CancellationException}.
     */
    public SearchResult search(S3Target target, String bucket, String prefix, String text, int limit) {
        String p = prefix == null ? "" : prefix;
        String needle = text == null ? "" : text.toLowerCase(java.util.Locale.ROOT);
        List<ObjectEntry> matches = new ArrayList<>();
        int scanned = 0;
        String token = null;
        do {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("search cancelled");
            }
            ObjectListing page = listObjects(target, bucket, p, true, token);
            for (ObjectEntry e : page.entries()) {
                scanned++;
                if (e.name(p).toLowerCase(java.util.Locale.ROOT).contains(needle)) {
                    matches.add(e);
                    if (matches.size() >= limit) {
                        return new SearchResult(matches, scanned, true);
                    }
                }
            }
            token = page.nextToken();
        } while (token != null);
        return new SearchResult(matches, scanned, false);
    }

    public void createBucket(S3Target target, String name) {
        BucketNames.require(name);
        try {
            S3Client s3 = clients.interactive(target);
            // Ceph RGW (like AWS in us-east-1) answers 200 to creating a bucket you already own, so ask first:
            // otherwise the user would read "created" for a bucket that was there all along.
            if (exists(s3, name)) {
                throw bucketExists(name, true);
            }
            CreateBucketRequest.Builder req = CreateBucketRequest.builder().bucket(name);
            boolean awsOutsideUsEast1 = target.endpoint() == null && !"us-east-1".equals(target.region());
            if (awsOutsideUsEast1) {
                req.createBucketConfiguration(
                        c -> c.locationConstraint(BucketLocationConstraint.fromValue(target.region())));
            }
            s3.createBucket(req.build());
        } catch (ObitoxException e) {
            throw e;
        } catch (RuntimeException e) {
            String code = S3Errors.awsCode(e);
            if ("BucketAlreadyOwnedByYou".equals(code) || "BucketAlreadyExists".equals(code)) {
                throw bucketExists(name, "BucketAlreadyOwnedByYou".equals(code));
            }
            throw S3Errors.toException(e);
        }
    }

    /** True when the bucket answers HeadBucket; 403 (someone else's, or no permission) is left to CreateBucket. */
    private static boolean exists(S3Client s3, String name) {
        try {
            s3.headBucket(b -> b.bucket(name));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404 || e.statusCode() == 403 || e.statusCode() == 301) {
                return false;
            }
            throw e;
        }
    }

    private static ObitoxException bucketExists(String name, boolean yours) {
        return new ObitoxException(
                "BUCKET_EXISTS",
                "A bucket named '" + name + "' already exists"
                        + (yours ? " and is yours." : " (owned by someone else)."),
                "Pick another name.");
    }
}
