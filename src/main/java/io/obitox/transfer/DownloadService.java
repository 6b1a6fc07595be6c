package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import io.obitox.objects.Encryption;
import io.obitox.objects.ObjectHeaders;
import io.obitox.objects.SseCKey;
import io.obitox.objects.UploadSettings;
import io.obitox.profile.TargetRef;
import io.obitox.storage.BucketService;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.ObjectListing;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import io.obitox.storage.SseCRefusal;
import io.obitox.storage.StorageClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Queues downloads (issue 18): one object, or every object below a prefix, as {@link TransferDirection#DOWNLOAD}
 * transfers of the same queue and engine as uploads. Decides each object's local path (keys made safe and kept inside
 * the chosen folder, {@link DownloadFiles#inside}), applies the conflict choice to names that exist locally, and
 * resumes an unfinished download of the same object to the same file instead of starting over.
 *
 * <p>Thread-safe; blocking (a HEAD, or the listing of the prefix, and inserts): call it off the FX thread.
 */
public final class DownloadService {
    private static final int CHUNK = 5_000;

    private final TransferRepository repo;
    private final TransferEngine engine;
    private final Function<TargetRef, S3Target> targets;
    private final StorageClients clients;
    private final BucketService buckets;
    private final Clock clock;

    /** What to do when the local file exists. */
    public enum IfExists {
        /** Replace it (at the end, in one rename). */
        OVERWRITE,
        /** Keep both: the download gets {@code name (1).ext}. */
        RENAME,
        /** Leave it and do not download. */
        SKIP,
        /** Leave it when it is the object's content (size and MD5 = ETag), else replace it (as {@code upload}). */
        SKIP_IDENTICAL,
        /** Leave it and fail that object with {@code LOCAL_EXISTS}. */
        FAIL;

        /**
         * {@code overwrite}, {@code rename} (or {@code keep-both}), {@code skip}, {@code skip-identical}, {@code fail};
         * anything else is refused.
         */
        public static IfExists parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            switch (t) {
                case "overwrite":
                    return OVERWRITE;
                case "rename":
                case "keep-both":
                    return RENAME;
                case "skip":
                    return SKIP;
                case "skip-identical":
                    return SKIP_IDENTICAL;
                case "fail":
                    return FAIL;
                default:
                    throw new ObitoxException(
                            "BAD_IF_EXISTS",
                            "'" + text + "' is not a choice for an existing local file.",
                            "Use --if-exists overwrite, rename (keep both), skip, skip-identical or fail.");
            }
        }
    }

    /**
     * An object not downloaded because of the conflict choice (or a folder in the way).
     *
     * @param action as the JSON names it: {@code skipped-existing}, {@code skipped-identical}, or {@code failed} for
     *     {@code --if-exists fail} (a failure: the command exits 1)
     */
    public record Skipped(String key, Path destination, String reason, String action) {
        public boolean failed() {
            return "failed".equals(action);
        }
    }

    /**
     * What was queued: the transfer ids in key order (resumed ones included), and what was skipped.
     *
     * @param resumed how many of the ids are unfinished downloads that were resumed rather than queued anew
     */
    public record Batch(String id, List<String> transferIds, List<Skipped> skipped, int resumed) {}

    public DownloadService(
            TransferRepository repo,
            TransferEngine engine,
            Function<TargetRef, S3Target> targets,
            StorageClients clients,
            BucketService buckets,
            Clock clock) {
        this.repo = repo;
        this.engine = engine;
        this.targets = targets;
        this.clients = clients;
        this.buckets = buckets;
        this.clock = clock;
    }

    /**
     * Queues the download of {@code keyOrPrefix} from {@code bucket}. A key ending in {@code /} (or empty) is a
     * prefix: every object below it goes into {@code destination} (a folder, created as needed) with the folder tree
     * below the prefix. A key goes to {@code destination} when that is a file name, or into it when it is an existing
     * folder or ends with a separator; null means the current folder.
     */
    public Batch download(TargetRef ref, String bucket, String keyOrPrefix, Path destination, IfExists ifExists) {
        return download(ref, bucket, keyOrPrefix, destination, ifExists, null);
    }

    /**
     * As {@link #download(TargetRef, String, String, Path, IfExists)} for objects encrypted with a customer key
     * (SSE-C): {@code sseC} goes on every HEAD and GET. Like an upload's, the key is kept in memory only ({@link
     * TransferEngine#sseCKeys()}); the transfer rows store its fingerprint, so a resume in another process needs it
     * given again.
     *
     * @param sseC the customer key, or null
     */
    public Batch download(
            TargetRef ref, String bucket, String keyOrPrefix, Path destination, IfExists ifExists, SseCKey sseC) {
        S3Target target = targets.apply(ref);
        if (sseC != null) {
            engine.sseCKeys().add(sseC);
        }
        boolean prefix = keyOrPrefix.isEmpty() || keyOrPrefix.endsWith("/");
        Path dest = destination == null ? Path.of("").toAbsolutePath() : destination.toAbsolutePath();
        List<Item> items = prefix
                ? listed(target, bucket, keyOrPrefix, dest)
                : List.of(single(target, bucket, keyOrPrefix, dest, destination, sseC));
        if (items.isEmpty()) {
            throw new ObitoxException(
                    "NOTHING_TO_DOWNLOAD",
                    "There are no objects below s3://" + bucket + "/" + keyOrPrefix + " on " + target.label() + ".",
                    "Check the prefix with 'obitox ls " + bucket + "/" + keyOrPrefix + "'.");
        }
        UploadSettings settings =
                sseC == null ? UploadSettings.NONE : UploadSettings.NONE.withEncryption(Encryption.customer(sseC));
        return queue(target, ref, bucket, items, ifExists, settings);
    }

    /** An object to fetch and where it would go before the conflict choice. */
    private record Item(String key, Path path, long size, String etag, Instant lastModified, String contentType) {}

    private Item single(S3Target target, String bucket, String key, Path dest, Path given, SseCKey sseC) {
        HeadObjectResponse head;
        try {
            head = clients.interactive(target)
                    .headObject(ObjectHeaders.headWith(
                                    HeadObjectRequest.builder().bucket(bucket).key(key), sseC)
                            .build());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new ObitoxException(
                        "NO_SUCH_KEY",
                        "There is no object '" + key + "' in bucket '" + bucket + "' on " + target.label() + ".",
                        "Check the key with 'obitox ls'; to download a folder, end it with '/'.");
            }
            if (SseCRefusal.refused(e)) {
                // S3 and RGW answer a HEAD of an SSE-C object without its key (or with another) with a bare 400
                throw SseCRefusal.of(
                        bucket,
                        key,
                        sseC != null,
                        TextRef.of(sseC == null ? "svc.sseC.fix.download" : "svc.sseC.fix.wrongKey"),
                        e);
            }
            throw S3Errors.toException(e);
        } catch (RuntimeException e) {
            throw S3Errors.toException(e);
        }
        String name = key.substring(key.lastIndexOf('/') + 1);
        boolean intoFolder = given == null
                || Files.isDirectory(dest)
                || given.toString().endsWith("/")
                || given.toString().endsWith(java.io.File.separator);
        Path path = intoFolder ? DownloadFiles.inside(dest, name) : dest.normalize();
        return new Item(
                key,
                path,
                head.contentLength(),
                JobContext.unquote(head.eTag()),
                head.lastModified(),
                head.contentType());
    }

    private List<Item> listed(S3Target target, String bucket, String prefix, Path root) {
        List<Item> out = new ArrayList<>();
        String token = null;
        do {
            ObjectListing page = buckets.listObjects(target, bucket, prefix, true, token);
            for (ObjectEntry e : page.entries()) {
                if (e.folder() || e.key().endsWith("/")) {
                    continue; // folder markers: the tree is made by the files below them
                }
                out.add(new Item(
                        e.key(),
                        DownloadFiles.inside(root, e.key().substring(prefix.length())),
                        e.size(),
                        JobContext.unquote(e.etag()),
                        e.lastModified(),
                        null));
            }
            token = page.nextToken();
        } while (token != null);
        return out;
    }

    private Batch queue(
            S3Target target,
            TargetRef ref,
            String bucket,
            List<Item> items,
            IfExists ifExists,
            UploadSettings settings) {
        String json = ref.toJson();
        String batch = UUID.randomUUID().toString();
        Map<String, List<Transfer>> unfinished = new HashMap<>();
        for (Transfer t : repo.unfinishedTo(items.stream().map(Item::key).toList())) {
            if (t.download() && t.targetRef().equals(json) && t.bucket().equals(bucket)) {
                unfinished.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t);
            }
        }
        Set<Path> taken = new HashSet<>();
        List<String> ids = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<Transfer> fresh = new ArrayList<>();
        int resumed = 0;
        Instant now = clock.instant();
        long partSize = engine.settings().partSize();
        for (Item it : items) {
            Transfer earlier = earlier(unfinished.get(it.key()), it.path());
            if (earlier != null && !sameKey(earlier, settings)) {
                // queued without the key (or with another): resumed it would fail again, so it makes way for this one
                if (earlier.state() == TransferState.RUNNING) {
                    taken.add(earlier.source());
                } else {
                    engine.cancel(earlier.id());
                }
                earlier = null;
            }
            if (earlier != null && taken.add(earlier.source())) {
                engine.resume(earlier.id()); // its part file and recorded ranges are ours: go on from them
                ids.add(earlier.id());
                resumed++;
                continue;
            }
            Path path = it.path();
            boolean exists = Files.exists(path) || taken.contains(path);
            if (exists && (ifExists == IfExists.RENAME || taken.contains(path))) {
                path = DownloadFiles.keepBoth(path, taken); // two keys of one run never share a file
            } else if (exists && Files.isDirectory(path)) {
                skipped.add(new Skipped(it.key(), path, "a folder of that name exists", "skipped-existing"));
                continue;
            } else if (exists && ifExists == IfExists.SKIP) {
                skipped.add(new Skipped(it.key(), path, "the file exists (--if-exists skip)", "skipped-existing"));
                continue;
            } else if (exists && ifExists == IfExists.FAIL) {
                skipped.add(new Skipped(it.key(), path, "the file exists (--if-exists fail)", "failed"));
                continue;
            } else if (exists && ifExists == IfExists.SKIP_IDENTICAL && identical(path, it)) {
                skipped.add(new Skipped(it.key(), path, "the file is the object's content", "skipped-identical"));
                continue;
            }
            taken.add(path);
            Transfer t =
                    newTransfer(batch, target, json, bucket, it, path, !replaces(ifExists), partSize, settings, now);
            fresh.add(t);
            ids.add(t.id());
        }
        for (int from = 0; from < fresh.size(); from += CHUNK) {
            List<Transfer> chunk = fresh.subList(from, Math.min(fresh.size(), from + CHUNK));
            repo.insertAll(chunk);
            engine.submit(chunk);
        }
        return new Batch(batch, List.copyOf(ids), List.copyOf(skipped), resumed);
    }

    /** Whether {@code t} was queued with the customer key {@code settings} name (or, like them, with none). */
    private static boolean sameKey(Transfer t, UploadSettings settings) {
        return java.util.Objects.equals(
                t.target().settings().encryption().customerKeyMd5(),
                settings.encryption().customerKeyMd5());
    }

    /** Whether the finished download may replace a file that is there by then. */
    private static boolean replaces(IfExists ifExists) {
        return ifExists == IfExists.OVERWRITE || ifExists == IfExists.SKIP_IDENTICAL;
    }

    /**
     * Whether the local file is the object: the same size, and its MD5 is the ETag where that is an MD5 (32 hex
     * digits, no {@code -N}). An object whose ETag says nothing of its content is never taken as identical.
     */
    private static boolean identical(Path file, Item it) {
        try {
            if (Files.size(file) != it.size() || it.etag() == null || !it.etag().matches("[0-9a-fA-F]{32}")) {
                return false;
            }
            return SourceFile.hex(SourceFile.md5(file, 0, it.size())).equalsIgnoreCase(it.etag());
        } catch (java.io.IOException | RuntimeException unreadable) {
            return false; // cannot tell: download it again
        }
    }

    /**
     * The unfinished download of this key to {@code path}, or to a "keep both" name of it in the same folder ({@code
     * name (2).ext}: the same command run again after a kill, when the name was taken the first time); null if none.
     */
    private static Transfer earlier(List<Transfer> candidates, Path path) {
        if (candidates == null) {
            return null;
        }
        String name = path.getFileName().toString();
        String ext = io.obitox.validation.FileNames.extension(name);
        String base = ext.isEmpty() ? name : name.substring(0, name.length() - ext.length() - 1);
        java.util.regex.Pattern keepBoth = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(base)
                + " \\(\\d+\\)" + (ext.isEmpty() ? "" : java.util.regex.Pattern.quote("." + ext)));
        Transfer renamed = null;
        for (Transfer t : candidates) {
            if (t.source().equals(path)) {
                return t;
            }
            if (renamed == null
                    && t.target().ifNoneMatch() // queued with rename or skip, never overwrite
                    && path.getParent().equals(t.source().getParent())
                    && keepBoth.matcher(t.source().getFileName().toString()).matches()) {
                renamed = t;
            }
        }
        return renamed;
    }

    private Transfer newTransfer(
            String batch,
            S3Target target,
            String json,
            String bucket,
            Item it,
            Path path,
            boolean keepExisting,
            long partSize,
            UploadSettings settings,
            Instant now) {
        PartPlan plan = RangedDownload.plan(it.size(), partSize);
        long mtime = it.lastModified() == null ? 0 : it.lastModified().toEpochMilli();
        return new Transfer(
                UUID.randomUUID().toString(),
                batch,
                engine.owner(),
                new Transfer.Source(path, it.size(), mtime, it.etag()),
                new Transfer.Target(
                        json,
                        target.label(),
                        TransferService.endpointKey(target),
                        bucket,
                        it.key(),
                        it.contentType(),
                        keepExisting,
                        settings,
                        TransferDirection.DOWNLOAD),
                Transfer.Plan.of(plan),
                Transfer.Progress.initial(TransferState.QUEUED, null),
                Transfer.Outcome.none(null, null, null),
                Transfer.Times.created(now));
    }
}
