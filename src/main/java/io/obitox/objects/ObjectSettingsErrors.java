package io.obitox.objects;

import io.obitox.common.ObitoxException;

/** The error codes of object settings, in one place so the CLI, the GUI and the tests name them alike. */
public final class ObjectSettingsErrors {
    /** A setting whose value S3 would refuse (a tag too long, a metadata key that clashes …). */
    public static final String INVALID = "INVALID_OBJECT_SETTING";
    /** A setting the target's provider does not have (ACLs on R2, tags on B2 …). */
    public static final String UNSUPPORTED = "UNSUPPORTED_OBJECT_SETTING";
    /** An SSE-C transfer runs only with its key; the key is never stored. */
    public static final String KEY_NEEDED = io.obitox.storage.SseCRefusal.KEY_NEEDED;
    /** The key file given at resume is not the key the upload started with. */
    public static final String KEY_MISMATCH = "SSE_C_KEY_MISMATCH";

    private ObjectSettingsErrors() {}

    static ObitoxException invalid(String message, String fix) {
        return new ObitoxException(INVALID, message, fix);
    }
}
