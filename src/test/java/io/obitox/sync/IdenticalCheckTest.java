package io.obitox.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.storage.Provider;
import io.obitox.sync.IdenticalCheck.Basis;
import io.obitox.sync.IdenticalCheck.Decision;
import io.obitox.sync.IdenticalCheck.IndexAction;
import io.obitox.sync.IdenticalCheck.Result;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision table, with made-up facts and a content stub that counts what it was asked. */
class IdenticalCheckTest {
    private static final String MD5 = "900150983cd24fb0d6963f7d28e17f72";
    private static final String OTHER_MD5 = "0cc175b9c0f1b6a831c399e269772661";
    private static final String MULTI = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-3";
    private static final String SHA = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String OTHER_SHA = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";

    private final IdenticalCheck md5Etags = new IdenticalCheck(true, true);
    private final LocalFile local = new LocalFile("/home/u/a.txt", 3, 1000, "3:1000:cafe");

    /** Counts reads and HEADs; answers with the given digests and metadata. */
    private static final class Stub implements IdenticalCheck.Content {
        final LocalEtag.Digests digests;
        final Optional<String> sha;
        int reads;
        int heads;

        Stub(LocalEtag.Digests digests, Optional<String> sha) {
            this.digests = digests;
            this.sha = sha;
        }

        @Override
        public LocalEtag.Digests digests() {
            reads++;
            return digests;
        }

        @Override
        public Optional<String> remoteSha256() {
            heads++;
            return sha;
        }
    }

    private static Stub content(String etag, int parts, String sha, Optional<String> headSha) {
        // a single-PUT ETag is the whole MD5; a multipart one leaves the whole MD5 at the "abc" value
        return new Stub(new LocalEtag.Digests(3, etag, parts == 1 ? etag : MD5, sha, parts), headSha);
    }

    private static Stub single() {
        return content(MD5, 1, SHA, Optional.empty());
    }

    private static RemoteListing.RemoteObject listed(long size, String etag) {
        return new RemoteListing.RemoteObject(size, "\"" + etag + "\"", Instant.now());
    }

    private IndexEntry entry(String etag, String sha, LocalFile f) {
        return new IndexEntry(
                "ep", "b", "k", f.sourcePath(), f.size(), f.mtime(), f.fingerprint(), null, etag, sha, Instant.now());
    }

    @Test
    void notListedIsNewAndItsIndexRowIsDropped() {
        Stub c = single();
        Result r = md5Etags.decide(local, null, null, c);
        assertThat(r.decision()).isEqualTo(Decision.NEW);
        assertThat(r.indexAction()).isEqualTo(IndexAction.NONE);
        Result withRow = md5Etags.decide(local, entry(MD5, SHA, local), null, c);
        assertThat(withRow.decision()).isEqualTo(Decision.NEW);
        assertThat(withRow.indexAction()).isEqualTo(IndexAction.FORGET);
        assertThat(c.reads + c.heads).isZero();
    }

    @Test
    void aConfirmedIndexRowForTheUnchangedFileDecidesWithoutReadingIt() {
        Stub c = single();
        Result r = md5Etags.decide(local, entry(MD5, null, local), listed(3, MD5.toUpperCase()), c);
        assertThat(r.decision()).isEqualTo(Decision.IDENTICAL);
        assertThat(r.basis()).isEqualTo(Basis.INDEX);
        assertThat(c.reads + c.heads).isZero();
        // even where ETags are opaque: the row recorded the ETag the server gave, and the listing still shows it
        Result opaque =
                new IdenticalCheck(false, false).decide(local, entry("opaque", null, local), listed(3, "opaque"), c);
        assertThat(opaque.decision()).isEqualTo(Decision.IDENTICAL);
        assertThat(c.reads + c.heads).isZero();
    }

    @Test
    void sameSizeChangedBytesWithTheMtimePutBackIsNotFooledByTheIndex() {
        // the engine's fingerprint samples the content, so it differs although size and mtime were restored
        LocalFile edited = new LocalFile(local.sourcePath(), 3, 1000, "3:1000:beef");
        Stub c = content(OTHER_MD5, 1, OTHER_SHA, Optional.empty());
        Result r = md5Etags.decide(edited, entry(MD5, SHA, local), listed(3, MD5), c);
        assertThat(r.decision()).isEqualTo(Decision.CHANGED);
        assertThat(r.basis()).isEqualTo(Basis.SHA256_INDEX);
        assertThat(c.reads).isEqualTo(1);
        // without a recorded SHA-256 the listed ETag decides
        Result byEtag = md5Etags.decide(edited, entry(MD5, null, local), listed(3, MD5), c);
        assertThat(byEtag.decision()).isEqualTo(Decision.CHANGED);
        assertThat(byEtag.basis()).isEqualTo(Basis.ETAG);
    }

    @Test
    void aTouchedButIdenticalFileIsProvenByContentAndRecordedAgain() {
        LocalFile touched = new LocalFile(local.sourcePath(), 3, 2000, "3:2000:cafe");
        Stub c = single();
        Result r = md5Etags.decide(touched, entry(MD5, SHA, local), listed(3, MD5), c);
        assertThat(r.decision()).isEqualTo(Decision.IDENTICAL);
        assertThat(r.basis()).isEqualTo(Basis.SHA256_INDEX);
        assertThat(r.indexAction()).isEqualTo(IndexAction.RECORD);
        assertThat(r.digests().sha256()).isEqualTo(SHA);
        assertThat(c.reads).isEqualTo(1);
        assertThat(c.heads).isZero();
    }

