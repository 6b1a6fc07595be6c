package io.obitox.sync;

import io.obitox.storage.Provider;
import java.util.Optional;

/**
 * Decides, for one local file and the key it would go to, whether the object there is the same content (IDENTICAL),
 * another content (CHANGED) or absent (NEW), as cheaply as the facts allow:
 *
 * <ol>
 *   <li>not in the listing: NEW (an index row for it is stale and is forgotten);
 *   <li>an index row that the listing confirms (same size and ETag) and whose recorded stat the file still has
 *       (path, size, mtime, ctime, file key, none of them racy: {@link #decideByStat}): IDENTICAL from one stat,
 *       nothing read;
 *   <li>an index row that the listing confirms and that describes the file unchanged (path, size, mtime, and the
 *       fingerprint, which reads up to three 64 KiB blocks): IDENTICAL without reading the whole file;
 *   <li>listed size differs from the file's: CHANGED without reading;
 *   <li>otherwise the file is read once ({@link LocalEtag}) and compared by content: with the SHA-256 the confirmed
 *       index row recorded; else with the listed ETag where the provider makes ETags from MD5s (the whole-content MD5
 *       for a plain ETag, md5-of-md5s with the engine's part plan for {@code -N}); else (opaque ETags: SSE-KMS, R2
 *       multipart, or another tool's part size) with the object's {@code x-amz-meta-sha256}, one HEAD, only now;
 *   <li>nothing to compare with: CHANGED, basis {@link Basis#UNVERIFIABLE}: the upload goes ahead rather than skip
 *       what cannot be proven identical.
 * </ol>
 *
 * An index row that the listing contradicts is never trusted: the result asks to {@link IndexAction#FORGET} it. A
 * file proven identical by content asks to {@link IndexAction#RECORD} it so that the next run needs no read.
 *
 * <p>Pure apart from the {@link Content} callbacks, each called at most once per decision. Immutable, thread-safe.
 */
public final class IdenticalCheck {
    public enum Decision {
        NEW,
        IDENTICAL,
        CHANGED
    }

    /** What the decision rests on, for the per-file report. */
    public enum Basis {
        NOT_LISTED,
        /** the index row's stat (size, mtime, ctime, file key) and the listing: nothing read */
        STAT,
        INDEX,
        SIZE,
        SHA256_INDEX,
        ETAG,
        SHA256_HEAD,
        UNVERIFIABLE
    }

    /** What the caller should do with the index row of this key. */
    public enum IndexAction {
        NONE,
        /** the row contradicts the listing (object gone, overwritten): drop it */
        FORGET,
        /** proven identical by content: write a row from the file's facts, the listed ETag and the SHA-256 */
        RECORD
    }

    /**
     * One decision.
     *
     * @param digests the file's digests when it was read for this decision, else null (reuse them for the upload)
     * @param headed whether a HEAD request was made for {@code x-amz-meta-sha256}
     */
    public record Result(
            Decision decision,
            Basis basis,
            IndexAction indexAction,
            LocalEtag.Digests digests,
            boolean headed,
            String reason) {}

    /** The expensive facts, asked for only when the cheap ones do not decide. */
    public interface Content {
        /** Reads the file: its ETag under the engine's part plan, whole MD5 and SHA-256. */
        LocalEtag.Digests digests();

        /** HEADs the object for its {@code x-amz-meta-sha256}; empty when it carries none. */
        Optional<String> remoteSha256();
    }

    private final boolean md5Single;
    private final boolean md5Multipart;

    /**
     * @param md5Single whether plain ETags on this endpoint are the content MD5
     * @param md5Multipart whether {@code -N} ETags are md5-of-md5s
     */
    public IdenticalCheck(boolean md5Single, boolean md5Multipart) {
        this.md5Single = md5Single;
        this.md5Multipart = md5Multipart;
    }

    /** As {@link Provider#etagIsMd5} says for this provider. Encrypted buckets still need {@code false, false}. */
    public static IdenticalCheck forProvider(Provider provider) {
        return new IdenticalCheck(provider.etagIsMd5(false), provider.etagIsMd5(true));
    }

