package io.obitox.objects;

import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListPartsRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Puts one upload's settings on the SDK requests that carry them: everything on PutObject and CreateMultipartUpload;
 * the SSE-C key headers also on UploadPart, CompleteMultipartUpload, ListParts and HEAD (S3 wants the key on every
 * request that touches an SSE-C object's data). Immutable; shared by a job's threads.
 *
 * @param key the SSE-C key when the settings ask for SSE-C, else null
 * @param fileName the source file's name, for {@code Content-Disposition: attachment}
 */
public record ObjectHeaders(UploadSettings settings, SseCKey key, String fileName) {
    private static final String SSE_C_ALGORITHM = "AES256";

    public static final ObjectHeaders NONE = new ObjectHeaders(UploadSettings.NONE, null, "");

    public ObjectHeaders {
        settings = settings == null ? UploadSettings.NONE : settings;
        if (settings.encryption().mode() == Encryption.Mode.SSE_C) {
            if (key == null) {
                throw new IllegalArgumentException("SSE-C settings without their key");
            }
            SseCKeys.requireSame(settings.encryption().customerKeyMd5(), key, "this upload");
        }
    }

    public PutObjectRequest.Builder put(PutObjectRequest.Builder b) {
        UploadSettings s = settings;
        b.storageClass(s.storageClass())
                .acl(s.acl())
                .cacheControl(s.cacheControl())
                .contentDisposition(s.contentDispositionFor(fileName))
                .contentLanguage(s.contentLanguage())
                .tagging(s.taggingHeader());
        Encryption e = s.encryption();
        switch (e.mode()) {
            case AES256 -> b.serverSideEncryption("AES256");
            case KMS ->
                b.serverSideEncryption("aws:kms")
                        .ssekmsKeyId(e.kmsKeyId())
                        .bucketKeyEnabled(e.bucketKey() ? Boolean.TRUE : null);
            case SSE_C ->
                b.sseCustomerAlgorithm(SSE_C_ALGORITHM)
                        .sseCustomerKey(key.base64())
                        .sseCustomerKeyMD5(key.md5Base64());
            case NONE -> {}
        }
        return b;
    }

    public CreateMultipartUploadRequest.Builder create(CreateMultipartUploadRequest.Builder b) {
        UploadSettings s = settings;
        b.storageClass(s.storageClass())
                .acl(s.acl())
                .cacheControl(s.cacheControl())
                .contentDisposition(s.contentDispositionFor(fileName))
                .contentLanguage(s.contentLanguage())
                .tagging(s.taggingHeader());
        Encryption e = s.encryption();
        switch (e.mode()) {
            case AES256 -> b.serverSideEncryption("AES256");
            case KMS ->
                b.serverSideEncryption("aws:kms")
                        .ssekmsKeyId(e.kmsKeyId())
                        .bucketKeyEnabled(e.bucketKey() ? Boolean.TRUE : null);
            case SSE_C ->
                b.sseCustomerAlgorithm(SSE_C_ALGORITHM)
                        .sseCustomerKey(key.base64())
                        .sseCustomerKeyMD5(key.md5Base64());
            case NONE -> {}
        }
        return b;
    }

    public UploadPartRequest.Builder part(UploadPartRequest.Builder b) {
        return key == null
                ? b
                : b.sseCustomerAlgorithm(SSE_C_ALGORITHM)
                        .sseCustomerKey(key.base64())
                        .sseCustomerKeyMD5(key.md5Base64());
    }

    public CompleteMultipartUploadRequest.Builder complete(CompleteMultipartUploadRequest.Builder b) {
        return key == null
                ? b
                : b.sseCustomerAlgorithm(SSE_C_ALGORITHM)
                        .sseCustomerKey(key.base64())
                        .sseCustomerKeyMD5(key.md5Base64());
    }

    public ListPartsRequest.Builder listParts(ListPartsRequest.Builder b) {
        return key == null
                ? b
                : b.sseCustomerAlgorithm(SSE_C_ALGORITHM)
                        .sseCustomerKey(key.base64())
                        .sseCustomerKeyMD5(key.md5Base64());
    }

    public HeadObjectRequest.Builder head(HeadObjectRequest.Builder b) {
        return headWith(b, key);
    }

    /** GET of an SSE-C object (a presigned GET link signs the key headers); {@code key} null: unchanged. */
    public static software.amazon.awssdk.services.s3.model.GetObjectRequest.Builder getWith(
            software.amazon.awssdk.services.s3.model.GetObjectRequest.Builder b, SseCKey key) {
        return key == null
                ? b
                : b.sseCustomerAlgorithm(SSE_C_ALGORITHM)
                        .sseCustomerKey(key.base64())
                        .sseCustomerKeyMD5(key.md5Base64());
    }

    /** HEAD of an SSE-C object (e.g. {@code obitox stat --sse-c-key-file}): without the key S3 answers 400. */
    public static HeadObjectRequest.Builder headWith(HeadObjectRequest.Builder b, SseCKey key) {
        return key == null
                ? b
                : b.sseCustomerAlgorithm(SSE_C_ALGORITHM)
                        .sseCustomerKey(key.base64())
                        .sseCustomerKeyMD5(key.md5Base64());
    }

    @Override
    public String toString() {
        return "ObjectHeaders[" + settings.summary() + "]"; // never the key
    }
}
