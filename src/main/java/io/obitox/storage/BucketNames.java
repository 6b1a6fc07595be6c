package io.obitox.storage;

import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import io.obitox.common.UserMessage;
import java.util.regex.Pattern;

/** The S3 bucket naming rules, checked before any request so the user gets the exact reason. */
public final class BucketNames {
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private BucketNames() {}

    /** Returns the reason the name is invalid (English), or null when it is valid. */
    public static String problem(String name) {
        TextRef t = problemText(name);
        return t == null ? null : t.english();
    }

    /** The reason the name is invalid as a bundle reference, for a view in the user's language; null when valid. */
    public static TextRef problemText(String name) {
        if (name == null || name.isBlank()) {
            return TextRef.of("svc.bucketName.empty");
        }
        if (name.length() < 3 || name.length() > 63) {
            return TextRef.of("svc.bucketName.length", name, String.valueOf(name.length()));
        }
        if (!ALLOWED.matcher(name).matches()) {
            return TextRef.of("svc.bucketName.characters");
        }
        if (name.contains("..") || name.contains(".-") || name.contains("-.")) {
            return TextRef.of("svc.bucketName.dots");
        }
        if (IP.matcher(name).matches()) {
            return TextRef.of("svc.bucketName.ip");
        }
        return null;
    }

    public static String require(String name) {
        TextRef problem = problemText(name);
        if (problem != null) {
            throw new ObitoxException(
                    UserMessage.of("INVALID_BUCKET_NAME", problem, TextRef.of("svc.bucketName.fix")), null);
        }
        return name;
    }
}
