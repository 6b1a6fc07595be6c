package io.obitox.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.db.Database;
import io.obitox.storage.BucketService;
import io.obitox.storage.Provider;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import io.obitox.sync.IdenticalCheck.Basis;
import io.obitox.sync.IdenticalCheck.Decision;
import io.obitox.sync.IdenticalCheck.IndexAction;
import io.obitox.sync.IdenticalCheck.Result;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import io.obitox.transfer.PartPlan;
import io.obitox.transfer.TransferSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Against a real S3 server (in-process S3Proxy): objects put with the SDK directly, one listing, and the decision for
 * local files that are identical, changed in size, changed in content at the same size, missing on the server, and
 * multipart-sized.
 */
class IdenticalCheckS3ProxyTest {
    private static final String BUCKET = "sync-identical";
    private static final int PART = 5 << 20;
    // the engine's plan with 5 MiB parts from 5 MiB up, as the objects below were uploaded
    private static final TransferSettings SETTINGS =
            TransferSettings.defaults().withPartSize(PART).withMultipartThreshold(PART);

    private static S3ProxyServer server;
    private static StorageClients clients;
    private static RemoteLister lister;
    private static S3Target target;
    private static Path dir;
    private static final AtomicInteger heads = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        clients = new StorageClients();
        lister = new RemoteLister(new BucketService(clients), clients);
        target = server.target();
        dir = TestPaths.newDir("identical-s3proxy");
        S3Client s3 = clients.interactive(target);
        put(s3, "up/same.txt", "hello world");
        put(s3, "up/size.txt", "short");
        put(s3, "up/content.txt", "aaaa-bbbb");
        put(s3, "up/elsewhere/deep.txt", "deep");
        put(s3, "upper.txt", "outside the prefix");
        byte[] big = random((11 << 20) + 3, 7);
        multipart(s3, "up/big.bin", big, null);
        multipart(
                s3,
                "up/big-meta.bin",
                big,
                LocalEtag.compute(write("big-meta.bin", big), false, 0).sha256());
        Files.writeString(dir.resolve("same.txt"), "hello world");
        Files.writeString(dir.resolve("size.txt"), "longer now");
        Files.writeString(dir.resolve("content.txt"), "aaaa-cccc");
        Files.writeString(dir.resolve("new.txt"), "not uploaded yet");
        write("big.bin", big);
    }

    @AfterAll
    static void stop() {
        clients.close();
        server.close();
    }

    private static Path write(String name, byte[] data) throws Exception {
        return Files.write(dir.resolve(name), data);
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static void put(S3Client s3, String key, String body) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(body));
    }

    private static void multipart(S3Client s3, String key, byte[] data, String sha256) {
        String id = s3.createMultipartUpload(b -> {
                    b.bucket(BUCKET).key(key);
                    if (sha256 != null) {
                        b.metadata(Map.of(RemoteLister.SHA256_METADATA, sha256));
                    }
                })
                .uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int n = 1, off = 0; off < data.length; n++, off += PART) {
            byte[] slice = Arrays.copyOfRange(data, off, Math.min(data.length, off + PART));
            int number = n;
            String etag = s3.uploadPart(
                            b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(number),
                            RequestBody.fromBytes(slice))
                    .eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
    }

    private static Result decide(IdenticalCheck check, RemoteListing listing, String name, IndexEntry entry) {
        Path file = dir.resolve(name);
        String key = "up/" + name;
        LocalFile local = LocalFile.of(file);
        ContentProbe probe = new ContentProbe(file, PartPlan.of(local.size(), SETTINGS), () -> {
            heads.incrementAndGet();
            return lister.sha256Metadata(target, BUCKET, key);
        });
        return check.decide(local, entry, listing.get(key), probe);
    }

    @Test
    void oneListingOfThePrefixDecidesEachFile() {
        RemoteListing listing = lister.list(target, BUCKET, "up/");
        assertThat(listing.keys())
                .containsExactlyInAnyOrder(
                        "up/same.txt",
                        "up/size.txt",
                        "up/content.txt",
                        "up/elsewhere/deep.txt",
                        "up/big.bin",
                        "up/big-meta.bin");
        assertThat(listing.pages()).isEqualTo(1);
        assertThat(listing.get("up/same.txt").size()).isEqualTo(11);
        assertThat(listing.get("up/big.bin").etag())
                .as("S3Proxy makes md5-of-md5s")
                .endsWith("-3");

        IdenticalCheck ceph = IdenticalCheck.forProvider(Provider.CEPH); // MD5 ETags, multipart too
        heads.set(0);
        Result same = decide(ceph, listing, "same.txt", null);
        assertThat(same.decision()).isEqualTo(Decision.IDENTICAL);
        assertThat(same.basis()).isEqualTo(Basis.ETAG);
        Result size = decide(ceph, listing, "size.txt", null);
        assertThat(size.decision()).isEqualTo(Decision.CHANGED);
        assertThat(size.basis()).isEqualTo(Basis.SIZE);
        assertThat(size.digests()).as("not read").isNull();
        Result content = decide(ceph, listing, "content.txt", null);
        assertThat(content.decision()).isEqualTo(Decision.CHANGED);
        assertThat(content.basis()).isEqualTo(Basis.ETAG);
        assertThat(decide(ceph, listing, "new.txt", null).decision()).isEqualTo(Decision.NEW);
        Result big = decide(ceph, listing, "big.bin", null);
        assertThat(big.decision()).isEqualTo(Decision.IDENTICAL);
        assertThat(big.basis()).isEqualTo(Basis.ETAG);
        assertThat(heads.get()).as("MD5 ETags need no HEAD").isZero();
    }

    @Test
    void whereMultipartEtagsAreOpaqueTheSha256MetadataDecidesByOneHead() throws Exception {
        RemoteListing listing = lister.list(target, BUCKET, "up/");
        IdenticalCheck generic = IdenticalCheck.forProvider(Provider.GENERIC); // -N ETags opaque
        heads.set(0);
        Result withMeta = decide(generic, listing, "big-meta.bin", null);
        assertThat(withMeta.decision()).isEqualTo(Decision.IDENTICAL);
        assertThat(withMeta.basis()).isEqualTo(Basis.SHA256_HEAD);
        Result without = decide(generic, listing, "big.bin", null);
        assertThat(without.decision()).isEqualTo(Decision.CHANGED);
        assertThat(without.basis()).isEqualTo(Basis.UNVERIFIABLE);
        assertThat(heads.get()).isEqualTo(2);
        assertThat(lister.sha256Metadata(target, BUCKET, "up/no-such-key")).isEmpty();
    }

    @Test
    void theIndexSkipsReadsUntilAnotherToolOverwritesTheObject() throws Exception {
        Path dbDir = TestPaths.newDir("identical-index").resolve("db");
        try (Database db = Database.open(dbDir, Clock.systemUTC())) {
            UploadIndex index = new UploadIndex(db);
            String ep = UploadIndex.endpointKey(target);
            S3Client s3 = clients.interactive(target);
            put(s3, "up/indexed.txt", "v1 content");
            Path file = Files.writeString(dir.resolve("indexed.txt"), "v1 content");
            LocalFile local = LocalFile.of(file);
            String etag =
                    s3.headObject(b -> b.bucket(BUCKET).key("up/indexed.txt")).eTag();
            index.record(new IndexEntry(
                    ep,
                    BUCKET,
                    "up/indexed.txt",
                    local.sourcePath(),
                    local.size(),
                    local.mtime(),
                    local.fingerprint(),
                    null,
                    etag,
                    null,
                    Instant.now()));

            IdenticalCheck opaque = new IdenticalCheck(false, false); // even with opaque ETags the index decides
            RemoteListing first = lister.list(target, BUCKET, "up/");
            IndexEntry row =
                    index.lookupKeys(ep, BUCKET, List.of("up/indexed.txt")).get("up/indexed.txt");
            IdenticalCheck.Content never = new IdenticalCheck.Content() {
                @Override
                public LocalEtag.Digests digests() {
                    throw new AssertionError("an unchanged indexed file must not be read");
                }

                @Override
                public Optional<String> remoteSha256() {
                    throw new AssertionError("no HEAD for an unchanged indexed file");
                }
            };
            Result r = opaque.decide(local, row, first.get("up/indexed.txt"), never);
            assertThat(r.decision()).isEqualTo(Decision.IDENTICAL);
            assertThat(r.basis()).isEqualTo(Basis.INDEX);
            assertThat(index.reconcile(ep, first)).isEmpty();

            // another tool writes the same number of bytes: the listing's ETag no longer matches the row
            put(s3, "up/indexed.txt", "v2 content");
            RemoteListing second = lister.list(target, BUCKET, "up/");
            Result after = IdenticalCheck.forProvider(Provider.CEPH)
                    .decide(
                            local,
                            row,
                            second.get("up/indexed.txt"),
                            new ContentProbe(file, PartPlan.of(local.size(), SETTINGS), Optional::empty));
            assertThat(after.decision()).isEqualTo(Decision.CHANGED);
            assertThat(after.indexAction()).isEqualTo(IndexAction.FORGET);
            assertThat(index.reconcile(ep, second)).containsExactly("up/indexed.txt");
            assertThat(index.lookupKeys(ep, BUCKET, List.of("up/indexed.txt"))).isEmpty();
        }
    }

    @Test
    void aPrefixOfMoreThanOnePageIsListedWhole() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1003; i++) {
            keys.add(String.format("many/f%04d", i));
        }
        server.putEmpty(BUCKET, keys);
        RemoteListing listing = lister.list(target, BUCKET, "many/");
        assertThat(listing.size()).isEqualTo(1003);
        assertThat(listing.pages()).isEqualTo(2);
        assertThat(listing.get("many/f1002").size()).isZero();
        assertThat(listing.get("many/f1002").etag()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }
}
