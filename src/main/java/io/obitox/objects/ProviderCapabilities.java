package io.obitox.objects;

import io.obitox.common.ObitoxException;
import io.obitox.storage.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/**
 * What each provider's S3 API takes on upload, so a setting it lacks is refused before any byte is sent (and the GUI
 * offers only what is there). From the providers' S3 compatibility pages (see docs/object-settings.md); where a
 * server's configuration decides (Ceph placement targets, MinIO with or without a KMS) the table allows it and the
 * server's own refusal is reported. "Generic" and the sandbox allow everything.
 *
 * @param storageClasses the classes the provider names; empty: any (the server decides)
 * @param sseS3 {@code x-amz-server-side-encryption: AES256}
 * @param note one line shown with a refusal: why, where known
 * @param fullObjectChecksum the CRC the provider verifies over the whole object, multipart uploads included ({@code
 *     x-amz-checksum-type: FULL_OBJECT}) and returns, which the upload's final check then compares; null where it has
 *     none we rely on (Ceph RGW ignores {@code x-amz-checksum-*}; B2, Wasabi, MinIO and unknown servers: not
 *     relied on). AWS: CRC32C (the JDK computes it in hardware); R2: CRC64NVME, the only algorithm R2 takes for
 *     {@code FULL_OBJECT} multipart uploads (since July 2025).
 */
public record ProviderCapabilities(
        Provider provider,
        Set<String> storageClasses,
        boolean acl,
        boolean tags,
        boolean sseS3,
        boolean sseKms,
        boolean sseC,
        String note,
        ChecksumAlgorithm fullObjectChecksum) {
    /** The canned ACLs S3 defines. */
    public static final List<String> CANNED_ACLS = List.of(
            "private",
            "public-read",
            "public-read-write",
            "authenticated-read",
            "aws-exec-read",
            "bucket-owner-read",
            "bucket-owner-full-control");

    public static final Set<String> AWS_CLASSES = Set.of(
            "STANDARD",
            "REDUCED_REDUNDANCY",
            "STANDARD_IA",
            "ONEZONE_IA",
            "INTELLIGENT_TIERING",
            "GLACIER",
            "GLACIER_IR",
            "DEEP_ARCHIVE");

    public static ProviderCapabilities of(Provider p) {
        return switch (p) {
            case AWS ->
                new ProviderCapabilities(p, AWS_CLASSES, true, true, true, true, true, "", ChecksumAlgorithm.CRC32_C);
            case R2 ->
                new ProviderCapabilities(
                        p,
                        Set.of("STANDARD", "STANDARD_IA"),
                        false,
                        false,
                        true,
                        false,
                        true,
                        "Cloudflare R2 has no object ACLs (access is per bucket or by token), no object tags and no"
                                + " SSE-KMS.",
                        ChecksumAlgorithm.CRC64_NVME);
            case B2 ->
                new ProviderCapabilities(
                        p,
                        Set.of("STANDARD"),
                        false,
                        false,
                        true,
                        false,
                        true,
                        "Backblaze B2's S3 API has one storage class, bucket-level access only (no object ACLs), no"
                                + " object tags and no SSE-KMS.",
                        null);
            case MINIO ->
                new ProviderCapabilities(
                        p,
                        Set.of("STANDARD", "REDUCED_REDUNDANCY"),
                        false,
                        true,
                        true,
                        true,
                        true,
                        "MinIO ignores object ACLs (use bucket policies); SSE-S3 and SSE-KMS need a KMS (KES) configured,"
                                + " SSE-C needs TLS.",
                        null);
            case CEPH ->
                new ProviderCapabilities(
                        p,
                        Set.of(),
                        true,
                        true,
                        true,
                        true,
                        true,
                        "Ceph RGW storage classes are the zone's placement targets; SSE needs a configured backend and"
                                + " SSE-C needs TLS unless 'rgw crypt require ssl = false'.",
                        null);
            case WASABI ->
                new ProviderCapabilities(
                        p,
                        Set.of("STANDARD"),
                        true,
                        true,
                        true,
                        false,
                        true,
                        "Wasabi has one storage class and no SSE-KMS.",
                        null);
            case GENERIC, SANDBOX -> new ProviderCapabilities(p, Set.of(), true, true, true, true, true, "", null);
        };
    }

    /** The settings this provider lacks, in plain words; empty when it has them all. */
    public List<String> missing(UploadSettings s) {
        List<String> out = new ArrayList<>();
        if (s.storageClass() != null && !storageClasses.isEmpty() && !storageClasses.contains(s.storageClass())) {
            out.add("storage class " + s.storageClass() + " (offered: " + String.join(", ", sorted(storageClasses))
                    + ")");
        }
        if (s.acl() != null && !acl) {
            out.add("ACL " + s.acl());
        }
        if (!s.tags().isEmpty() && !tags) {
            out.add("tags");
        }
        switch (s.encryption().mode()) {
            case AES256 -> {
                if (!sseS3) {
                    out.add("SSE-S3 (AES256)");
                }
            }
            case KMS -> {
                if (!sseKms) {
                    out.add("SSE-KMS (aws:kms)");
                }
            }
            case SSE_C -> {
                if (!sseC) {
                    out.add("SSE-C");
                }
            }
            case NONE -> {}
        }
        return out;
    }

    /** Throws {@link ObjectSettingsErrors#UNSUPPORTED} naming every setting the provider lacks. */
    public void require(UploadSettings s, String targetLabel) {
        List<String> m = missing(s);
        if (m.isEmpty()) {
            return;
        }
        throw new ObitoxException(
                ObjectSettingsErrors.UNSUPPORTED,
                provider.displayName() + " does not support " + String.join(", ", m) + " (" + targetLabel
                        + "). Nothing was sent." + (note.isEmpty() ? "" : " " + note),
                "Leave " + (m.size() == 1 ? "this setting" : "these settings")
                        + " out, or choose a profile whose provider has them.");
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
