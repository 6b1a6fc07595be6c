package io.obitox.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.storage.Provider;
import io.obitox.testing.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values, limits, JSON and the provider table of issue 16's upload settings; the SSE-C key never leaves memory. */
class UploadSettingsTest {
    private static UploadSettings withTags(Map<String, String> tags) {
        return new UploadSettings(null, null, null, null, null, null, null, tags);
    }

    private static String code(Runnable r) {
        try {
            r.run();
            return null;
        } catch (ObitoxException e) {
            return e.code();
        }
    }

    @Test
    void attachmentEncodesTheFileNameAsRfc5987() {
        assertThat(UploadSettings.attachment("Résumé 2026 (final).pdf"))
                .isEqualTo("attachment; filename*=UTF-8''R%C3%A9sum%C3%A9%202026%20%28final%29.pdf");
        UploadSettings s = new UploadSettings(null, null, null, null, "attachment", null, null, null);
        assertThat(s.contentDispositionFor("a;b.txt")).isEqualTo("attachment; filename*=UTF-8''a%3Bb.txt");
        UploadSettings literal = new UploadSettings(null, null, null, null, "inline", null, null, null);
        assertThat(literal.contentDispositionFor("x")).isEqualTo("inline");
        assertThat(UploadSettings.NONE.contentDispositionFor("x")).isNull();
    }

