package io.obitox.storage;

import io.obitox.common.ObitoxException;
import java.util.regex.Pattern;

/** The S3 bucket naming rules, checked before any request so the user gets the exact reason. */
public final class BucketNames {
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private BucketNames() {}

    /** Returns the reason the name is invalid, or null when it is valid. */
    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "The bucket name is empty.";
        }
        if (name.length() < 3 || name.length() > 63) {
            return "A bucket name has 3 to 63 characters; '" + name + "' has " + name.length() + ".";
        }
        if (!ALLOWED.matcher(name).matches()) {
            return "A bucket name uses only lowercase letters, digits, dots and hyphens, and starts and ends with a "
                    + "letter or digit.";
        }
        if (name.contains("..") || name.contains(".-") || name.contains("-.")) {
            return "A bucket name cannot have two dots in a row or a dot next to a hyphen.";
        }
        if (IP.matcher(name).matches()) {
            return "A bucket name cannot look like an IP address.";
        }
        return null;
    }

    public static String require(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new ObitoxException("INVALID_BUCKET_NAME", problem, "Choose another name, e.g. 'my-uploads'.");
        }
        return name;
    }
}
