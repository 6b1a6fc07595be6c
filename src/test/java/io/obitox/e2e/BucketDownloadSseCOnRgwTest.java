package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.SseCKey;
import io.obitox.profile.ProfileDraft;
import io.obitox.profile.ProfileDraft.CredentialMode;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.ObjectEntry;
import io.obitox.storage.Provider;
import io.obitox.storage.SseCRefusal;
import io.obitox.storage.ui.BucketsViewModel;
import io.obitox.storage.ui.DownloadDialogViewModel;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestSecrets;
import io.obitox.transfer.TransferDirection;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bucket browser's SSE-C downloads (issue 18) on Ceph RGW, through its view models (same-thread tasks, no toolkit)
 * and the real download service and queue: RGW refuses the HEAD of an SSE-C object without its key with a bare 400
 * and its GET with {@code 400 InvalidArgument}; both must read as "choose its key file in the download dialog" (the
 * details pane says the key is needed, a folder's transfers fail with {@code SSE_C_KEY_NEEDED}), another key as the
 * wrong key; with the dialog's key everything arrives byte-identical, the keyless failed rows make way, and the details
 * open with the key given in this session.
 */
@Tag("e2e")
class BucketDownloadSseCOnRgwTest {
    private static Rgw rgw;
    private static String bucket;
    private static SseCKey key;
    private static SseCKey other;
    private static Path keyFile;
    private static byte[] big;
    private static byte[] small;
    private static byte[] single;
    private final UiTasks tasks = new UiTasks(new DirectExecutorService(), Runnable::run);
    private TestApp app;
    private BucketsViewModel vm;

    @BeforeAll
    static void data() throws Exception {
        rgw = Rgw.require();
        Assumptions.assumeTrue(
                System.getenv("OBITOX_E2E_KMS_KEY_ID") != null,
                "the RGW was not started by this version of scripts/rgw-up.sh: SSE-C over http needs its"
                        + " configuration; restart it with scripts/rgw-up.sh DIR");
        bucket = Rgw.uniqueBucket("ssec-browser");
        rgw.createBucket(bucket);
        key = key(1818, true);
        other = key(1819, false);
        keyFile = Files.writeString(Files.createTempFile("ssec-browser", ".key"), key.base64() + "\n");
        Random random = new Random(18);
        big = new byte[(12 << 20) + 7];
        small = new byte[3000];
        single = new byte[500];
        random.nextBytes(big);
        random.nextBytes(small);
        random.nextBytes(single);
        try (S3Client s3 = rgw.client()) {
            for (Map.Entry<String, byte[]> o : Map.of("sec/big.bin", big, "sec/small.txt", small, "single.bin", single)
                    .entrySet()) {
                s3.putObject(
                        b -> b.bucket(bucket)
                                .key(o.getKey())
                                .sseCustomerAlgorithm("AES256")
                                .sseCustomerKey(key.base64())
                                .sseCustomerKeyMD5(key.md5Base64()),
                        RequestBody.fromBytes(o.getValue()));
            }
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (bucket != null) {
            rgw.deleteBucket(bucket);
        }
        if (keyFile != null) {
            Files.deleteIfExists(keyFile);
        }
    }

    private static SseCKey key(long seed, boolean secret) {
        byte[] raw = new byte[32];
        new Random(seed).nextBytes(raw);
        SseCKey k = SseCKey.of(raw);
        if (secret) {
            TestSecrets.register(k.base64()); // the e2e run's leak check looks for it in logs and the database
        }
        return k;
    }

    @BeforeEach
    void open() {
        app = TestApp.create("e2e-ssec-browser");
        var engine = app.context().transfers().engine();
        engine.updateSettings(engine.settings().withPartSize(5L << 20));
        StorageProfile profile = app.context()
                .profiles()
                .add(new ProfileDraft(
                        "Lab Ceph",
                        Provider.CEPH,
                        rgw.endpoint().toString(),
                        null,
                        true,
                        bucket,
                        CredentialMode.KEYS,
                        null,
                        rgw.accessKey(),
                        rgw.secretKey(),
                        null));
        ProfileSelection selection = new ProfileSelection(app.context().profiles(), tasks);
        selection.set(app.context().profiles().list(), Optional.of(profile));
        vm = new BucketsViewModel(
                app.context().profiles(),
                app.context().buckets(),
                app.context().deletes(),
                app.context().objectDetails(),
                (ref, b, k, dest, ifExists, sseC) ->
                        app.context().downloads().download(ref, b, k, dest, ifExists, sseC),
                tasks,
                selection,
                Messages.english());
        vm.details()
                .useSessionKeys(
                        () -> app.context().transfers().engine().sseCKeys().all());
        vm.refreshBuckets();
        assertThat(vm.bucketProperty().get().name())
                .as(vm.statusProperty().get())
                .isEqualTo(bucket);
    }

    @AfterEach
    void close() {
        app.close();
    }

    private ObjectEntry entry(String k) {
        return vm.entries().stream().filter(e -> e.key().equals(k)).findFirst().orElseThrow();
    }

    private List<TransferSnapshot> downloads() {
        return app.context().transfers().recent(100).stream()
                .filter(s -> s.direction() == TransferDirection.DOWNLOAD)
                .toList();
    }

    private void awaitSettled() throws InterruptedException {
        TransferService service = app.context().transfers();
        assertThat(service.awaitSettled(
                        downloads().stream().map(TransferSnapshot::id).toList(), Duration.ofSeconds(120)))
                .isTrue();
    }

    @Test
    void withoutTheKeyTheBrowserNamesTheFixAndWithTheDialogsKeyEverythingArrives() throws Exception {
        Path folder = app.dir().resolve("into");
        ObjectEntry singleEntry = entry("single.bin");

        // details: RGW's bare 400 to the HEAD reads as "the key is needed", not as an error
        vm.showDetails(singleEntry);
        assertThat(vm.details().detailsProperty().get()).isNull();
        assertThat(vm.details().summaryProperty().get())
                .startsWith("'single.bin' is encrypted with a customer key (SSE-C): its details and its download need"
                        + " that key.");

        // downloaded without the key: the object is refused at its HEAD, the folder's objects at their GETs
        vm.downloads().download(List.of(singleEntry, entry("sec/")), folder, null);
        assertThat(vm.statusProperty().get())
                .contains("1 not downloaded, e.g. single.bin: This object is encrypted with a customer key (SSE-C):"
                        + " choose its key file in the download dialog.");
        awaitSettled();
        List<TransferSnapshot> keyless = downloads();
        assertThat(keyless).hasSize(2).allSatisfy(s -> {
            assertThat(s.state()).isEqualTo(TransferState.FAILED);
            assertThat(s.errorCode()).as(s.errorMessage()).isEqualTo(SseCRefusal.KEY_NEEDED);
            assertThat(s.errorMessage()).contains("is encrypted with a customer key (SSE-C)");
        });
        assertThat(folder.resolve("sec/big.bin.obitox-part")).doesNotExist();

        // another key: named as the wrong key
        vm.downloads().download(List.of(singleEntry), folder, other);
        assertThat(vm.statusProperty().get())
                .isEqualTo("1 not downloaded, e.g. single.bin: The customer key (SSE-C) chosen does not open this"
                        + " object: choose the key file it was uploaded with, or none for an object without a customer"
                        + " key.");

        // the dialog with its key file: the same selection again
        DownloadDialogViewModel dialog = vm.downloads().dialog();
        dialog.open(2, bucket);
        dialog.chooseFolder(folder);
        dialog.chooseKeyFile(keyFile);
        vm.downloads()
                .download(List.of(singleEntry, entry("sec/")), dialog.choice().orElseThrow());
        assertThat(vm.statusProperty().get())
                .isEqualTo("3 download(s) queued into " + folder.toAbsolutePath() + " — follow them under Transfers.");
        awaitSettled();
        for (TransferSnapshot s : downloads()) {
            boolean before = keyless.stream().anyMatch(k -> k.id().equals(s.id()));
            assertThat(s.state())
                    .as(s.key() + " " + s.errorCode() + " " + s.errorMessage())
                    .isEqualTo(before ? TransferState.CANCELLED : TransferState.COMPLETED);
        }
        assertThat(Files.readAllBytes(folder.resolve("single.bin"))).isEqualTo(single);
        assertThat(Files.readAllBytes(folder.resolve("sec/small.txt"))).isEqualTo(small);
        assertThat(Files.readAllBytes(folder.resolve("sec/big.bin"))).isEqualTo(big);

        // the details now open with the key this session was given
        vm.showDetails(singleEntry);
        assertThat(vm.details().summaryProperty().get()).isEmpty();
        assertThat(vm.details().detailsProperty().get().encryption()).isEqualTo("SSE-C AES256");
        assertThat(vm.details().detailsProperty().get().size()).isEqualTo(single.length);
    }
}