    @Test
    void anObjectOverwrittenByAnotherToolIsNeverTakenFromTheIndex() {
        Stub c = single();
        // same size, ETag no longer the recorded one: the row is dropped, and the content decides (it differs)
        Result r = md5Etags.decide(local, entry(MD5, SHA, local), listed(3, OTHER_MD5), c);
        assertThat(r.decision()).isEqualTo(Decision.CHANGED);
        assertThat(r.basis()).isEqualTo(Basis.ETAG);
        assertThat(r.indexAction()).isEqualTo(IndexAction.FORGET);
        Result bigger = md5Etags.decide(local, entry(MD5, SHA, local), listed(4, MD5), c);
        assertThat(bigger.decision()).isEqualTo(Decision.CHANGED);
        assertThat(bigger.basis()).isEqualTo(Basis.SIZE);
        assertThat(bigger.indexAction()).isEqualTo(IndexAction.FORGET);
    }

    @Test
    void withoutAnIndexRowTheSizeThenTheMd5EtagDecide() {
        Stub c = single();
        Result size = md5Etags.decide(local, null, listed(5, MD5), c);
        assertThat(size.decision()).isEqualTo(Decision.CHANGED);
        assertThat(size.basis()).isEqualTo(Basis.SIZE);
        assertThat(c.reads).isZero();
        Result same = md5Etags.decide(local, null, listed(3, MD5), c);
        assertThat(same.decision()).isEqualTo(Decision.IDENTICAL);
        assertThat(same.basis()).isEqualTo(Basis.ETAG);
        assertThat(same.indexAction()).isEqualTo(IndexAction.RECORD);
        assertThat(c.heads).isZero();
    }

    @Test
    void aPlainEtagIsComparedWithTheWholeMd5EvenWhenTheEngineWouldGoMultipart() {
        // uploaded by another tool in one PUT; our plan would cut it into 3 parts
        Stub c = content(MULTI, 3, SHA, Optional.empty());
        assertThat(md5Etags.decide(local, null, listed(3, MD5), c).decision()).isEqualTo(Decision.IDENTICAL);
        assertThat(md5Etags.decide(local, null, listed(3, MULTI), c).basis()).isEqualTo(Basis.ETAG);
    }

    @Test
    void aMultipartEtagFromAnotherPartSizeFallsBackToTheSha256Metadata() {
        String otherParts = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-5";
        Stub withSha = content(MULTI, 3, SHA, Optional.of(SHA.toUpperCase()));
        Result r = md5Etags.decide(local, null, listed(3, otherParts), withSha);
        assertThat(r.decision()).isEqualTo(Decision.IDENTICAL);
        assertThat(r.basis()).isEqualTo(Basis.SHA256_HEAD);
        assertThat(r.headed()).isTrue();
        Stub without = content(MULTI, 3, SHA, Optional.empty());
        Result unknown = md5Etags.decide(local, null, listed(3, otherParts), without);
        assertThat(unknown.decision()).isEqualTo(Decision.CHANGED);
        assertThat(unknown.basis()).isEqualTo(Basis.UNVERIFIABLE);
        // same part count, other ETag: that is a real change, no HEAD needed
        Stub sameCount = content(MULTI, 3, SHA, Optional.of(SHA));
        Result changed = md5Etags.decide(local, null, listed(3, "cccccccccccccccccccccccccccccccc-3"), sameCount);
        assertThat(changed.decision()).isEqualTo(Decision.CHANGED);
        assertThat(sameCount.heads).isZero();
    }

    @Test
    void opaqueEtagsAreNeverComparedOnlyTheSha256Is() {
        IdenticalCheck b2 = IdenticalCheck.forProvider(Provider.B2);
        // an MD5-shaped ETag that is not the content's must not make a B2 object CHANGED: it says nothing there
        Stub c = content(MD5, 1, SHA, Optional.of(SHA));
        Result r = b2.decide(local, null, listed(3, OTHER_MD5), c);
        assertThat(r.decision()).isEqualTo(Decision.IDENTICAL);
        assertThat(r.basis()).isEqualTo(Basis.SHA256_HEAD);
        assertThat(c.heads).isEqualTo(1);
        Stub differs = content(MD5, 1, SHA, Optional.of(OTHER_SHA));
        assertThat(b2.decide(local, null, listed(3, MD5), differs).decision()).isEqualTo(Decision.CHANGED);
        // R2: plain ETags are MD5s, multipart ones are not
        IdenticalCheck r2 = IdenticalCheck.forProvider(Provider.R2);
        Stub none = single();
        assertThat(r2.decide(local, null, listed(3, MD5), none).basis()).isEqualTo(Basis.ETAG);
        assertThat(r2.decide(local, null, listed(3, MULTI), none).basis()).isEqualTo(Basis.UNVERIFIABLE);
    }
}
