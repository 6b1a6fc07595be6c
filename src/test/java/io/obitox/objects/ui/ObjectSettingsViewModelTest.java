package io.obitox.objects.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.Messages;
import io.obitox.common.ObitoxException;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.Encryption;
import io.obitox.objects.ObjectSettingsErrors;
import io.obitox.objects.UploadSettings;
import io.obitox.storage.Provider;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The object-settings form's state without a toolkit: layering into the form, checks, provider limits, SSE-C. */
class ObjectSettingsViewModelTest {
    private static final UploadSettings DEFAULTS = new UploadSettings(
            "STANDARD",
            Encryption.NONE,
            null,
            "max-age=60",
            null,
            null,
            Map.of("project", "apollo", "team", "moon"),
            Map.of("cost-center", "42"));

    private static ObjectSettingsViewModel form(boolean forDefaults) {
        DirectExecutorService direct = new DirectExecutorService();
        return new ObjectSettingsViewModel(
                new UiTasks(direct, direct), forDefaults, "for this batch only", Messages.english());
    }

    @Test
    void loadedDefaultsAreSummedUpInOneLineAndAChangeIsForTheBatchOnlyUntilReset() {
        ObjectSettingsViewModel vm = form(false);
        vm.setProvider(Provider.AWS);
        vm.load(DEFAULTS, "Defaults of profile Office");
        assertThat(vm.summaryProperty().get())
                .isEqualTo("Defaults of profile Office: Standard · no encryption · Cache-Control max-age=60 · 2"
                        + " metadata · 1 tag");
        assertThat(vm.changedProperty().get()).isFalse();
        assertThat(vm.settings()).isEqualTo(DEFAULTS);
        assertThat(vm.metadataProperty().get()).contains("project=apollo").contains("team=moon");

        vm.storageClassProperty().set("standard_ia");
        vm.metadataProperty().set(vm.metadataProperty().get() + "\nOwner = ana\n\n");
        vm.dispositionProperty().set(ObjectSettingsViewModel.Disposition.ATTACHMENT);
        assertThat(vm.changedProperty().get()).isTrue();
        assertThat(vm.summaryProperty().get())
                .isEqualTo("Standard IA · no encryption · Cache-Control max-age=60 · attachment · 3 metadata · 1 tag"
                        + " (for this batch only)");
        UploadSettings s = vm.settings();
        assertThat(s.storageClass()).isEqualTo("STANDARD_IA");
        assertThat(s.metadata()).containsEntry("owner", "ana").hasSize(3);
        assertThat(s.contentDisposition()).isEqualTo(UploadSettings.ATTACHMENT);

        vm.reset();
        assertThat(vm.settings()).isEqualTo(DEFAULTS);
        assertThat(vm.changedProperty().get()).isFalse();
    }

    @Test
    void nothingLoadedSaysTheBucketsOwnSettingsApply() {
        ObjectSettingsViewModel vm = form(false);
        vm.load(UploadSettings.NONE, "Defaults of profile Sandbox");
        assertThat(vm.summaryProperty().get())
                .isEqualTo("Defaults of profile Sandbox (none set: the bucket's own settings apply)");
        assertThat(vm.settings().isEmpty()).isTrue();
    }

    @Test
    void invalidValuesBlockWithOneMessage() {
        ObjectSettingsViewModel vm = form(false);
        vm.load(UploadSettings.NONE, "");
        vm.metadataProperty().set("sha256=abc");
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).contains("'sha256' is ObitoX's own");
        assertThat(vm.summaryProperty().get()).startsWith("Not valid: ");
        assertThatThrownBy(vm::settings)
                .isInstanceOf(ObitoxException.class)
                .extracting(e -> ((ObitoxException) e).code())
                .isEqualTo(ObjectSettingsErrors.INVALID);

