package io.obitox.validation;

import static io.obitox.validation.ValidationCode.DANGEROUS_TYPE;
import static io.obitox.validation.ValidationCode.EMPTY_FILE;
import static io.obitox.validation.ValidationCode.FILE_NOT_FOUND;
import static io.obitox.validation.ValidationCode.FILE_TOO_LARGE;
import static io.obitox.validation.ValidationCode.FILE_TOO_SMALL;
import static io.obitox.validation.ValidationCode.INVALID_MIME_TYPE;
import static io.obitox.validation.ValidationCode.KEY_TOO_LONG;
import static io.obitox.validation.ValidationCode.NOT_A_FILE;
import static io.obitox.validation.ValidationCode.UNREADABLE;

import io.obitox.common.Sizes;
import io.obitox.common.TextRef;
import io.obitox.validation.detect.ContentDetector;
import io.obitox.validation.detect.DetectedType;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one file against a {@link ValidationPolicy}. Never throws for anything about the file: every problem
 * becomes a {@link ValidationResult} with a code and a sentence.
 *
 * <p>Checks run in this order and the first failure is the result: name length (NAME_TOO_LONG, KEY_TOO_LONG); the
 * file itself (FILE_NOT_FOUND, UNREADABLE, NOT_A_FILE for folders, pipes, sockets and devices, which are never
 * opened); size (EMPTY_FILE, FILE_TOO_LARGE, FILE_TOO_SMALL); the name (DANGEROUS_TYPE for a program extension, also
 * behind trailing dots or a decoy like {@code invoice.pdf.exe}, and for direction controls such as U+202E); then the
 * content is read: DANGEROUS_TYPE when it is a program whatever the name (a {@code .jpg} that is a PE),
 * INVALID_EXTENSION, INVALID_MIME_TYPE and TYPE_MISMATCH.
 *
 * <p>Decisions: a 0-byte file is EMPTY_FILE only when the policy's minimum size is above 0; with a minimum of 0 (the
 * default policy) it is valid, its content checks are skipped (there is no content) and it uploads as an empty
 * object. TYPE_MISMATCH (a {@code .png} that is a JPEG, see {@link TypeRules}) rejects the file when the policy says
 * {@code rejectTypeMismatch} (the Images, Documents and Media presets) and is a warning otherwise (the default
 * policy): the file is harmless, only misnamed. All DANGEROUS_TYPE checks follow {@code blockExecutables}.
 *
 * <p>Thread-safe; blocks on file I/O (one stat, one open, a few reads).
 */
public final class FileValidator {
    private static final Logger log = LoggerFactory.getLogger(FileValidator.class);
    private final ContentDetector detector;
    private final TypeRules rules;

    public FileValidator(ContentDetector detector) {
        this.detector = detector;
        this.rules = new TypeRules(detector.registry());
    }

    public TypeRules rules() {
        return rules;
    }

    /** Validates a single file chosen on its own; its key is its (sanitized) name. */
    public ValidationResult validate(Path file, ValidationPolicy policy) {
        Path name = file.getFileName();
        return validate(file, name == null ? file.toString() : name.toString(), "", policy);
    }

    /**
     * Validates a file that will be uploaded as {@code keyPrefix + relativePath}.
     *
     * @param relativePath {@code /}-separated path of the file inside what was dropped; its last segment is the name
     */
    public ValidationResult validate(Path file, String relativePath, String keyPrefix, ValidationPolicy policy) {
        Check c = new Check(file, relativePath, keyPrefix, policy);
        try {
            return c.run();
        } catch (RuntimeException e) {
            // a bug must not end a batch of 100,000 files: report it on this file and go on
            log.error("Validation of {} failed", file, e);
            return c.reject(-1, null, ValidationIssue.of(UNREADABLE, TextRef.of("val.internalError")));
        }
    }

    /** The state of one check; not shared between threads. */
    private final class Check {
        private final Path file;
        private final String relativePath;
        private final String name;
        private final ValidationPolicy policy;
        private final String sanitizedName;
        private final String key;

