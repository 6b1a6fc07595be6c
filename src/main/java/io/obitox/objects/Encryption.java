package io.obitox.objects;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Server-side encryption asked for on upload. For SSE-C only the key's MD5 fingerprint (base64, as S3's {@code
 * x-amz-server-side-encryption-customer-key-MD5}) is kept: it recognises the key when a resumed upload is given the
 * key file again, and is harmless to store. The key itself lives in {@link SseCKeys} for the process's lifetime.
 *
 * @param kmsKeyId SSE-KMS only; null lets the bucket's (or the account's AWS-managed) key be used
 * @param bucketKey SSE-KMS only: {@code x-amz-server-side-encryption-bucket-key-enabled}
 * @param customerKeyMd5 SSE-C only: the key's fingerprint
 */
public record Encryption(Mode mode, String kmsKeyId, boolean bucketKey, String customerKeyMd5) {
    public enum Mode {
        NONE,
        /** SSE-S3: {@code x-amz-server-side-encryption: AES256}. */
        AES256,
        /** SSE-KMS: {@code x-amz-server-side-encryption: aws:kms}. */
        KMS,
        /** SSE-C: the client sends the key with every request touching the object's data. */
        SSE_C
    }

    public static final Encryption NONE = new Encryption(Mode.NONE, null, false, null);

    public Encryption {
        mode = mode == null ? Mode.NONE : mode;
        kmsKeyId = blankToNull(kmsKeyId);
        customerKeyMd5 = blankToNull(customerKeyMd5);
    }

    public static Encryption sseS3() {
        return new Encryption(Mode.AES256, null, false, null);
    }

    public static Encryption kms(String keyId, boolean bucketKey) {
        return new Encryption(Mode.KMS, keyId, bucketKey, null);
    }

    public static Encryption customer(SseCKey key) {
        return new Encryption(Mode.SSE_C, null, false, key.md5Base64());
    }

    /** The value of {@code --sse}: {@code AES256} or {@code aws:kms} (case-insensitive). */
    public static Mode parseSse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("AES256") || t.equalsIgnoreCase("sse-s3")) {
            return Mode.AES256;
        }
        if (t.equalsIgnoreCase("aws:kms") || t.equalsIgnoreCase("kms") || t.equalsIgnoreCase("sse-kms")) {
            return Mode.KMS;
        }
        throw ObjectSettingsErrors.invalid(
                "'" + text + "' is not a server-side encryption S3 knows.",
                "Use --sse AES256 (SSE-S3) or --sse aws:kms (SSE-KMS); for SSE-C give --sse-c-key-file.");
    }

    @JsonIgnore
    public boolean isNone() {
        return mode == Mode.NONE;
    }

    /** As S3 names it: {@code AES256}, {@code aws:kms}, {@code SSE-C}; empty for none. */
    public String label() {
        return switch (mode) {
            case NONE -> "";
            case AES256 -> "AES256";
            case KMS ->
                "aws:kms" + (kmsKeyId == null ? "" : " (key " + kmsKeyId + ")") + (bucketKey ? ", bucket key" : "");
            case SSE_C -> "SSE-C (key fingerprint " + customerKeyMd5 + ")";
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
