package io.obitox.presign.ui;

import io.obitox.presign.PresignedLink;

/** What "Copy" of one link puts on the clipboard: the link alone, its headers, or both as one curl command. */
public enum LinkCopy {
    LINK("Copy link"),
    HEADERS("Copy headers (curl -H lines)"),
    CURL("Copy as curl command (link + headers)");

    private final String label;

    LinkCopy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
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
