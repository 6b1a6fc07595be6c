package io.obitox.storage;

import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import io.obitox.common.UserMessage;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What S3 answers a read of an object encrypted with a customer key (SSE-C) that came without that key, and the one
 * error ObitoX makes of it, so that the download's HEAD, its GETs and the details pane say the same. Measured (issue
 * 18): a HEAD is refused with a bare {@code 400} (a HEAD has no body, so no error code) by S3 and Ceph RGW alike; a
 * GET with {@code 400 InvalidRequest} "The object was stored using a form of Server Side Encryption…" (S3) or {@code
 * 400 InvalidArgument} "Requests specifying Server Side Encryption with Customer provided keys must provide a valid
 * encryption algorithm" (RGW). With a wrong key RGW answers a HEAD with a bare 400 too and a GET with {@code
 * InvalidArgument} "The calculated MD5 hash of the key did not match…"; S3 answers 403. Stateless.
 */
public final class SseCRefusal {
    /** The object needs its customer key, which the request lacked (the same code as uploads use). */
    public static final String KEY_NEEDED = "SSE_C_KEY_NEEDED";
    /** A customer key was given, and the server refused it for this object. */
    public static final String WRONG_KEY = "SSE_C_WRONG_KEY";

    private SseCRefusal() {}

    /**
     * Whether {@code failure} is the server refusing to read an SSE-C object for its key: a 400 without an error code
     * (a HEAD), or one whose code or message speaks of server-side encryption or the customer key (a GET). A 400 of
     * another kind (a bad range, a malformed request) is not one.
     */
    public static boolean refused(Throwable failure) {
        AwsServiceException e = serviceException(failure);
        if (e == null || e.statusCode() != 400) {
            return false;
        }
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message =
                e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        if (code == null
                || code.replaceAll("[0-9 ]", "").isEmpty()
                || code.replaceAll("[0-9 ]", "").equalsIgnoreCase("BadRequest")) {
            return true; // a HEAD: no body, so no code (or the status line as the code)
        }
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return (code.equals("InvalidRequest") || code.equals("InvalidArgument"))
                && (m.contains("server side encryption")
                        || m.contains("encryption parameters")
                        || m.contains("customer")
                        || m.contains("md5 hash of the key"));
    }

    /**
     * The error for an SSE-C refusal of {@code key}: {@link #KEY_NEEDED} when no key was sent, {@link #WRONG_KEY} when
     * one was (it is not the object's key).
     *
     * @param fix what to do, in the words of whoever asked (a command's flag, a dialog's field)
     */
    public static ObitoxException of(String bucket, String key, boolean keySent, TextRef fix, Throwable cause) {
        UserMessage m = keySent
                ? UserMessage.of(WRONG_KEY, TextRef.of("svc.sseC.wrongKey", key, bucket), fix)
                : UserMessage.of(KEY_NEEDED, TextRef.of("svc.sseC.keyNeeded", key, bucket), fix);
        return new ObitoxException(m, cause);
    }

    private static AwsServiceException serviceException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof AwsServiceException ase) {
                return ase;
            }
        }
        return null;
    }
}
