package io.obitox.presign.ui;

import io.obitox.presign.PresignedLink;

/** What "Copy" of one link puts on the clipboard: the link alone, its headers, or both as one curl command. */
public enum LinkCopy {
    LINK("links.copy.link"),
    HEADERS("links.copy.headers"),
    CURL("links.copy.curl");

    private final String key;

    LinkCopy(String key) {
        this.key = key;
    }

    /** The message key of how this choice reads in the Copy menu. */
    public String key() {
        return key;
    }

    /** The clipboard text; an SSE-C key is never in it (the link lists a placeholder in its place). */
    public String text(PresignedLink l) {
        return switch (this) {
            case LINK -> l.url();
            case HEADERS -> LinkTexts.curlHeaders(l);
            case CURL -> LinkTexts.curl(l);
        };
    }
}
