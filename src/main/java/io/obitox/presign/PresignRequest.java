package io.obitox.presign;

import io.obitox.objects.Encryption;
import io.obitox.objects.SseCKey;
import io.obitox.objects.UploadSettings;
import java.util.List;

/**
 * A batch to sign: up to {@link PresignService#MAX_FILES} files of one bucket, with one expiry choice.
 *
 * @param network the recipient's network type when the user picked one; null to use measured history
 * @param settings object settings (issue 16) the PUT links carry as signed headers: storage class, encryption, ACL,
 *     Cache-Control, Content-Disposition, Content-Language, metadata, tags; the uploader must send them exactly
 *     ({@link PresignedLink#headers}). {@link UploadSettings#NONE} for none
 * @param sseCKey the SSE-C key when {@code settings} ask for SSE-C (signed into PUT and GET links, never shown); else
 *     null
 */
public record PresignRequest(
        String bucket,
        List<LinkRequest> files,
        ExpiryChoice expiry,
        NetworkType network,
        UploadSettings settings,
        SseCKey sseCKey) {

    public PresignRequest {
        expiry = expiry == null ? ExpiryChoice.auto() : expiry;
        settings = settings == null ? UploadSettings.NONE : settings;
        if (sseCKey != null && settings.encryption().mode() != Encryption.Mode.SSE_C) {
            settings = settings.withEncryption(Encryption.customer(sseCKey));
        }
    }

    /** Links without object settings (as before issue 16). */
    public PresignRequest(String bucket, List<LinkRequest> files, ExpiryChoice expiry, NetworkType network) {
        this(bucket, files, expiry, network, UploadSettings.NONE, null);
    }

    @Override
    public String toString() { // never the key
        return "PresignRequest[" + bucket + ", " + (files == null ? 0 : files.size()) + " file(s), "
                + settings.summary() + "]";
    }
}
