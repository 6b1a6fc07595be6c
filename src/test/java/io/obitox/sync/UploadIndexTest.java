package io.obitox.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.db.Database;
import io.obitox.storage.Provider;
import io.obitox.storage.S3Target;
import io.obitox.testing.TestPaths;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

class UploadIndexTest {
    private static final String EP = "http://127.0.0.1:7480";
    private static final String MD5_A = "0cc175b9c0f1b6a831c399e269772661";
    private static final String MD5_B = "92eb5ffee6ae2fec3ad71c777531578f";

    private final Database db = Database.open(TestPaths.newDir("upload-index").resolve("db"), Clock.systemUTC());
    private final UploadIndex index = new UploadIndex(db);

    @AfterEach
    void close() {
        db.close();
    }

    private static IndexEntry entry(String bucket, String key, String source, long size, String etag) {
        return new IndexEntry(
                EP,
                bucket,
                key,
                source,
                size,
                1000L,
                size + ":1000:abcd",
                null,
                etag,
                null,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void recordsLooksUpByKeyAndBySourceAndReplacesPerObject() {
        index.record(List.of(
                entry("b", "p/a.txt", "/home/u/a.txt", 1, "\"" + MD5_A.toUpperCase() + "\""),
                entry("b", "p/b.txt", "/home/u/b.txt", 1, MD5_B),
                entry("other", "p/a.txt", "/home/u/a.txt", 1, MD5_A)));
        Map<String, IndexEntry> byKey = index.lookupKeys(EP, "b", List.of("p/a.txt", "p/b.txt", "p/none"));
        assertThat(byKey).containsOnlyKeys("p/a.txt", "p/b.txt");
        assertThat(byKey.get("p/a.txt").etag()).as("stored normalized").isEqualTo(MD5_A);
        assertThat(byKey.get("p/a.txt").uploadedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(index.lookupSources(EP, "b", List.of("/home/u/b.txt"))).containsOnlyKeys("/home/u/b.txt");
        assertThat(index.lookupKeys("http://elsewhere", "b", List.of("p/a.txt")))
                .isEmpty();

        // the same key written again (from another file) replaces the row: an object has one content
        IndexEntry newer = new IndexEntry(
                EP,
                "b",
                "p/a.txt",
                "/home/u/other.txt",
                2,
                5L,
                "2:5:ffff",
                "{\"profileId\":\"x\"}",
                MD5_B,
                "ab",
                Instant.parse("2026-02-01T00:00:00Z"));
        index.record(newer);
        assertThat(index.lookupKeys(EP, "b", List.of("p/a.txt"))).containsEntry("p/a.txt", newer);
        assertThat(index.lookupSources(EP, "b", List.of("/home/u/a.txt"))).isEmpty();
    }

    @Test
    void anEntryTrustsAStatOnlyWhenEveryTimeIsClearlyOlderThanTheEntryAndNothingMoved() throws Exception {
        java.nio.file.Path file = TestPaths.newDir("index-stat").resolve("a.bin");
        java.nio.file.Files.write(file, new byte[] {1, 2, 3, 4});
        LocalStat stat = LocalStat.of(file);
        assertThat(stat.hasChangeTime()).as("Linux has the unix view").isTrue();
        LocalFile local = LocalFile.of(file);
        IndexEntry proven = new IndexEntry(
                EP,
                "b",
                "k",
                local.sourcePath(),
                local.size(),
                local.mtime(),
                local.fingerprint(),
                null,
                MD5_A,
                null,
                stat.statAt());
        // written right after the file: racy, so the entry keeps no ctime and trusts no stat
        IndexEntry racy = proven.withStat(stat, stat.statAt());
        assertThat(racy.ctimeNanos()).isNull();
        assertThat(racy.trusts(stat)).isFalse();
        // the same stat taken for an entry written 3 s later is settled: stored, read back, trusted
        Instant later = stat.statAt().plusSeconds(3);
        IndexEntry settled = new IndexEntry(
                        EP,
                        "b",
                        "k",
                        local.sourcePath(),
                        local.size(),
                        local.mtime(),
                        local.fingerprint(),
                        null,
                        MD5_A,
                        null,
                        later)
                .withStat(stat, later);
        assertThat(settled.ctimeNanos()).isEqualTo(stat.ctimeNanos());
        index.record(settled);
        IndexEntry read = index.lookupKeys(EP, "b", List.of("k")).get("k");
        assertThat(read.ctimeNanos()).isEqualTo(stat.ctimeNanos());
        assertThat(read.fileKey()).isEqualTo(stat.fileKey()).contains(":");
        assertThat(read.trusts(LocalStat.of(file))).isTrue();
        // a row with a ctime but an entry time within 2 s of it (a stored racy row) is not trusted either
        IndexEntry early = new IndexEntry(
                EP,
                "b",
                "k",
                local.sourcePath(),
                local.size(),
                local.mtime(),
                local.fingerprint(),
                null,
                MD5_A,
                null,
                stat.statAt(),
                stat.ctimeNanos(),
                stat.fileKey());
        assertThat(early.trusts(stat)).isFalse();

        // same size, other bytes, mtime put back: ctime moved, the entry no longer trusts the file
        java.nio.file.attribute.FileTime mtime = java.nio.file.Files.getLastModifiedTime(file);
        Thread.sleep(20); // past the kernel clock's tick, so the new ctime differs
        java.nio.file.Files.write(file, new byte[] {1, 2, 3, 5});
        java.nio.file.Files.setLastModifiedTime(file, mtime);
        LocalStat after = LocalStat.of(file);
        assertThat(after.sameSizeAndMtime(local.size(), local.mtime())).isTrue();
        assertThat(read.trusts(after)).isFalse();
    }

    @Test
    void looksUpThousandsOfKeysAcrossChunks() {
        List<IndexEntry> many = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2 * UploadIndex.CHUNK + 7; i++) {
            many.add(entry("b", "k" + i, "/s/" + i, i, MD5_A));
            keys.add("k" + i);
        }
        index.record(many);
        keys.add("missing");
        assertThat(index.lookupKeys(EP, "b", keys)).hasSize(many.size());
        assertThat(index.forget(EP, "b", keys)).isEqualTo(many.size());
        assertThat(index.lookupKeys(EP, "b", keys)).isEmpty();
    }

    @Test
    void reconcileDropsRowsWhoseObjectIsGoneOrChangedAndKeepsTheRest() {
        index.record(List.of(
                entry("b", "p/same", "/s/same", 1, MD5_A),
                entry("b", "p/gone", "/s/gone", 1, MD5_A),
                entry("b", "p/other-etag", "/s/o", 1, MD5_A),
                entry("b", "p/other-size", "/s/z", 1, MD5_A),
                entry("b", "p_x/outside", "/s/x", 1, MD5_A),
                entry("b", "q/outside", "/s/q", 1, MD5_A)));
        RemoteListing listing = new RemoteListing(
                "b",
                "p/",
                Map.of(
                        "p/same", new RemoteListing.RemoteObject(1, "\"" + MD5_A + "\"", Instant.now()),
                        "p/other-etag", new RemoteListing.RemoteObject(1, MD5_B, Instant.now()),
                        "p/other-size", new RemoteListing.RemoteObject(2, MD5_A, Instant.now())),
                1);
        assertThat(index.reconcile(EP, listing)).containsExactlyInAnyOrder("p/gone", "p/other-etag", "p/other-size");
        assertThat(index.under(EP, "b", ""))
                .extracting(IndexEntry::key)
                .as("rows outside the listed prefix (p_x is not under p/: _ is no wildcard) stay")
                .containsExactly("p/same", "p_x/outside", "q/outside");
    }

    @Test
    void anEntryDescribesOnlyTheSameFileUnchanged() {
        IndexEntry e = entry("b", "k", "/s/a", 10, MD5_A);
        assertThat(e.describes(new LocalFile("/s/a", 10, 1000L, "10:1000:abcd")))
                .isTrue();
        assertThat(e.describes(new LocalFile("/s/a", 10, 1000L, "10:1000:abce")))
                .isFalse();
        assertThat(e.describes(new LocalFile("/s/a", 10, 1001L, "10:1000:abcd")))
                .isFalse();
        assertThat(e.describes(new LocalFile("/s/b", 10, 1000L, "10:1000:abcd")))
                .isFalse();
        assertThat(e.matches(new RemoteListing.RemoteObject(10, MD5_A, null))).isTrue();
        assertThat(e.matches(new RemoteListing.RemoteObject(10, MD5_B, null))).isFalse();
        assertThat(e.matches(null)).isFalse();
    }

    @Test
    void endpointKeysIgnoreATrailingSlashAndTheSandboxPort() {
        S3Target slash = new S3Target(
                "k",
                "l",
                Provider.CEPH,
                URI.create(EP + "/"),
                "us-east-1",
                true,
                AnonymousCredentialsProvider.create());
        S3Target sandbox = new S3Target(
                "k",
                "l",
                Provider.SANDBOX,
                URI.create("http://127.0.0.1:41234"),
                "us-east-1",
                true,
                AnonymousCredentialsProvider.create());
        assertThat(UploadIndex.endpointKey(slash)).isEqualTo(EP);
        assertThat(UploadIndex.endpointKey(sandbox)).isEqualTo("sandbox");
    }
}
