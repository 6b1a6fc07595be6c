package io.obitox.objects;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SSE-C keys this process was given, by fingerprint, in memory only: a transfer stores the fingerprint, and finds
 * its key here when it runs. After a restart the key file must be given again. Thread-safe.
 */
public final class SseCKeys {
    private final Map<String, SseCKey> byMd5 = new ConcurrentHashMap<>();

    public void add(SseCKey key) {
        byMd5.put(key.md5Base64(), key);
    }

    /** Every key given to this process, for an object whose key S3 does not name (a HEAD refused without it). */
    public java.util.List<SseCKey> all() {
        return java.util.List.copyOf(byMd5.values());
    }

    public Optional<SseCKey> find(String md5Base64) {
        return md5Base64 == null ? Optional.empty() : Optional.ofNullable(byMd5.get(md5Base64));
    }

    /**
     * The key an SSE-C transfer needs; else the error that says to give the key file again, or, when this process
     * was given other keys only, that the key given is not the upload's.
     */
    public SseCKey require(String md5Base64, String what) {
        Optional<SseCKey> found = find(md5Base64);
        if (found.isEmpty() && !byMd5.isEmpty()) {
            throw new io.obitox.common.ObitoxException(
                    ObjectSettingsErrors.KEY_MISMATCH,
                    "The SSE-C key file given (fingerprint " + String.join(", ", byMd5.keySet()) + ") is not the key "
                            + what + " was started with (fingerprint " + md5Base64 + ").",
                    "Give the key file the upload started with, or cancel it ('obitox transfers cancel') and upload"
                            + " again with the new key.");
        }
        return found.orElseThrow(() -> new io.obitox.common.ObitoxException(
                ObjectSettingsErrors.KEY_NEEDED,
                what + " is encrypted with a customer key (SSE-C, fingerprint " + md5Base64
                        + ") that ObitoX does not keep.",
                "Give the same key file again: the same command with --sse-c-key-file FILE, obitox transfers"
                        + " resume --sse-c-key-file FILE, or Resume in the Transfers view (it asks for the file)."));
    }

    /**
     * Checks that {@code given} is the key an upload started with; a different key would write parts no one can
     * complete into one object.
     */
    public static void requireSame(String storedMd5, SseCKey given, String what) {
        if (storedMd5 != null && given != null && !storedMd5.equals(given.md5Base64())) {
            throw new io.obitox.common.ObitoxException(
                    ObjectSettingsErrors.KEY_MISMATCH,
                    "The SSE-C key file given is not the key " + what + " was started with (fingerprint "
                            + given.md5Base64() + ", expected " + storedMd5 + ").",
                    "Give the key file the upload started with, or cancel it ('obitox transfers cancel') and upload"
                            + " again with the new key.");
        }
    }
}