        vm.metadataProperty().set("just words");
        assertThat(vm.errorProperty().get())
                .isEqualTo(
                        "Metadata, line 1: 'just words' is not key=value. Write one key=value per line (the value may be"
                                + " empty: key=).");
        vm.metadataProperty().set("a=1\nA=2");
        assertThat(vm.errorProperty().get()).contains("the key 'a' is given twice");
        vm.metadataProperty().set("");
        vm.tagsProperty().set("aws:owner=me");
        assertThat(vm.errorProperty().get()).contains("starts with 'aws:'");
        vm.tagsProperty().set("");
        vm.cacheControlProperty().set("max-age=60\r\nX-Evil: 1");
        assertThat(vm.errorProperty().get()).contains("Cache-Control holds a control or non-ASCII character");
        vm.cacheControlProperty().set("");
        vm.dispositionProperty().set(ObjectSettingsViewModel.Disposition.CUSTOM);
        assertThat(vm.errorProperty().get()).startsWith("Custom Content-Disposition is chosen but empty.");
        vm.customDispositionProperty().set("inline");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.settings().contentDisposition()).isEqualTo("inline");
    }

    @Test
    void onlyWhatTheProviderHasIsOfferedAndStoredValuesItLacksAreLeftOutWithANotice() {
        ObjectSettingsViewModel vm = form(false);
        vm.setProvider(Provider.R2);
        assertThat(vm.storageClasses()).containsExactly("", "STANDARD", "STANDARD_IA");
        assertThat(vm.anyStorageClassProperty().get()).isFalse();
        assertThat(vm.encryptionModes())
                .containsExactly(Encryption.Mode.NONE, Encryption.Mode.AES256, Encryption.Mode.SSE_C);
        assertThat(vm.aclSupportedProperty().get()).isFalse();
        assertThat(vm.tagsSupportedProperty().get()).isFalse();
        assertThat(vm.providerNoteProperty().get()).contains("no object ACLs");

        vm.load(
                new UploadSettings(
                        "GLACIER",
                        Encryption.kms("k1", false),
                        "private",
                        "no-cache",
                        null,
                        null,
                        Map.of(),
                        Map.of("a", "b")),
                "Defaults of profile R2");
        assertThat(vm.noticeProperty().get())
                .isEqualTo("Cloudflare R2 does not offer storage class GLACIER, SSE-KMS (aws:kms), ACL private, tags:"
                        + " left out of the defaults.");
        assertThat(vm.settings())
                .isEqualTo(new UploadSettings(null, null, null, "no-cache", null, null, Map.of(), Map.of()));
        assertThat(vm.changedProperty().get()).isFalse();

        vm.setProvider(Provider.CEPH);
        assertThat(vm.anyStorageClassProperty().get()).isTrue();
        vm.storageClassProperty().set("cold-hdd");
        assertThat(vm.errorProperty().get()).contains("is not a storage class name");
        vm.storageClassProperty().set("COLD_HDD");
        assertThat(vm.validProperty().get()).isTrue();
    }

    @Test
    void sseCNeedsAKeyFileAndShowsOnlyItsFingerprint() throws Exception {
        ObjectSettingsViewModel vm = form(false);
        vm.setProvider(Provider.AWS);
        vm.load(UploadSettings.NONE, "");
        vm.encryptionProperty().set(Encryption.Mode.SSE_C);
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).startsWith("SSE-C needs your key: choose its key file.");

        Path dir = TestPaths.newDir("object-settings-vm");
        Path bad = Files.writeString(dir.resolve("bad.key"), "not a key");
        vm.chooseKeyFile(bad);
        assertThat(vm.errorProperty().get()).startsWith("The SSE-C key file cannot be used:");

        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        String base64 = Base64.getEncoder().encodeToString(key);
        Path good = Files.writeString(dir.resolve("sse-c.key"), base64 + "\n");
        vm.chooseKeyFile(good);
        assertThat(vm.validProperty().get()).isTrue();
        String md5 = vm.sseCKeyProperty().get().md5Base64();
        assertThat(vm.settings().encryption()).isEqualTo(new Encryption(Encryption.Mode.SSE_C, null, false, md5));
        assertThat(vm.keyTextProperty().get()).contains(md5).doesNotContain(base64);
        assertThat(vm.summaryProperty().get()).contains("SSE-C").doesNotContain(base64);

        // a reset forgets the key (the engine has it from the batch that used it)
        vm.reset();
        assertThat(vm.sseCKeyProperty().get()).isNull();
        assertThat(vm.encryptionProperty().get()).isEqualTo(Encryption.Mode.NONE);
    }

    @Test
    void storedDefaultsNeverOfferSseC() {
        ObjectSettingsViewModel vm = form(true);
        vm.setProvider(Provider.AWS);
        assertThat(vm.encryptionModes())
                .containsExactly(Encryption.Mode.NONE, Encryption.Mode.AES256, Encryption.Mode.KMS);
        vm.encryptionProperty().set(Encryption.Mode.KMS);
        vm.kmsKeyIdProperty().set("arn:aws:kms:eu-west-1:1:key/abc");
        vm.bucketKeyProperty().set(true);
        assertThat(vm.settings().encryption()).isEqualTo(Encryption.kms("arn:aws:kms:eu-west-1:1:key/abc", true));
    }

    @Test
    void storageClassNamesReadAsWords() {
        assertThat(ObjectSettingsLabels.storageClassLabel("STANDARD")).isEqualTo("Standard");
        assertThat(ObjectSettingsLabels.storageClassLabel("STANDARD_IA")).isEqualTo("Standard IA");
        assertThat(ObjectSettingsLabels.storageClassLabel("GLACIER_IR")).isEqualTo("Glacier IR");
        assertThat(ObjectSettingsLabels.storageClassLabel("INTELLIGENT_TIERING"))
                .isEqualTo("Intelligent Tiering");
    }
}
