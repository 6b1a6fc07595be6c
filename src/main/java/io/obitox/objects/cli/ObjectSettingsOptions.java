package io.obitox.objects.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.common.TextRef;
import io.obitox.objects.Encryption;
import io.obitox.objects.ObjectSettingsDefaults;
import io.obitox.objects.ProviderCapabilities;
import io.obitox.objects.SseCKey;
import io.obitox.objects.UploadSettings;
import io.obitox.objects.UploadSettingsRules;
import io.obitox.profile.StorageProfile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The object-settings flags of {@code obitox upload}, {@code obitox sync} and {@code obitox presign} (issue 16). {@link #resolve} layers them over the stored
 * defaults of the profile and bucket, checks the values and the provider's capabilities, and hands an SSE-C key to
 * the engine (in memory only) — all before any request, so a refusal sends nothing.
 */
public final class ObjectSettingsOptions {
    @Option(
            names = "--storage-class",
            paramLabel = "CLASS",
            descriptionKey = "cli.help.objectSettingsOptions.storageClass")
    String storageClass;

    @Option(names = "--sse", paramLabel = "AES256|aws:kms", descriptionKey = "cli.help.objectSettingsOptions.sse")
    String sse;

    @Option(
            names = "--sse-kms-key-id",
            paramLabel = "ID",
            descriptionKey = "cli.help.objectSettingsOptions.sseKmsKeyId")
    String kmsKeyId;

    @Option(names = "--sse-bucket-key", descriptionKey = "cli.help.objectSettingsOptions.sseBucketKey")
    boolean bucketKey;

    @Option(
            names = "--sse-c-key-file",
            paramLabel = "FILE",
            descriptionKey = "cli.help.objectSettingsOptions.sseCKeyFile")
    Path sseCKeyFile;

    @Option(names = "--acl", paramLabel = "ACL", descriptionKey = "cli.help.objectSettingsOptions.acl")
    String acl;

    @Option(
            names = "--cache-control",
            paramLabel = "VALUE",
            descriptionKey = "cli.help.objectSettingsOptions.cacheControl")
    String cacheControl;

    @Option(
            names = "--content-disposition",
            paramLabel = "VALUE|attachment",
            descriptionKey = "cli.help.objectSettingsOptions.contentDisposition")
    String contentDisposition;

    @Option(
            names = "--content-language",
            paramLabel = "LANG",
            descriptionKey = "cli.help.objectSettingsOptions.contentLanguage")
    String contentLanguage;

    @Option(names = "--metadata", paramLabel = "KEY=VALUE", descriptionKey = "cli.help.objectSettingsOptions.metadata")
    List<String> metadata = List.of();

    @Option(names = "--tag", paramLabel = "KEY=VALUE", descriptionKey = "cli.help.objectSettingsOptions.tag")
    List<String> tags = List.of();

    /** The flags alone (what the user typed), without defaults; reads the SSE-C key file if given. */
    public UploadSettings flags() {
        Encryption e = Encryption.NONE;
        if (sseCKeyFile != null) {
            if (sse != null || kmsKeyId != null) {
                throw CliFailure.of(
                        "INVALID_OBJECT_SETTING",
                        TextRef.of("cli.error.objectSettingsOptions.sseCWithSse"),
                        TextRef.of("cli.error.objectSettingsOptions.sseCWithSse.fix"));
            }
            e = Encryption.customer(key());
        } else if (sse != null || kmsKeyId != null || bucketKey) {
            Encryption.Mode m = sse == null ? Encryption.Mode.KMS : Encryption.parseSse(sse);
            e = m == Encryption.Mode.KMS
                    ? Encryption.kms(kmsKeyId, bucketKey)
                    : new Encryption(m, kmsKeyId, bucketKey, null);
        }
        return new UploadSettings(
                storageClass == null ? null : storageClass.trim().toUpperCase(Locale.ROOT),
                e,
                acl == null ? null : acl.trim().toLowerCase(Locale.ROOT),
                cacheControl,
                contentDisposition,
                contentLanguage,
                pairs("--metadata", metadata, true),
                pairs("--tag", tags, false));
    }

    /**
     * The batch's settings: stored defaults (global, profile, bucket) with the flags on top, checked against S3's
     * limits and the provider's capabilities. Throws before anything is sent.
     */
    public UploadSettings resolve(CliContext ctx, TargetOptions.Resolved target, String bucket) {
        UploadSettings flags = flags();
        String profileId = target.profile().map(StorageProfile::id).orElse(null);
        UploadSettings s = new ObjectSettingsDefaults(ctx.app().settings())
                .effective(profileId, bucket)
                .overriddenBy(flags);
        UploadSettingsRules.check(s);
        ProviderCapabilities.of(target.target().provider())
                .require(s, target.target().label());
        if (sseCKeyFile != null) {
            ctx.app().transfers().engine().sseCKeys().add(key());
        }
        return s;
    }

    /**
     * The settings presigned PUT links carry (issue 16): the same layering as {@link #resolve} (stored defaults of the
     * profile and bucket, the flags on top), checked by the presign service; no key goes to the transfer engine.
     */
    public UploadSettings forLinks(CliContext ctx, TargetOptions.Resolved target, String bucket) {
        String profileId = target.profile().map(StorageProfile::id).orElse(null);
        return new ObjectSettingsDefaults(ctx.app().settings())
                .effective(profileId, bucket)
                .overriddenBy(flags());
    }

    /** The SSE-C key of {@code --sse-c-key-file}, or null. */
    public SseCKey sseCKey() {
        return sseCKeyFile == null ? null : key();
    }

    /** Whether any of these flags was given. */
    public boolean given() {
        return !flags().isEmpty() || bucketKey;
    }

    private SseCKey key() {
        return SseCKey.read(sseCKeyFile);
    }

    static Map<String, String> pairs(String flag, List<String> values, boolean lowerCaseKeys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq <= 0) {
                throw CliFailure.of(
                        "INVALID_OBJECT_SETTING",
                        TextRef.of("cli.error.objectSettingsOptions.notKeyValue", flag, v),
                        TextRef.of("cli.error.objectSettingsOptions.notKeyValue.fix", flag));
            }
            String k = v.substring(0, eq).trim();
            out.put(lowerCaseKeys ? k.toLowerCase(Locale.ROOT) : k, v.substring(eq + 1));
        }
        return out;
    }
}
