package io.obitox.validation;

/**
 * Why a file may not be uploaded. The first six are the feature plan's codes; the others cover what a desktop meets
 * (content that contradicts the name, files that vanish or cannot be read, pipes and devices, names and keys too
 * long for the file system or S3, two files that would overwrite each other).
 */
public enum ValidationCode {
    /** 0 bytes, and the policy's minimum size is above 0 (a minimum of 0 allows empty files). */
    EMPTY_FILE,
    FILE_TOO_LARGE,
    FILE_TOO_SMALL,
    /** A program by name, by content, or a name that hides its real extension (direction controls). */
    DANGEROUS_TYPE,
    INVALID_EXTENSION,
    INVALID_MIME_TYPE,
    /** The content is a different recognised format than the extension says (a .png that is a JPEG). */
    TYPE_MISMATCH,
    /** No permission, or an I/O error while reading. */
    UNREADABLE,
    /** Deleted or moved after it was chosen, or a link to nothing. */
    FILE_NOT_FOUND,
    /** A named pipe, socket or device (or a folder where a file was expected). */
    NOT_A_FILE,
    /** A name longer than 255 bytes of UTF-8 that is not shortened (sanitizing off, or the OS refuses it). */
    NAME_TOO_LONG,
    /** Prefix and path together exceed S3's 1024-byte key limit. */
    KEY_TOO_LONG,
    /** Another file of the same batch maps to the same object key. */
    DUPLICATE_KEY,
    /**
     * A symbolic link (or junction) inside a dropped folder whose target is outside that folder; not followed unless
     * the policy (or {@code --follow-links}) allows it. A link the user named directly is not affected.
     */
    LINK_OUTSIDE_FOLDER
}