    /**
     * The decision from one stat, or null when the stat does not decide (then read the file's fingerprint and call
     * {@link #decide}): IDENTICAL when the listing confirms the index row (same size and ETag) and the row
     * {@link IndexEntry#trusts trusts} the stat.
     */
    public Result decideByStat(LocalStat stat, IndexEntry entry, RemoteListing.RemoteObject remote) {
        if (remote == null || entry == null || !entry.matches(remote) || !entry.trusts(stat)) {
            return null;
        }
        return result(
                Decision.IDENTICAL,
                Basis.STAT,
                IndexAction.NONE,
                null,
                false,
                "uploaded from this file unchanged (size, mtime, ctime and inode as recorded); the listing shows the"
                        + " same size and ETag");
    }

    public Result decide(LocalFile local, IndexEntry entry, RemoteListing.RemoteObject remote, Content content) {
        if (remote == null) {
            return result(
                    Decision.NEW,
                    Basis.NOT_LISTED,
                    entry != null ? IndexAction.FORGET : IndexAction.NONE,
                    null,
                    false,
                    entry != null ? "not on the server (index row dropped)" : "not on the server");
        }
        boolean confirmed = entry != null && entry.matches(remote);
        IndexAction ifStale = entry != null && !confirmed ? IndexAction.FORGET : IndexAction.NONE;
        if (confirmed && entry.describes(local)) {
            return result(
                    Decision.IDENTICAL,
                    Basis.INDEX,
                    IndexAction.NONE,
                    null,
                    false,
                    "uploaded from this file unchanged; the listing shows the same size and ETag");
        }
        if (remote.size() != local.size()) {
            return result(
                    Decision.CHANGED,
                    Basis.SIZE,
                    ifStale,
                    null,
                    false,
                    "size differs: " + local.size() + " here, " + remote.size() + " on the server");
        }
        Memo memo = new Memo(content);
        if (confirmed && entry.sha256() != null) {
            boolean same = memo.digests().sha256().equals(entry.sha256());
            return result(
                    same ? Decision.IDENTICAL : Decision.CHANGED,
                    Basis.SHA256_INDEX,
                    same ? IndexAction.RECORD : IndexAction.NONE,
                    memo.digests,
                    false,
                    same ? "same SHA-256 as recorded for the object" : "SHA-256 differs from the object's");
        }
        String etag = remote.etag();
        boolean multipartShaped = etag != null && etag.indexOf('-') > 0;
        if (LocalEtag.isMd5Shaped(etag) && (multipartShaped ? md5Multipart : md5Single)) {
            LocalEtag.Digests d = memo.digests();
            String mine = multipartShaped ? d.etag() : d.md5();
            if (mine.equals(etag)) {
                return result(
                        Decision.IDENTICAL,
                        Basis.ETAG,
                        IndexAction.RECORD,
                        d,
                        false,
                        multipartShaped ? "same md5-of-md5s ETag" : "same MD5 ETag");
            }
            // a -N ETag made with other parts (another tool's part size) says nothing: go on to the SHA-256
            boolean comparable = !multipartShaped || (mine.indexOf('-') > 0 && partCount(etag) == d.parts());
            if (comparable) {
                return result(Decision.CHANGED, Basis.ETAG, ifStale, d, false, "ETag differs: content changed");
            }
        }
        Optional<String> sha = content.remoteSha256();
        if (sha.isPresent()) {
            boolean same = memo.digests().sha256().equalsIgnoreCase(sha.get().strip());
            return result(
                    same ? Decision.IDENTICAL : Decision.CHANGED,
                    Basis.SHA256_HEAD,
                    same ? IndexAction.RECORD : ifStale,
                    memo.digests,
                    true,
                    (same ? "same" : "different")
                            + " SHA-256 (x-amz-meta-sha256, one HEAD: the ETag is not an MD5 here)");
        }
        return result(
                Decision.CHANGED,
                Basis.UNVERIFIABLE,
                ifStale,
                memo.digests,
                true,
                "cannot prove identical: the ETag is not an MD5 here and the object has no x-amz-meta-sha256");
    }

    private static int partCount(String etag) {
        try {
            return Integer.parseInt(etag.substring(etag.indexOf('-') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Result result(
            Decision d, Basis b, IndexAction a, LocalEtag.Digests digests, boolean headed, String reason) {
        return new Result(d, b, a, digests, headed, reason);
    }

    /** Reads the file at most once per decision. Confined to one call of {@link #decide}. */
    private static final class Memo {
        private final Content content;
        private LocalEtag.Digests digests;

        Memo(Content content) {
            this.content = content;
        }

        LocalEtag.Digests digests() {
            if (digests == null) {
                digests = content.digests();
            }
            return digests;
        }
    }
}
