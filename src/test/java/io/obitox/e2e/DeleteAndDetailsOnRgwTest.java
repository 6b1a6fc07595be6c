package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.storage.DeletePlan;
import io.obitox.storage.DeleteResult;
import io.obitox.storage.DeleteService;
import io.obitox.storage.ObjectDetails;
import io.obitox.storage.ObjectDetailsService;
import io.obitox.storage.S3Target;
import io.obitox.storage.StorageClients;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.Rgw;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Delete and details against Ceph RGW: RGW takes the SDK's DeleteObjects (with WHEN_REQUIRED checksums) in batches of
 * 1,000, nothing outside the prefix goes (not even the key equal to the prefix without its slash), a versioned bucket
 * gets delete markers and the plan says so; details read RGW's tags.
 */
@Tag("e2e")
class DeleteAndDetailsOnRgwTest {
    private static Rgw rgw;
    private static StorageClients clients;
    private static final List<String> buckets = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        rgw = Rgw.require();
        clients = new StorageClients();
    }

    @AfterAll
    static void tearDown() {
        buckets.forEach(rgw::deleteBucket);
        if (clients != null) {
            clients.close();
        }
    }

    private static String bucket(String feature) {
        String b = Rgw.uniqueBucket(feature);
        rgw.createBucket(b);
        buckets.add(b);
        return b;
    }

    private static void putOneByte(String bucket, List<String> keys) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (S3Client s3 = rgw.client()) {
            List<Future<?>> done = new ArrayList<>();
            for (String k : keys) {
                done.add(pool.submit(() -> s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString("x"))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> keys(String bucket) {
        try (S3Client s3 = rgw.client()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                    .map(S3Object::key)
                    .toList();
        }
    }

    @Test
    void deletes2500KeysUnderAPrefixInThreeRequestsAndNothingElse() throws Exception {
        String b = bucket("del");
        List<String> all = new ArrayList<>(IntStream.range(0, 2500)
                .mapToObj(i -> String.format("data/%d/k%04d", i % 9, i))
                .toList());
        List<String> outside = List.of("data", "data-old/keep", "dat/keep", "x/data/keep");
        all.addAll(outside);
        putOneByte(b, all);

        try (FaultProxy proxy = new FaultProxy(rgw.endpoint())) {
            S3Target direct = rgw.target();
            S3Target via = new S3Target(
                    "rgw-via-proxy",
                    "rgw",
                    direct.provider(),
                    proxy.endpoint(),
                    "us-east-1",
                    true,
                    direct.credentials());
            DeleteService deletes = new DeleteService(clients);
            DeletePlan plan = deletes.plan(via, b, List.of(), List.of("data"));
            assertThat(plan.count()).isEqualTo(2500);
            assertThat(plan.versioning()).isEqualTo(DeletePlan.Versioning.OFF);
            int before = proxy.requests().size();
            DeleteResult r = deletes.delete(via, plan, n -> {});
            assertThat(proxy.requests().subList(before, proxy.requests().size()))
                    .hasSize(3)
                    .allSatisfy(q -> assertThat(q.target()).contains("delete"));
            assertThat(r.deleted()).isEqualTo(2500);
            assertThat(r.failures()).isEmpty();
        }
        assertThat(keys(b)).containsExactlyInAnyOrderElementsOf(outside);
    }

    @Test
    void aVersionedBucketSaysDeleteMarkersAndGetsThem() throws Exception {
        String b = bucket("del-ver");
        try (S3Client s3 = rgw.client()) {
            s3.putBucketVersioning(
                    r -> r.bucket(b).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
        putOneByte(b, List.of("v/a", "v/b"));
        DeleteService deletes = new DeleteService(clients);
        DeletePlan plan = deletes.plan(rgw.target(), b, List.of(), List.of("v/"));
        assertThat(plan.versioning()).isEqualTo(DeletePlan.Versioning.ENABLED);
        assertThat(plan.versioningNote()).contains("delete marker");
        assertThat(deletes.delete(rgw.target(), plan, n -> {}).deleted()).isEqualTo(2);
        assertThat(keys(b)).isEmpty();
        try (S3Client s3 = rgw.client()) {
            var versions = s3.listObjectVersions(r -> r.bucket(b));
            assertThat(versions.deleteMarkers()).hasSize(2);
            assertThat(versions.versions()).hasSize(2); // the data is still there, as the plan said
            s3.putBucketVersioning(
                    r -> r.bucket(b).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
            versions.deleteMarkers()
                    .forEach(m -> s3.deleteObject(d -> d.bucket(b).key(m.key()).versionId(m.versionId())));
            versions.versions()
                    .forEach(v -> s3.deleteObject(d -> d.bucket(b).key(v.key()).versionId(v.versionId())));
        }
    }

    @Test
    void keysTheServerRefusesAreReportedOneByOneAndTheRestDeleted() throws Exception {
        String b = bucket("del-deny");
        putOneByte(b, List.of("p/free-1", "p/free-2", "p/locked/x"));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::" + b + "/p/locked/*\"}]}";
        try (S3Client s3 = rgw.client()) {
            s3.putBucketPolicy(r -> r.bucket(b).policy(policy));
        }
        DeleteService deletes = new DeleteService(clients);
        DeletePlan plan = deletes.plan(rgw.target(), b, List.of(), List.of("p/"));
        assertThat(plan.count()).isEqualTo(3);
        DeleteResult r = deletes.delete(rgw.target(), plan, n -> {});
        try (S3Client s3 = rgw.client()) {
            s3.deleteBucketPolicy(x -> x.bucket(b));
        }
        assertThat(r.deleted()).isEqualTo(2);
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("p/locked/x");
            assertThat(f.code()).isEqualTo("AccessDenied");
        });
        assertThat(r.complete()).isFalse();
        assertThat(keys(b)).containsExactly("p/locked/x");
    }

    @Test
    void detailsReadHeadersMetadataAndTags() {
        String b = bucket("details");
        try (S3Client s3 = rgw.client()) {
            s3.putObject(
                    r -> r.bucket(b)
                            .key("d/report.pdf")
                            .contentType("application/pdf")
                            .metadata(Map.of("owner", "ana"))
                            .tagging("project=apollo"),
                    RequestBody.fromBytes(new byte[999]));
        }
        ObjectDetails d = new ObjectDetailsService(clients).details(rgw.target(), b, "d/report.pdf");
        assertThat(d.size()).isEqualTo(999);
        assertThat(d.contentType()).isEqualTo("application/pdf");
        assertThat(d.metadata()).containsEntry("owner", "ana");
        assertThat(d.tags()).containsEntry("project", "apollo");
        assertThat(d.storageClass()).isEqualTo("STANDARD");
        assertThat(d.url()).isEqualTo(rgw.endpoint() + "/" + b + "/d/report.pdf");
    }
}
