package io.obitox.presign;

/** What a link lets its holder do: download a stored object, or upload one object to a given key. */
public enum LinkMethod {
    /** Share a stored object. */
    GET,
    /** Let someone upload to this key. */
    PUT
}
