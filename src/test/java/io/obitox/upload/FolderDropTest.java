package io.obitox.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.AppContext;
import io.obitox.objects.ObjectSettingsDefaults;
import io.obitox.objects.UploadSettings;
import io.obitox.profile.StorageProfile;
import io.obitox.sync.ConditionalWrites;
import io.obitox.sync.ConflictChoice;
import io.obitox.sync.ConflictDefaults;
import io.obitox.sync.RemoteLister;
import io.obitox.sync.UploadIndex;
import io.obitox.sync.UploadPlanner;
import io.obitox.sync.UploadPlans;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Files dropped onto a folder of the bucket browser go the Upload view's way (S3Proxy, the app's real transfer
 * engine): the stored choice for existing keys ("ask" skips a changed file: there is no one to ask on a drop; then
 * "overwrite" replaces it), the stored exclude rules, the layered object-settings defaults, all under the folder
 * shown.
 */
class FolderDropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private S3ProxyServer s3;
    private TestApp app;
    private StorageProfile profile;
    private FolderDrop drop;
    private ConflictDefaults conflicts;

    @BeforeEach
    void setUp() {
        s3 = S3ProxyServer.start();
        s3.createBucket("drops");
        app = TestApp.create("folder-drop");
        profile = app.addProfile("proxy", s3, "drops");
        AppContext c = app.context();
        conflicts = new ConflictDefaults(c.settings());
        ObjectSettingsDefaults objectDefaults = new ObjectSettingsDefaults(c.settings());
        objectDefaults.save(null, null, new UploadSettings(null, null, null, "max-age=60", null, "de-CH", null, null));
        drop = new FolderDrop(
                c.batchValidator(),
                c.validationPolicies(),
                c.profiles(),
                new UploadPlans(
                        new UploadPlanner(
                                new UploadIndex(c.database()),
                                new RemoteLister(c.buckets(), c.clients()),
                                new ConditionalWrites(c.clients(), c.settings())),
                        new RemoteLister(c.buckets(), c.clients()),
                        c.transfers()),
                conflicts,
                objectDefaults);
    }

    @AfterEach
    void tearDown() {
        app.close();
        s3.close();
    }

    private String read(String key) {
        try (S3Client c = s3.client()) {
            return c.getObjectAsBytes(b -> b.bucket("drops").key(key)).asUtf8String();
        }
    }

    private FolderDrop.Result dropAndWait(List<Path> files) throws InterruptedException {
        FolderDrop.Result r = drop.upload(profile, "drops", "photos/2026/", files);
        assertThat(app.context().transfers().awaitSettled(r.transferIds(), WAIT))
                .isTrue();
        return r;
    }

    @Test
    void existingKeysFollowTheStoredChoiceExcludesAndObjectDefaultsApply() throws Exception {
        try (S3Client c = s3.client()) {
            c.putObject(b -> b.bucket("drops").key("photos/2026/same.txt"), RequestBody.fromString("same bytes"));
            c.putObject(b -> b.bucket("drops").key("photos/2026/changed.txt"), RequestBody.fromString("old"));
        }
        Path dir = app.dir().resolve("to-drop");
        Files.createDirectories(dir);
        Path same = Files.writeString(dir.resolve("same.txt"), "same bytes");
        Path changed = Files.writeString(dir.resolve("changed.txt"), "new bytes");
        Path fresh = Files.writeString(dir.resolve("fresh.txt"), "fresh");
        Path scratch = Files.writeString(dir.resolve("scratch.tmp"), "left out");
        conflicts.setGlobalChoice(ConflictChoice.ASK);
        conflicts.setRuleLines(List.of("*.tmp"));

        FolderDrop.Result r = dropAndWait(List.of(same, changed, fresh, scratch));
        assertThat(r.choice()).isEqualTo(ConflictChoice.ASK);
        assertThat(r.queued()).as("only the new file").isEqualTo(1);
        assertThat(r.skipped()).as("identical, and changed under 'ask'").isEqualTo(2);
        assertThat(r.excluded()).isEqualTo(1);
        assertThat(r.rejected()).isEmpty();
        assertThat(read("photos/2026/changed.txt"))
                .as("never overwritten unasked")
                .isEqualTo("old");
        assertThat(read("photos/2026/fresh.txt")).isEqualTo("fresh");
        try (S3Client c = s3.client()) {
            var head = c.headObject(b -> b.bucket("drops").key("photos/2026/fresh.txt"));
            assertThat(head.cacheControl()).isEqualTo("max-age=60");
            assertThat(head.contentLanguage()).isEqualTo("de-CH");
            assertThat(c.listObjectsV2(b -> b.bucket("drops").prefix("photos/2026/scratch"))
                            .keyCount())
                    .isZero();
        }

        conflicts.setGlobalChoice(ConflictChoice.OVERWRITE);
        FolderDrop.Result again = dropAndWait(List.of(changed));
        assertThat(again.queued()).isEqualTo(1);
        assertThat(read("photos/2026/changed.txt")).isEqualTo("new bytes");
    }
}
