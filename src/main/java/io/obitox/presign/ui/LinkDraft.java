package io.obitox.presign.ui;

import io.obitox.common.Sizes;
import io.obitox.presign.LinkMethod;
import io.obitox.presign.LinkRequest;

/**
 * A file waiting in the Links view to be signed: a stored object to share (GET) or a key to upload to (PUT).
 *
 * @param size bytes; null when unknown (a GET looks it up, a PUT gets the minimum expiry)
 * @param origin where it came from, for the table: "bucket", "upload" or "typed"
 */
public record LinkDraft(String key, LinkMethod method, Long size, String contentType, String origin) {

    public LinkRequest toRequest() {
        return new LinkRequest(key, method, size, method == LinkMethod.PUT ? contentType : null, null);
    }

    public String sizeText() {
        return size == null ? "unknown" : Sizes.bytes(size);
    }
}
