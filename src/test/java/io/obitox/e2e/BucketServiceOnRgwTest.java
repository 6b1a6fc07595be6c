package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.obitox.common.ObitoxException;
import io.obitox.storage.BucketInfo;
import io.obitox.storage.BucketService;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.ObjectListing;
import io.obitox.storage.StorageClients;
import io.obitox.testing.Rgw;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link BucketService} against Ceph RGW: listings of more than one page follow RGW's continuation tokens, bucket
 * creation, and a second account that must not see the first one's bucket.
 */
@Tag("e2e")
class BucketServiceOnRgwTest {
    /** One page and a bit: RGW returns at most {@link BucketService#PAGE_SIZE} keys per request. */
    private static final int OBJECTS = BucketService.PAGE_SIZE + 3;

    private static Rgw rgw;
    private static StorageClients clients;
    private static BucketService service;
    private static String bucket;
    private static final List<String> created = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        rgw = Rgw.require();
        clients = new StorageClients();
        service = new BucketService(clients);
        bucket = Rgw.uniqueBucket("paging");
        rgw.createBucket(bucket, "many/sub/inner.txt", "in a folder", "top.txt", "top");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (S3Client s3 = rgw.client()) {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < OBJECTS; i++) {
                String key = String.format("many/obj-%04d", i);
                puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key))));
            }
            for (Future<?> f : puts) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @AfterAll
    static void tearDown() {
        if (rgw != null) {
            rgw.deleteBucket(bucket);
            created.forEach(rgw::deleteBucket);
        }
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void aFolderOfMoreThanOnePageIsListedPageByPageWithoutGapsOrDuplicates() {
        ObjectListing first = service.listObjects(rgw.target(), bucket, "many/", false, null);
        assertThat(first.entries()).hasSize(BucketService.PAGE_SIZE);
        assertThat(first.hasMore()).isTrue();

        ObjectListing second = service.listObjects(rgw.target(), bucket, "many/", false, first.nextToken());
        assertThat(second.hasMore()).isFalse();
        // "many/sub/" sorts after every "many/obj-…", so the folder arrives on the second page, listed first there.
        assertThat(second.entries().get(0)).isEqualTo(ObjectEntry.folder("many/sub/"));

        List<String> keys = new ArrayList<>();
        first.entries().forEach(e -> keys.add(e.key()));
        second.entries().forEach(e -> keys.add(e.key()));
        List<String> expected = new ArrayList<>(IntStream.range(0, OBJECTS)
                .mapToObj(i -> String.format("many/obj-%04d", i))
                .toList());
        expected.add("many/sub/");
        assertThat(keys).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(first.entries()).allSatisfy(e -> {
            assertThat(e.folder()).isFalse();
            assertThat(e.size()).isEqualTo(e.key().length());
            assertThat(e.lastModified()).isNotNull();
        });
    }

    @Test
    void listAllFollowsEveryPageAndStopsAtTheLimit() {
        List<ObjectEntry> all = service.listAll(rgw.target(), bucket, "many/", true, 100_000);
        assertThat(all).hasSize(OBJECTS + 1).noneMatch(ObjectEntry::folder);
        assertThat(all).extracting(ObjectEntry::key).contains("many/sub/inner.txt", "many/obj-1002");
        assertThat(new HashSet<>(all)).hasSize(all.size());

        assertThat(service.listAll(rgw.target(), bucket, "many/", true, BucketService.PAGE_SIZE + 1))
                .hasSize(BucketService.PAGE_SIZE + 1);
        assertThat(service.listAll(rgw.target(), bucket, "", false, 100_000))
                .extracting(ObjectEntry::key)
                .containsExactly("many/", "top.txt");
    }

    @Test
    void createsABucketAndRefusesAnExistingName() {
        String name = Rgw.uniqueBucket("create");
        created.add(name);
        service.createBucket(rgw.target(), name);

        assertThat(service.listBuckets(rgw.target()))
                .extracting(BucketInfo::name)
                .contains(name);
        ObitoxException again =
                catchThrowableOfType(ObitoxException.class, () -> service.createBucket(rgw.target(), name));
        assertThat(again.code()).isEqualTo("BUCKET_EXISTS");
        assertThat(again.getMessage()).contains("already exists and is yours");
        ObitoxException invalid =
                catchThrowableOfType(ObitoxException.class, () -> service.createBucket(rgw.target(), "Not_Valid"));
        assertThat(invalid.code()).isEqualTo("INVALID_BUCKET_NAME");
    }

    @Test
    void aSecondAccountNeitherSeesNorReadsTheFirstAccountsBucket() {
        assertThat(service.listBuckets(rgw.target2()))
                .extracting(BucketInfo::name)
                .doesNotContain(bucket);
        ObitoxException denied = catchThrowableOfType(
                ObitoxException.class, () -> service.listObjects(rgw.target2(), bucket, "", false, null));
        assertThat(denied.code()).isEqualTo("ACCESS_DENIED");
        ObitoxException taken =
                catchThrowableOfType(ObitoxException.class, () -> service.createBucket(rgw.target2(), bucket));
        assertThat(taken.code()).isEqualTo("BUCKET_EXISTS");
    }
}
