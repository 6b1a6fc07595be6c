package io.obitox.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.testing.FaultProxy;
import io.obitox.testing.S3ProxyServer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Deletes on a real S3 server (S3Proxy), counted through a {@link FaultProxy}: a plan that lists exactly the keys
 * under the prefix, batches of 1,000 per DeleteObjects, nothing outside the prefix touched.
 */
class DeleteServiceTest {
    private static S3ProxyServer server;
    private static FaultProxy proxy;
    private static StorageClients clients;
    private static DeleteService deletes;
    private static S3Target viaProxy;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start();
        proxy = new FaultProxy(server.endpoint());
        clients = new StorageClients();
        deletes = new DeleteService(clients);
        S3Target direct = server.target();
        viaProxy = new S3Target(
                "via-proxy", "via proxy", direct.provider(), proxy.endpoint(), "us-east-1", true, direct.credentials());
    }

    @AfterAll
    static void stop() {
        clients.close();
        proxy.close();
        server.close();
    }

    static void putEmpty(S3ProxyServer server, String bucket, List<String> keys) {
        server.putEmpty(bucket, keys);
    }

    private static List<String> keys(String bucket) {
        try (S3Client s3 = server.client()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                    .map(S3Object::key)
                    .toList();
        }
    }

    @Test
    void deletesAPrefixOf2500ObjectsInThreeRequestsAndNothingOutsideIt() throws Exception {
        server.createBucket("del-2500");
        List<String> inside = new ArrayList<>(IntStream.range(0, 2500)
                .mapToObj(i -> String.format("data/%02d/f%05d.bin", i % 7, i))
                .toList());
        inside.add("data/"); // the folder marker goes with the folder
        // (no key "data" itself: the filesystem store cannot hold a file "data" beside a folder "data/"; the RGW test
        // has it)
        List<String> outside = List.of("data-old/keep.bin", "dat/keep.bin", "other/data/keep.bin", "x.bin");
        List<String> all = new ArrayList<>(inside);
        all.addAll(outside);
        putEmpty(server, "del-2500", all);
        try (S3Client s3 = server.client()) {
            s3.putObject(b -> b.bucket("del-2500").key("data/00/sized.bin"), RequestBody.fromBytes(new byte[1234]));
        }

        DeletePlan plan = deletes.plan(viaProxy, "del-2500", List.of(), List.of("data"));
        assertThat(plan.prefixes()).containsExactly("data/");
        assertThat(plan.count()).isEqualTo(2502);
        assertThat(plan.totalBytes()).isEqualTo(1234);
        assertThat(plan.requests()).isEqualTo(3);
        assertThat(plan.objects()).allSatisfy(o -> assertThat(o.key()).startsWith("data/"));
        assertThat(keys("del-2500")).hasSize(2502 + outside.size()); // planning changed nothing

        int before = proxy.requests().size();
        List<Integer> progress = new ArrayList<>();
        DeleteResult result = deletes.delete(viaProxy, plan, progress::add);
        List<FaultProxy.Request> sent =
                proxy.requests().subList(before, proxy.requests().size());
        assertThat(sent).hasSize(3).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.target()).contains("delete");
        });
        assertThat(result.deleted()).isEqualTo(2502);
        assertThat(result.requests()).isEqualTo(3);
        assertThat(result.failures()).isEmpty();
        assertThat(result.complete()).isTrue();
        assertThat(progress).containsExactly(1000, 2000, 2502);
        assertThat(keys("del-2500")).containsExactlyInAnyOrderElementsOf(outside);
    }

    @Test
    void namedKeysAreCheckedAndMissingOnesListedNotDeleted() throws Exception {
        server.createBucket("del-named");
        putEmpty(server, "del-named", List.of("a.txt", "b.txt", "keep.txt"));
        DeletePlan plan = deletes.plan(viaProxy, "del-named", List.of("a.txt", "b.txt", "nope.txt"), List.of());
        assertThat(plan.objects()).extracting(ObjectEntry::key).containsExactly("a.txt", "b.txt");
        assertThat(plan.missing()).containsExactly("nope.txt");
        DeleteResult r = deletes.delete(viaProxy, plan, n -> {});
        assertThat(r.deleted()).isEqualTo(2);
        assertThat(keys("del-named")).containsExactly("keep.txt");
    }

    @Test
    void browserSelectionExpandsFoldersAndKeepsObjectsAsListed() throws Exception {
        server.createBucket("del-pick");
        putEmpty(server, "del-pick", List.of("one.txt", "dir/a", "dir/sub/b", "dir2/c"));
        BucketService buckets = new BucketService(clients);
        List<ObjectEntry> top =
                buckets.listObjects(viaProxy, "del-pick", "", false, null).entries();
        List<ObjectEntry> picked = top.stream()
                .filter(e -> e.key().equals("dir/") || e.key().equals("one.txt"))
                .toList();
        DeletePlan plan = deletes.planEntries(viaProxy, "del-pick", picked);
        assertThat(plan.objects())
                .extracting(ObjectEntry::key)
                .containsExactlyInAnyOrder("one.txt", "dir/a", "dir/sub/b");
        deletes.delete(viaProxy, plan, n -> {});
        assertThat(keys("del-pick")).containsExactly("dir2/c");
    }

    @Test
    void aMissingBucketIsACodedError() {
        assertThatThrownBy(() -> deletes.plan(viaProxy, "del-no-such-bucket", List.of("k"), List.of()))
                .isInstanceOf(ObitoxException.class)
                .extracting(e -> ((ObitoxException) e).code())
                .isEqualTo(S3Errors.BUCKET_MISSING);
        assertThatThrownBy(() -> deletes.plan(viaProxy, "del-no-such-bucket", List.of(), List.of("p/")))
                .isInstanceOf(ObitoxException.class)
                .extracting(e -> ((ObitoxException) e).code())
                .isEqualTo(S3Errors.BUCKET_MISSING);
    }

    @Test
    void prefixesAlwaysEndWithASlash() {
        assertThat(DeleteService.normalizePrefix("photos")).isEqualTo("photos/");
        assertThat(DeleteService.normalizePrefix("photos/")).isEqualTo("photos/");
        assertThat(DeleteService.normalizePrefix("")).isEmpty();
        assertThat(DeleteService.normalizePrefix(null)).isEmpty();
    }
}