        Check(Path file, String relativePath, String keyPrefix, ValidationPolicy policy) {
            this.file = file;
            this.relativePath = relativePath;
            int slash = relativePath.lastIndexOf('/');
            this.name = relativePath.substring(slash + 1);
            this.policy = policy;
            this.sanitizedName = policy.sanitizeNames() ? FileNames.sanitize(name) : name;
            this.key = ObjectKeys.key(keyPrefix, relativePath, policy.sanitizeNames());
        }

        ValidationResult run() {
            int nameBytes = FileNames.utf8Length(name);
            if (!policy.sanitizeNames() && nameBytes > FileNames.MAX_BYTES) {
                return reject(-1, null, nameTooLong(nameBytes));
            }
            int keyBytes = ObjectKeys.utf8Length(key);
            if (keyBytes > ObjectKeys.MAX_KEY_BYTES) {
                return reject(
                        -1,
                        null,
                        ValidationIssue.of(
                                KEY_TOO_LONG,
                                TextRef.of("val.keyTooLong", keyBytes, ObjectKeys.MAX_KEY_BYTES),
                                "keyBytes",
                                keyBytes,
                                "maxKeyBytes",
                                ObjectKeys.MAX_KEY_BYTES));
            }
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException e) {
                return reject(-1, null, ioIssue(e, nameBytes));
            }
            if (!attrs.isRegularFile()) {
                return reject(-1, null, notAFile(attrs));
            }
            long size = attrs.size();
            ValidationIssue sizeIssue = sizeIssue(size);
            if (sizeIssue != null) {
                return reject(size, null, sizeIssue);
            }
            if (policy.blockExecutables()) {
                ValidationIssue dangerous = NameRules.dangerous(name, policy);
                if (dangerous != null) {
                    return reject(size, null, dangerous);
                }
            }
            DetectedType type;
            try {
                type = size == 0 ? DetectedType.EMPTY : detector.detectRegularFile(file);
            } catch (IOException e) {
                return reject(size, null, ioIssue(e, nameBytes));
            }
            if (policy.blockExecutables() && type.executable()) {
                String ext = FileNames.extension(name);
                return reject(
                        size,
                        type,
                        ValidationIssue.of(
                                DANGEROUS_TYPE,
                                ext.isEmpty()
                                        ? TextRef.of("val.program", type.text(), NameRules.policyName(policy))
                                        : TextRef.of(
                                                "val.programNamed", type.text(), ext, NameRules.policyName(policy)),
                                "detectedType",
                                type.mediaType(),
                                "extension",
                                ext));
            }
            ValidationIssue extension = NameRules.extension(name, policy);
            if (extension != null) {
                return reject(size, type, extension);
            }
            if (size == 0) {
                // nothing to detect or contradict
                return result(size, type, detector.contentTypeFor(type, name), null, List.of());
            }
            String contentType = detector.contentTypeFor(type, name);
            if (!rules.allowed(contentType, policy.allowedTypes())) {
                return reject(
                        size,
                        type,
                        ValidationIssue.of(
                                INVALID_MIME_TYPE,
                                TextRef.of(
                                        "val.typeNotAllowed",
                                        type.text(),
                                        contentType,
                                        NameRules.policyName(policy),
                                        NameRules.list(policy.allowedTypes())),
                                "detectedType",
                                type.mediaType(),
                                "contentType",
                                contentType,
                                "allowedTypes",
                                policy.allowedTypes()));
            }
            ValidationIssue mismatch = rules.mismatch(name, type);
            if (mismatch != null && policy.rejectTypeMismatch()) {
                return reject(size, type, mismatch);
            }
            if (mismatch != null) {
                return result(size, type, rules.safeContentType(type.mediaType()), null, List.of(mismatch));
            }
            return result(size, type, contentType, null, List.of());
        }

