package io.obitox.watch;

import java.nio.file.Path;

/**
 * A problem of a running watch, told once when it begins (a desktop notification, a warning line of {@code watch
 * run}) and again only after it cleared and came back, never per file or per retry.
 *
 * @param message a sentence naming the fix (no secrets, no stack trace)
 */
public record WatchProblem(String watchId, Path folder, Kind kind, String message) {

    /** What went wrong; a watch holds each kind at most once until it clears. */
    public enum Kind {
        /** The folder is gone (a drive unplugged, the folder moved); cleared when it is watched again. */
        FOLDER_GONE,
        /** The folder cannot be read; cleared when it is watched again. */
        PERMISSION_DENIED,
        /** The folder cannot be watched for another reason; cleared when it is watched again. */
        FOLDER_UNUSABLE,
        /** Listing or queueing against the target fails; cleared when a batch reaches the target again. */
        TARGET_FAILING,
        /** Some sub-folders are beyond the OS's watch limit (not an error: the scan takes their files). */
        UNWATCHED_FOLDERS,
        /** The watch's thread stopped on an internal error. */
        INTERNAL
    }

    /** One line for a terminal or the window's status line. */
    public String line() {
        return folder + ": " + message;
    }
}
