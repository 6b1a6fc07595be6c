package io.obitox.presign;

import java.util.List;

/**
 * A batch to sign: up to {@link PresignService#MAX_FILES} files of one bucket, with one expiry choice.
 *
 * @param network the recipient's network type when the user picked one; null to use measured history
 */
public record PresignRequest(String bucket, List<LinkRequest> files, ExpiryChoice expiry, NetworkType network) {

    public PresignRequest {
        expiry = expiry == null ? ExpiryChoice.auto() : expiry;
    }
}