    @Test
    void taggingHeaderIsUrlEncoded() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", "web ops");
        tags.put("cost/center", "a+b=c");
        assertThat(withTags(tags).taggingHeader()).isEqualTo("team=web%20ops&cost%2Fcenter=a%2Bb%3Dc");
        assertThat(UploadSettings.NONE.taggingHeader()).isNull();
    }

    @Test
    void s3LimitsAreChecked() {
        Map<String, String> eleven = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("k" + i, "v");
        }
        assertThat(code(() -> UploadSettingsRules.check(withTags(eleven)))).isEqualTo(ObjectSettingsErrors.INVALID);
        assertThat(code(() -> UploadSettingsRules.check(withTags(Map.of("k".repeat(129), "v")))))
                .isEqualTo(ObjectSettingsErrors.INVALID);
        assertThat(code(() -> UploadSettingsRules.check(withTags(Map.of("k", "v".repeat(257))))))
                .isEqualTo(ObjectSettingsErrors.INVALID);
        assertThat(code(() -> UploadSettingsRules.check(withTags(Map.of("aws:x", "v")))))
                .isEqualTo(ObjectSettingsErrors.INVALID);
        assertThat(code(() -> UploadSettingsRules.check(withTags(Map.of("k".repeat(128), "v".repeat(256))))))
                .isNull();
        UploadSettings big =
                new UploadSettings(null, null, null, null, null, null, Map.of("big", "x".repeat(2046)), null);
        assertThat(code(() -> UploadSettingsRules.check(big))).isEqualTo(ObjectSettingsErrors.INVALID);
        for (String own : UploadSettingsRules.RESERVED_METADATA) {
            UploadSettings clash = new UploadSettings(null, null, null, null, null, null, Map.of(own, "1"), null);
            assertThatThrownBy(() -> UploadSettingsRules.check(clash)).hasMessageContaining("ObitoX's own");
        }
        UploadSettings acl = new UploadSettings(null, null, "everyone", null, null, null, null, null);
        assertThatThrownBy(() -> UploadSettingsRules.check(acl)).hasMessageContaining("not a canned ACL");
        UploadSettings header = new UploadSettings(null, null, null, "max-age=1\r\nX-Evil: 1", null, null, null, null);
        assertThatThrownBy(() -> UploadSettingsRules.check(header)).hasMessageContaining("control or non-ASCII");
    }

    @Test
    void providerTableRefusesWhatTheProviderLacks() {
        UploadSettings acl = new UploadSettings(null, null, "private", null, null, null, null, null);
        UploadSettings kms = new UploadSettings(null, Encryption.kms(null, true), null, null, null, null, null, null);
        UploadSettings glacier = new UploadSettings("GLACIER", null, null, null, null, null, null, null);
        UploadSettings tags = withTags(Map.of("a", "b"));
        assertThat(ProviderCapabilities.of(Provider.R2).missing(acl)).containsExactly("ACL private");
        assertThat(ProviderCapabilities.of(Provider.R2).missing(kms)).containsExactly("SSE-KMS (aws:kms)");
        assertThat(ProviderCapabilities.of(Provider.B2).missing(tags)).containsExactly("tags");
        assertThat(ProviderCapabilities.of(Provider.B2).missing(glacier)).hasSize(1);
        assertThat(ProviderCapabilities.of(Provider.WASABI).missing(kms)).hasSize(1);
        for (Provider p : new Provider[] {Provider.AWS, Provider.GENERIC, Provider.CEPH}) {
            assertThat(ProviderCapabilities.of(p).missing(acl)).isEmpty();
            assertThat(ProviderCapabilities.of(p).missing(kms)).isEmpty();
            assertThat(ProviderCapabilities.of(p).missing(tags)).isEmpty();
        }
        assertThat(ProviderCapabilities.of(Provider.AWS).missing(glacier)).isEmpty();
        UploadSettings cold = new UploadSettings("COLD", null, null, null, null, null, null, null);
        for (Provider p : new Provider[] {Provider.CEPH, Provider.GENERIC}) {
            // a placement target the zone may define (scripts/rgw-up.sh adds COLD); a generic server decides itself
            assertThat(ProviderCapabilities.of(p).missing(cold)).as(p.name()).isEmpty();
            ProviderCapabilities.of(p).require(cold, "custom class");
        }
        assertThat(ProviderCapabilities.of(Provider.AWS).missing(cold)).hasSize(1);
        assertThatThrownBy(() -> ProviderCapabilities.of(Provider.R2).require(acl, "my-r2"))
                .isInstanceOfSatisfying(
                        ObitoxException.class, e -> assertThat(e.code()).isEqualTo(ObjectSettingsErrors.UNSUPPORTED))
                .hasMessageContaining("Cloudflare R2 does not support ACL private")
                .hasMessageContaining("Nothing was sent");
        // the full-object checksum the final check relies on: AWS and R2 only (RGW ignores x-amz-checksum-*)
        assertThat(ProviderCapabilities.of(Provider.AWS).fullObjectChecksum())
                .isEqualTo(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.CRC32_C);
        assertThat(ProviderCapabilities.of(Provider.R2).fullObjectChecksum())
                .isEqualTo(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.CRC64_NVME);
        for (Provider p :
                java.util.List.of(Provider.CEPH, Provider.MINIO, Provider.B2, Provider.WASABI, Provider.GENERIC)) {
            assertThat(ProviderCapabilities.of(p).fullObjectChecksum())
                    .as(p.name())
                    .isNull();
        }
    }

    @Test
    void jsonRoundTripsAndHoldsNoKey() throws Exception {
        SseCKey key = SseCKey.of(new byte[32]);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("project", "apollo");
        UploadSettings s = new UploadSettings(
                "STANDARD_IA",
                Encryption.customer(key),
                "private",
                "no-cache",
                "attachment",
                "en",
                meta,
                Map.of("t", "1"));
        String json = UploadSettingsJson.toJson(s);
        assertThat(json).doesNotContain(key.base64()).contains(key.md5Base64());
        assertThat(UploadSettingsJson.fromJson(json)).isEqualTo(s);
        assertThat(UploadSettingsJson.toJson(UploadSettings.NONE)).isNull();
        assertThat(UploadSettingsJson.fromJson(null)).isEqualTo(UploadSettings.NONE);
        assertThat(UploadSettingsJson.fromJson("{\"storageClass\":\"GLACIER\",\"future\":1}")
                        .storageClass())
                .isEqualTo("GLACIER");
        assertThat(key.toString()).doesNotContain(key.base64());
        assertThat(new ObjectHeaders(s, key, "f").toString()).doesNotContain(key.base64());
    }

    @Test
    void flagsGoOverDefaultsFieldByField() {
        UploadSettings defaults = new UploadSettings(
                "STANDARD_IA", Encryption.sseS3(), null, "max-age=60", null, null, Map.of("a", "1"), Map.of("t", "x"));
        UploadSettings flags = new UploadSettings(null, null, null, "no-store", null, null, Map.of("b", "2"), null);
        UploadSettings s = defaults.overriddenBy(flags);
        assertThat(s.storageClass()).isEqualTo("STANDARD_IA");
        assertThat(s.encryption().mode()).isEqualTo(Encryption.Mode.AES256);
        assertThat(s.cacheControl()).isEqualTo("no-store");
        assertThat(s.metadata()).containsEntry("a", "1").containsEntry("b", "2");
        assertThat(s.tags()).containsEntry("t", "x");
    }

    @Test
    void sseCKeyFilesInThreeFormatsGiveOneFingerprintAndAnotherKeyIsRefused() throws Exception {
        byte[] raw = new byte[32];
        for (int i = 0; i < 32; i++) {
            raw[i] = (byte) (i * 7);
        }
        Path dir = TestPaths.newDir("ssec");
        Path binary = Files.write(dir.resolve("k.bin"), raw);
        Path b64 = Files.writeString(dir.resolve("k.b64"), Base64.getEncoder().encodeToString(raw) + "\n");
        Path hex =
                Files.writeString(dir.resolve("k.hex"), java.util.HexFormat.of().formatHex(raw));
        SseCKey k = SseCKey.read(binary);
        assertThat(SseCKey.read(b64).md5Base64()).isEqualTo(k.md5Base64());
        assertThat(SseCKey.read(hex).md5Base64()).isEqualTo(k.md5Base64());
        // the fingerprint S3 wants: base64 of the MD5 of the raw key
        assertThat(k.md5Base64())
                .isEqualTo(Base64.getEncoder()
                        .encodeToString(
                                java.security.MessageDigest.getInstance("MD5").digest(raw)));
        Path shortKey = Files.writeString(dir.resolve("short"), "too short", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> SseCKey.read(shortKey)).hasMessageNotContaining("too short");

        SseCKey other = SseCKey.of(new byte[32]);
        assertThatThrownBy(() -> SseCKeys.requireSame(k.md5Base64(), other, "the upload"))
                .isInstanceOfSatisfying(
                        ObitoxException.class, e -> assertThat(e.code()).isEqualTo(ObjectSettingsErrors.KEY_MISMATCH));
        SseCKeys.requireSame(k.md5Base64(), k, "the upload");
        UploadSettings s = UploadSettings.NONE.withEncryption(Encryption.customer(k));
        assertThatThrownBy(() -> new ObjectHeaders(s, other, "f")).hasMessageContaining("not the key");
        SseCKeys keys = new SseCKeys();
        assertThatThrownBy(() -> keys.require(k.md5Base64(), "'f'"))
                .isInstanceOfSatisfying(
                        ObitoxException.class, e -> assertThat(e.code()).isEqualTo(ObjectSettingsErrors.KEY_NEEDED));
        keys.add(k);
        assertThat(keys.require(k.md5Base64(), "'f'")).isSameAs(k);
    }
}