        private ValidationIssue sizeIssue(long size) {
            if (size == 0 && policy.minSize() > 0) {
                return ValidationIssue.of(
                        EMPTY_FILE,
                        TextRef.of("val.empty", NameRules.policyName(policy), Sizes.bytes(policy.minSize())),
                        "size",
                        0L,
                        "minSize",
                        policy.minSize());
            }
            if (policy.maxSize() != null && size > policy.maxSize()) {
                return ValidationIssue.of(
                        FILE_TOO_LARGE,
                        TextRef.of(
                                "val.tooLarge",
                                Sizes.bytes(size),
                                NameRules.policyName(policy),
                                Sizes.bytes(policy.maxSize())),
                        "size",
                        size,
                        "maxSize",
                        policy.maxSize());
            }
            if (size < policy.minSize()) {
                return ValidationIssue.of(
                        FILE_TOO_SMALL,
                        TextRef.of(
                                "val.tooSmall",
                                Sizes.bytes(size),
                                NameRules.policyName(policy),
                                Sizes.bytes(policy.minSize())),
                        "size",
                        size,
                        "minSize",
                        policy.minSize());
            }
            return null;
        }

        private ValidationIssue notAFile(BasicFileAttributes attrs) {
            if (attrs.isDirectory()) {
                return ValidationIssue.of(NOT_A_FILE, TextRef.of("val.folder"), "kind", "folder");
            }
            // the English word stays in the details (JSON); the sentence gets the word in the reader's language
            String kind = "special file";
            String kindKey = "val.kind.special";
            try {
                int mode = (Integer) Files.getAttribute(file, "unix:mode");
                switch (mode & 0170000) {
                    case 0010000:
                        kind = "named pipe (FIFO)";
                        kindKey = "val.kind.fifo";
                        break;
                    case 0020000:
                        kind = "character device";
                        kindKey = "val.kind.charDevice";
                        break;
                    case 0060000:
                        kind = "block device";
                        kindKey = "val.kind.blockDevice";
                        break;
                    case 0140000:
                        kind = "socket";
                        kindKey = "val.kind.socket";
                        break;
                    default:
                        break;
                }
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
                // not a POSIX file system: the generic word will do
            }
            return ValidationIssue.of(NOT_A_FILE, TextRef.of("val.notRegular", TextRef.of(kindKey)), "kind", kind);
        }

        private ValidationIssue ioIssue(IOException e, int nameBytes) {
            if (e instanceof NoSuchFileException) {
                return Files.isSymbolicLink(file)
                        ? ValidationIssue.of(FILE_NOT_FOUND, TextRef.of("val.brokenLink"))
                        : ValidationIssue.of(FILE_NOT_FOUND, TextRef.of("val.notFound"));
            }
            if (e instanceof AccessDeniedException) {
                return ValidationIssue.of(UNREADABLE, TextRef.of("val.denied"));
            }
            String reason = e instanceof FileSystemException fse && fse.getReason() != null
                    ? fse.getReason()
                    : String.valueOf(e.getMessage());
            if (reason.toLowerCase(Locale.ROOT).contains("name too long")) {
                return nameTooLong(nameBytes);
            }
            return ValidationIssue.of(UNREADABLE, TextRef.of("val.unreadable", reason), "reason", reason);
        }

        private ValidationIssue nameTooLong(int nameBytes) {
            return NameRules.nameTooLong(nameBytes);
        }

        ValidationResult reject(long size, DetectedType type, ValidationIssue issue) {
            return result(size, type, null, issue, List.of());
        }

        private ValidationResult result(
                long size,
                DetectedType type,
                String contentType,
                ValidationIssue error,
                List<ValidationIssue> warnings) {
            return new ValidationResult(
                    file,
                    relativePath,
                    size,
                    type == null ? null : type.mediaType(),
                    type == null ? null : type.description(),
                    contentType,
                    sanitizedName,
                    key,
                    error,
                    warnings,
                    type == null ? null : type.text());
        }
    }
}
