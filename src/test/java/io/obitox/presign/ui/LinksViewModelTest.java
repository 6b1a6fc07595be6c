package io.obitox.presign.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.ObjectSettingsDefaults;
import io.obitox.presign.LinkMethod;
import io.obitox.presign.PresignedLink;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.ObjectEntry;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestSecrets;
import io.obitox.transfer.TransferSnapshot;
import io.obitox.transfer.TransferState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** The Links view model without a toolkit: same-thread tasks, a real S3Proxy and a real app context. */
class LinksViewModelTest {
    private S3ProxyServer server;
    private TestApp app;
    private StorageProfile profile;
    private final List<TransferSnapshot> snapshots = new ArrayList<>();
    private LinksViewModel vm;

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket("share");
        try (var s3 = server.client()) {
            s3.putObject(b -> b.bucket("share").key("docs/a.pdf"), RequestBody.fromBytes(new byte[2048]));
        }
        app = TestApp.create("links-vm");
        profile = app.addProfile("Links S3Proxy", server, "share");
        UiTasks tasks = new UiTasks(new DirectExecutorService(), Runnable::run);
        ProfileSelection selection = new ProfileSelection(app.context().profiles(), tasks);
        selection.set(app.context().profiles().list(), Optional.of(profile));
        vm = new LinksViewModel(
                app.context().presign(),
                app.context().profiles(),
                selection,
                () -> snapshots,
                tasks,
                LinkObjectSettings.Factory.of(
                        new ObjectSettingsDefaults(app.context().settings()), tasks, Messages.english()),
                Messages.english());
    }

    @AfterEach
    void tearDown() {
        app.close();
        server.close();
    }

    private static TransferSnapshot done(String label, String bucket, String key, long size, TransferState state) {
        return new TransferSnapshot(
                key,
                "b",
                Path.of(key),
                key,
                label,
                bucket,
                key,
                size,
                size,
                state,
                0,
                -1,
                "etag",
                null,
                null,
                null,
                null,
                false,
                1,
                Instant.parse("2030-01-01T00:00:00Z"),
                Instant.parse("2030-01-01T00:01:00Z"));
    }

    private static void register(List<PresignedLink> links) {
        links.forEach(l -> TestSecrets.register(l.url().replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1")));
    }

    @Test
    void startsOnTheProfilesDefaultBucketAndCannotGenerateWithoutFiles() {
        assertThat(vm.bucketProperty().get()).isEqualTo("share");
        assertThat(vm.canGenerateBinding().get()).isFalse();
        vm.refreshPreview();
        assertThat(vm.expiryPreviewProperty().get())
                .startsWith("Auto: each link lasts its size ÷ 500 KiB/s (network 'unknown'")
                .contains("at least 1 min, at most 7 days.");
    }

    @Test
    void objectsSharedFromTheBrowserBecomeGetFilesAndAnotherBucketStartsOver() {
        vm.addObjects(
                "share",
                List.of(
                        new ObjectEntry("docs/a.pdf", 2048, null, null, false),
                        ObjectEntry.folder("docs/old/"),
                        new ObjectEntry("docs/b.pdf", 10, null, null, false)));
        assertThat(vm.files())
                .extracting(LinkDraft::key, LinkDraft::method, LinkDraft::size)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("docs/a.pdf", LinkMethod.GET, 2048L),
                        org.assertj.core.groups.Tuple.tuple("docs/b.pdf", LinkMethod.GET, 10L));
        assertThat(vm.statusProperty().get()).startsWith("2 object(s) from share ready to share");
        vm.addObjects("other", List.of(new ObjectEntry("x", 1, null, null, false)));
        assertThat(vm.bucketProperty().get()).isEqualTo("other");
        assertThat(vm.files()).extracting(LinkDraft::key).containsExactly("x");
    }

    @Test
    void typedKeysAreCheckedAndAddedWithTheirMethodSizeAndType() {
        vm.addTyped();
        assertThat(vm.errorProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).startsWith("Type the object key first");
        vm.newKeyProperty().set("in/upload.zip");
        vm.newSizeProperty().set("lots");
        vm.addTyped();
        assertThat(vm.statusProperty().get()).contains("Not a size: 'lots'");
        vm.newSizeProperty().set("250M");
        vm.newContentTypeProperty().set("application/zip");
        vm.addTyped();
        assertThat(vm.errorProperty().get()).isFalse();
        assertThat(vm.files())
                .containsExactly(
                        new LinkDraft("in/upload.zip", LinkMethod.PUT, 250L << 20, "application/zip", "typed"));
        assertThat(vm.newKeyProperty().get()).isEmpty();
        vm.newKeyProperty().set("in/upload.zip");
        vm.addTyped();
        assertThat(vm.statusProperty().get()).contains("in the list already");
        assertThat(vm.files()).hasSize(1);
    }

    @Test
    void finishedUploadsOfThisProfileAndBucketAreAddedAsGetFiles() {
        snapshots.add(done(profile.name(), "share", "up/one.bin", 5, TransferState.COMPLETED));
        snapshots.add(done(profile.name(), "share", "up/failed.bin", 5, TransferState.FAILED));
        snapshots.add(done(profile.name(), "elsewhere", "up/two.bin", 5, TransferState.COMPLETED));
        snapshots.add(done("Other profile", "share", "up/three.bin", 5, TransferState.COMPLETED));
        vm.addFinishedUploads();
        assertThat(vm.files()).extracting(LinkDraft::key).containsExactly("up/one.bin");
        assertThat(vm.files().get(0).origin()).isEqualTo("upload");
        vm.addFinishedUploads();
        assertThat(vm.files()).hasSize(1);
        assertThat(vm.statusProperty().get()).contains("No finished uploads to share on Links S3Proxy");
    }

    @Test
    void generateSignsEveryFileAndExplainsTheSelectedLink() {
        vm.addObjects("share", List.of(new ObjectEntry("docs/a.pdf", 2048, null, null, false)));
        vm.newKeyProperty().set("in/video.mp4");
        vm.newSizeProperty().set("700M");
        vm.newContentTypeProperty().set("video/mp4");
        vm.addTyped();
        vm.networkProperty().set(new NetworkOption(io.obitox.presign.NetworkType.FOUR_G));
        vm.generate();

        assertThat(vm.links()).hasSize(2);
        register(vm.links());
        assertThat(vm.statusProperty().get()).startsWith("Signed 2 link(s); they expire between");
        assertThat(vm.links().get(1).expiresInSeconds()).isEqualTo(210); // 700 MiB / 5 MiB/s × 1.5
        assertThat(vm.selectedLinkProperty().get()).isEqualTo(vm.links().get(0));
        vm.selectedLinkProperty().set(vm.links().get(1));
        assertThat(vm.detailsProperty().get())
                .contains("PUT s3://share/in/video.mp4")
                .contains("Expiry: auto: 700 MiB ÷ 5.0 MiB/s (network '4g', as chosen) × 1.5 = 210 s")
                .contains("The uploader must send these headers, exactly as written:\n    Content-Type: video/mp4");
        assertThat(vm.allUrls().lines()).hasSize(2).allMatch(u -> u.startsWith(server.endpoint() + "/share/"));
        assertThat(vm.expiryText(vm.links().get(1), ZoneOffset.UTC)).startsWith("3 min 30 s · until ");
        assertThat(vm.warningsProperty().get()).isEmpty();
    }

    @Test
    void aFixedExpiryIsCheckedBeforeSigning() {
        vm.addObjects("share", List.of(new ObjectEntry("docs/a.pdf", 2048, null, null, false)));
        vm.autoExpiryProperty().set(false);
        vm.fixedExpiryProperty().set("9d");
        assertThat(vm.expiryPreviewProperty().get()).contains("outside what presigned URLs allow");
        vm.generate();
        assertThat(vm.errorProperty().get()).isTrue();
        assertThat(vm.links()).isEmpty();
        vm.fixedExpiryProperty().set("15m");
        assertThat(vm.expiryPreviewProperty().get()).startsWith("Fixed: every link lasts 15 min 00 s");
        vm.generate();
        assertThat(vm.links())
                .singleElement()
                .satisfies(l -> assertThat(l.expiresInSeconds()).isEqualTo(900));
        register(vm.links());
    }

    @Test
    void moreThanOneHundredFilesAreRefusedWithTheReason() {
        List<ObjectEntry> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(new ObjectEntry("k" + i, 1, null, null, false));
        }
        vm.addObjects("share", many);
        vm.generate();
        assertThat(vm.errorProperty().get()).isTrue();
        assertThat(vm.statusProperty().get())
                .isEqualTo("No links: 101 files in one request; at most 100 can be signed at once. Split them into"
                        + " batches of 100 or fewer.");
    }

    @Test
    void aGetLinkForAMissingObjectSaysWhich() {
        vm.files().setAll(new LinkDraft("gone.txt", LinkMethod.GET, null, null, "typed"));
        vm.generate();
        assertThat(vm.statusProperty().get()).startsWith("No links: There is no object 'gone.txt' in bucket 'share'");
    }

    @Test
    void exportsWriteCsvAndJsonWithTheFullLinksOwnerOnly() throws Exception {
        vm.addObjects("share", List.of(new ObjectEntry("docs/a.pdf", 2048, null, null, false)));
        vm.generate();
        register(vm.links());
        Path dir = app.dir().resolve("exports");
        vm.exportCsv(dir.resolve("links.csv"));
        assertThat(vm.statusProperty().get()).startsWith("Saved 1 link(s) to ").contains("Keep the file private");
        vm.exportJson(dir.resolve("links.json"));

        List<String> csv = Files.readAllLines(dir.resolve("links.csv"));
        assertThat(csv.get(0))
                .isEqualTo("key,method,url,headers,expiresAt,expiresInSeconds,bucket,explanation,warnings");
        assertThat(csv.get(1)).startsWith("docs/a.pdf,GET," + vm.links().get(0).url() + ",,");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("links.json").toFile());
        assertThat(json.get(0).get("url").asText()).isEqualTo(vm.links().get(0).url());
        assertThat(json.get(0).get("expiresInSeconds").asLong()).isEqualTo(60);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("links.json"))))
                .isEqualTo("rw-------");
    }
}
