package io.obitox.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.testing.S3ProxyServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class BucketServiceTest {
    private static final String TREE = "buckets-tree";
    private static final String MANY = "buckets-many";
    private static S3ProxyServer server;
    private static StorageClients clients;
    private static BucketService buckets;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start();
        clients = new StorageClients();
        buckets = new BucketService(clients);
        try (S3Client s3 = server.client()) {
            s3.createBucket(b -> b.bucket(TREE));
            put(s3, TREE, "z.txt", "zz");
            put(s3, TREE, "a.txt", "a");
            put(s3, TREE, "docs/", "");
            put(s3, TREE, "docs/readme.md", "read me");
            put(s3, TREE, "docs/guide/one.md", "1");
            put(s3, TREE, "photos/cat.jpg", "x".repeat(2048));
            s3.createBucket(b -> b.bucket(MANY));
            // 1,000 objects, then a folder that sorts after them: the folder arrives on the second page
            putMany(clients.interactive(server.target()), MANY, 1000);
            put(s3, MANY, "g1.txt", "x");
            put(s3, MANY, "sub/x.txt", "x");
            put(s3, MANY, "sub/y.txt", "y");
        }
    }

    @AfterAll
    static void stop() {
        clients.close();
        server.close();
    }

    /** {@code f0000.txt} … in parallel: S3Proxy takes a few ms per request, and a thousand in a row take a minute. */
    private static void putMany(S3Client s3, String bucket, int count) {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = String.format("f%04d.txt", i);
                done.add(pool.submit(() -> put(s3, bucket, key, key)));
            }
            for (Future<?> f : done) {
                f.get(1, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create the test objects", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void put(S3Client s3, String bucket, String key, String body) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
    }

    @Test
    void listsBucketsByNameWithCreationDates() {
        List<BucketInfo> list = buckets.listBuckets(server.target());
        assertThat(list)
                .extracting(BucketInfo::name)
                .containsSubsequence(MANY, TREE)
                .isSorted();
        assertThat(list).allSatisfy(b -> assertThat(b.created()).isNotNull());
    }

    @Test
    void listsOneLevelWithFoldersFirstThenObjectsWithSizeAndDate() {
        ObjectListing root = buckets.listObjects(server.target(), TREE, "", false, null);
        assertThat(root.hasMore()).isFalse();
        assertThat(root.entries()).extracting(ObjectEntry::key).containsExactly("docs/", "photos/", "a.txt", "z.txt");
        ObjectEntry docs = root.entries().get(0);
        assertThat(docs.folder()).isTrue();
        assertThat(docs.size()).isEqualTo(-1);
        ObjectEntry z = root.entries().get(3);
        assertThat(z.folder()).isFalse();
        assertThat(z.size()).isEqualTo(2);
        assertThat(z.lastModified()).isNotNull();
        assertThat(z.etag()).isNotBlank();
    }

    @Test
    void listsInsideAPrefixWithoutItsFolderMarker() {
        ObjectListing docs = buckets.listObjects(server.target(), TREE, "docs/", false, null);
        assertThat(docs.prefix()).isEqualTo("docs/");
        assertThat(docs.entries()).extracting(ObjectEntry::key).containsExactly("docs/guide/", "docs/readme.md");
        assertThat(docs.entries()).extracting(e -> e.name("docs/")).containsExactly("guide/", "readme.md");
        assertThat(docs.entries().get(1).size()).isEqualTo(7);
        assertThat(buckets.listObjects(server.target(), TREE, "photos/", false, null)
                        .entries())
                .singleElement()
                .satisfies(e -> assertThat(e.size()).isEqualTo(2048));
    }

    @Test
    void recursiveListingHasEveryObjectAndNoFolders() {
        ObjectListing all = buckets.listObjects(server.target(), TREE, "", true, null);
        assertThat(all.entries())
                .extracting(ObjectEntry::key)
                .containsExactly("a.txt", "docs/", "docs/guide/one.md", "docs/readme.md", "photos/cat.jpg", "z.txt");
        assertThat(all.entries()).noneMatch(ObjectEntry::folder);
        assertThat(buckets.listObjects(server.target(), TREE, "docs/", true, null)
                        .entries())
                .extracting(ObjectEntry::key)
                .containsExactly("docs/guide/one.md", "docs/readme.md");
    }

    @Test
    void pagesBeyondAThousandKeysWithAPageToken() {
        ObjectListing first = buckets.listObjects(server.target(), MANY, "", false, null);
        assertThat(first.entries()).hasSize(BucketService.PAGE_SIZE);
        assertThat(first.hasMore()).isTrue();
        ObjectListing second = buckets.listObjects(server.target(), MANY, "", false, first.nextToken());
        assertThat(second.hasMore()).isFalse();
        assertThat(second.entries()).extracting(ObjectEntry::key).containsExactly("sub/", "g1.txt");
        List<String> keys = new ArrayList<>();
        first.entries().forEach(e -> keys.add(e.key()));
        second.entries().forEach(e -> keys.add(e.key()));
        assertThat(keys).doesNotHaveDuplicates().hasSize(1002);

        ObjectListing recursive = buckets.listObjects(server.target(), MANY, "", true, null);
        ObjectListing rest = buckets.listObjects(server.target(), MANY, "", true, recursive.nextToken());
        assertThat(rest.entries()).extracting(ObjectEntry::key).containsExactly("g1.txt", "sub/x.txt", "sub/y.txt");
    }

    @Test
    void listAllReadsEveryPageWithFoldersFirstAndStopsAtTheLimit() {
        List<ObjectEntry> all = buckets.listAll(server.target(), MANY, "", false, 10_000);
        assertThat(all).hasSize(1002);
        assertThat(all.get(0).key()).as("folders first, even from a later page").isEqualTo("sub/");
        assertThat(all.subList(1, all.size())).noneMatch(ObjectEntry::folder);
        assertThat(buckets.listAll(server.target(), MANY, "", true, 10_000)).hasSize(1003);
        assertThat(buckets.listAll(server.target(), MANY, "", true, 5)).hasSize(5);
    }

    @Test
    void createsABucketAndSaysWhenItAlreadyExists() {
        buckets.createBucket(server.target(), "buckets-created");
        assertThat(buckets.listBuckets(server.target()))
                .extracting(BucketInfo::name)
                .contains("buckets-created");
        assertThatThrownBy(() -> buckets.createBucket(server.target(), "buckets-created"))
                .isInstanceOfSatisfying(ObitoxException.class, e -> {
                    assertThat(e.code()).isEqualTo("BUCKET_EXISTS");
                    assertThat(e.getMessage()).contains("'buckets-created' already exists");
                    assertThat(e.fix()).contains("another name");
                });
    }

    @Test
    void invalidBucketNamesAreRejectedBeforeAnyRequestWithTheReason() {
        assertInvalid("", "empty");
        assertInvalid("ab", "3 to 63 characters; 'ab' has 2");
        assertInvalid("a".repeat(64), "has 64");
        assertInvalid("My-Bucket", "lowercase");
        assertInvalid("my_bucket", "lowercase");
        assertInvalid("-bucket", "starts and ends with a letter or digit");
        assertInvalid("bucket-", "starts and ends with a letter or digit");
        assertInvalid("my..bucket", "two dots in a row");
        assertInvalid("my.-bucket", "dot next to a hyphen");
        assertInvalid("my-.bucket", "dot next to a hyphen");
        assertInvalid("192.168.5.4", "IP address");
        assertThat(BucketNames.problem("my.bucket-1")).isNull();
        assertThat(BucketNames.problem("abc")).isNull();
        assertThat(BucketNames.problem("a".repeat(63))).isNull();
        assertThat(buckets.listBuckets(server.target()))
                .extracting(BucketInfo::name)
                .noneMatch(n -> n.equals("ab") || n.contains("_"));
    }

    @Test
    void aMissingBucketOrWrongKeyIsTranslated() {
        assertThatThrownBy(() -> buckets.listObjects(server.target(), "buckets-none", "", false, null))
                .isInstanceOfSatisfying(
                        ObitoxException.class, e -> assertThat(e.code()).isEqualTo(S3Errors.BUCKET_MISSING));
        assertThatThrownBy(() -> buckets.listBuckets(server.target(server.accessKey(), "wrong-secret-000000")))
                .isInstanceOfSatisfying(
                        ObitoxException.class, e -> assertThat(e.code()).isEqualTo(S3Errors.WRONG_SECRET));
    }

    private static void assertInvalid(String name, String reason) {
        assertThatThrownBy(() -> buckets.createBucket(server.target(), name))
                .as(name)
                .isInstanceOfSatisfying(ObitoxException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_BUCKET_NAME");
                    assertThat(e.getMessage()).contains(reason);
                });
    }
}
