package io.obitox.presign;

import java.time.Instant;
import java.util.List;

/**
 * The links of one request, in the order asked, with what applies to all of them.
 *
 * @param warnings batch-wide warnings (credential lifetime); each link has its own too
 */
public record PresignBatch(
        List<PresignedLink> links, CredentialLifetime credentials, List<String> warnings, Instant signedAt) {

    public PresignBatch {
        links = List.copyOf(links);
        warnings = List.copyOf(warnings);
    }
}
