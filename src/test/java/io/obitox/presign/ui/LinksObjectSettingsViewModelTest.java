package io.obitox.presign.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.Encryption;
import io.obitox.objects.ObjectSettingsDefaults;
import io.obitox.objects.SseCKey;
import io.obitox.objects.UploadSettings;
import io.obitox.objects.ui.ObjectSettingsViewModel;
import io.obitox.presign.LinkMethod;
import io.obitox.presign.PresignService;
import io.obitox.presign.PresignedLink;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.ObjectEntry;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Issue 16 in the Links view model, without a toolkit (same-thread tasks, a real S3Proxy, a real app context): the
 * form starts at the layered stored defaults of the profile and bucket, PUT links are signed with its settings and list
 * the headers to send, GET links ignore them, an invalid form refuses to sign PUT links only, an SSE-C key is a
 * placeholder everywhere (details, copied headers, curl command), and another target's defaults replace changes with
 * a notice.
 */
class LinksObjectSettingsViewModelTest {
    private S3ProxyServer server;
    private TestApp app;
    private StorageProfile profile;
    private LinksViewModel vm;
    private ObjectSettingsViewModel form;

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket("share");
        server.createBucket("other");
        try (var s3 = server.client()) {
            s3.putObject(b -> b.bucket("share").key("docs/a.pdf"), RequestBody.fromBytes(new byte[2048]));
        }
        app = TestApp.create("links-settings-vm");
        profile = app.addProfile("Links S3Proxy", server, "share");
        ObjectSettingsDefaults defaults =
                new ObjectSettingsDefaults(app.context().settings());
        defaults.save(
                profile.id(),
                null,
                new UploadSettings(
                        "STANDARD", Encryption.NONE, null, null, null, null, Map.of("project", "apollo"), Map.of()));
        defaults.save(
                profile.id(),
                "share",
                new UploadSettings(null, Encryption.NONE, null, "max-age=60", null, null, Map.of(), Map.of()));
        UiTasks tasks = new UiTasks(new DirectExecutorService(), Runnable::run);
        ProfileSelection selection = new ProfileSelection(app.context().profiles(), tasks);
        selection.set(app.context().profiles().list(), Optional.of(profile));
        vm = new LinksViewModel(
                app.context().presign(),
                app.context().profiles(),
                selection,
                List::of,
                tasks,
                LinkObjectSettings.Factory.of(defaults, tasks, Messages.english()),
                Messages.english());
        form = vm.objectSettings().form();
    }

    @AfterEach
    void tearDown() {
        app.close();
        server.close();
    }

    private static void register(List<PresignedLink> links) {
        links.forEach(l -> TestSecrets.register(l.url().replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1")));
    }

    private void addPut(String key) {
        vm.newMethodProperty().set(LinkMethod.PUT);
        vm.newKeyProperty().set(key);
        vm.newContentTypeProperty().set("video/mp4");
        vm.addTyped();
    }

    private PresignedLink link(String key) {
        return vm.links().stream().filter(l -> l.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void putLinksCarryTheLayeredDefaultsAndTheChangesGetLinksIgnoreThem() {
        assertThat(form.summaryProperty().get())
                .isEqualTo("Defaults of profile Links S3Proxy and bucket share: Standard · no encryption ·"
                        + " Cache-Control max-age=60 · 1 metadata");
        form.metadataProperty().set("project=apollo\nowner=ana");
        form.contentLanguageProperty().set("de-CH");
        assertThat(form.summaryProperty().get()).endsWith("(for these links only)");

        vm.addObjects("share", List.of(new ObjectEntry("docs/a.pdf", 2048, null, null, false)));
        addPut("in/clip's take.mp4");
        vm.generate();
        register(vm.links());

        assertThat(vm.errorProperty().get()).as(vm.statusProperty().get()).isFalse();
        assertThat(link("docs/a.pdf").headers())
                .as("GET links ignore the settings")
                .isEmpty();
        PresignedLink put = link("in/clip's take.mp4");
        assertThat(put.headers())
                .containsEntry("Content-Type", "video/mp4")
                .containsEntry("X-Amz-Storage-Class", "STANDARD")
                .containsEntry("Cache-Control", "max-age=60")
                .containsEntry("Content-Language", "de-CH")
                .containsEntry("X-Amz-Meta-Project", "apollo")
                .containsEntry("X-Amz-Meta-Owner", "ana");
        vm.selectedLinkProperty().set(put);
        assertThat(vm.detailsProperty().get())
                .contains("The uploader must send these headers, exactly as written:")
                .contains("\n    X-Amz-Storage-Class: STANDARD")
                .contains("\n    X-Amz-Meta-Owner: ana");
        assertThat(new LinkTexts(Messages.english()).headerCount(put))
                .isEqualTo(put.headers().size() + " to send");
        assertThat(new LinkTexts(Messages.english()).headerCount(link("docs/a.pdf")))
                .isEqualTo("none");

        // copy: the link alone, its headers as curl -H lines, or a whole curl command (quotes escaped for the shell)
        assertThat(vm.copy(put, LinkCopy.LINK)).isEqualTo(put.url());
        assertThat(vm.statusProperty().get()).startsWith("Copied the link.");
        String headers = vm.copy(put, LinkCopy.HEADERS);
        assertThat(headers.lines().map(l -> l.replaceAll(" \\\\$", "")))
                .contains("-H 'Cache-Control: max-age=60'", "-H 'X-Amz-Meta-Owner: ana'")
                .hasSize(put.headers().size());
        assertThat(vm.statusProperty().get())
                .startsWith("Copied " + put.headers().size() + " header(s) as curl -H");
        String curl = vm.copy(put, LinkCopy.CURL);
        assertThat(curl)
                .startsWith("curl -X PUT -T 'clip'\\''s take.mp4' \\\n-H '")
                .endsWith("\n'" + put.url() + "'")
                .contains(headers);
    }

    @Test
    void anInvalidFormRefusesPutLinksOnlyAndSaysWhy() {
        form.metadataProperty().set("sha256=mine");
        assertThat(form.validProperty().get()).isFalse();
        addPut("in/x.mp4");
        vm.generate();
        assertThat(vm.links()).isEmpty();
        assertThat(vm.errorProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).startsWith("Object settings: The metadata key 'sha256' is ObitoX's own");

        // GET links do not use the settings: signed anyway
        vm.clearFiles();
        vm.addObjects("share", List.of(new ObjectEntry("docs/a.pdf", 2048, null, null, false)));
        vm.generate();
        register(vm.links());
        assertThat(vm.links())
                .singleElement()
                .satisfies(l -> assertThat(l.headers()).isEmpty());
    }

    @Test
    void anSseCKeyIsSignedButOnlyItsPlaceholderIsShownOrCopied() throws Exception {
        byte[] raw = new byte[32];
        new Random(9).nextBytes(raw);
        SseCKey key = SseCKey.of(raw);
        TestSecrets.register(key.base64());
        Path file = Files.write(app.dir().resolve("sse-c.key"), raw);
        form.encryptionProperty().set(Encryption.Mode.SSE_C);
        form.chooseKeyFile(file); // same-thread tasks: read at once
        assertThat(form.keyTextProperty().get()).contains(key.md5Base64());
        addPut("secret/one.bin");
        vm.generate();
        register(vm.links());

        PresignedLink put = vm.links().get(0);
        assertThat(put.headers())
                .containsEntry("X-Amz-Server-Side-Encryption-Customer-Algorithm", "AES256")
                .containsEntry("X-Amz-Server-Side-Encryption-Customer-Key", PresignService.SSE_C_KEY_PLACEHOLDER)
                .containsEntry("X-Amz-Server-Side-Encryption-Customer-Key-MD5", key.md5Base64());
        vm.selectedLinkProperty().set(put);
        String shown = vm.detailsProperty().get()
                + vm.warningsProperty().get()
                + vm.copy(put, LinkCopy.HEADERS)
                + vm.copy(put, LinkCopy.CURL)
                + vm.statusProperty().get();
        assertThat(shown).contains(PresignService.SSE_C_KEY_PLACEHOLDER).doesNotContain(key.base64());

        // a GET link takes the key alone (an SSE-C object cannot be read without it), not the other settings
        LinkObjectSettings.Applied forGet = vm.objectSettings()
                .forLinks(List.of(new LinkDraft("secret/one.bin", LinkMethod.GET, 1L, null, "typed")));
        assertThat(forGet.key()).isSameAs(form.sseCKeyProperty().get());
        assertThat(forGet.settings()).isEqualTo(UploadSettings.NONE);
        assertThat(forGet.toString()).doesNotContain(key.base64());
    }

    @Test
    void anotherBucketsDefaultsReplaceTheChangesAndSaySo() {
        form.cacheControlProperty().set("no-store");
        assertThat(form.changedProperty().get()).isTrue();
        vm.bucketProperty().set("other");
        assertThat(form.summaryProperty().get())
                .isEqualTo("Defaults of profile Links S3Proxy and bucket other: Standard · no encryption · 1 metadata");
        assertThat(form.cacheControlProperty().get()).isEmpty();
        assertThat(vm.statusProperty().get())
                .isEqualTo(
                        "Object settings reset to the defaults of Links S3Proxy, bucket other (the target changed).");
    }
}
