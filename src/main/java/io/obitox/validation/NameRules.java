package io.obitox.validation;

import static io.obitox.validation.ValidationCode.DANGEROUS_TYPE;
import static io.obitox.validation.ValidationCode.INVALID_EXTENSION;
import static io.obitox.validation.ValidationCode.NAME_TOO_LONG;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The checks a name alone decides, without touching the file: too long, a program by extension or by direction
 * controls, an extension outside the policy's list. Pure and cheap, so a drop zone can call {@link #check} while
 * something is dragged over it. Thread-safe (stateless).
 */
public final class NameRules {
    private NameRules() {}

    /** The first problem of {@code name} under {@code policy} that needs no file access, if any. */
    public static Optional<ValidationIssue> check(String name, ValidationPolicy policy) {
        int bytes = FileNames.utf8Length(name);
        if (!policy.sanitizeNames() && bytes > FileNames.MAX_BYTES) {
            return Optional.of(nameTooLong(bytes));
        }
        ValidationIssue dangerous = dangerous(name, policy);
        return Optional.ofNullable(dangerous != null ? dangerous : extension(name, policy));
    }

    /** DANGEROUS_TYPE for a direction control or a program extension, when the policy blocks programs; else null. */
    static ValidationIssue dangerous(String name, ValidationPolicy policy) {
        if (!policy.blockExecutables()) {
            return null;
        }
        int override = FileNames.firstDirectionOverride(name);
        if (override >= 0) {
            String code = String.format(Locale.ROOT, "U+%04X", override);
            return ValidationIssue.of(
                    DANGEROUS_TYPE,
                    "The name contains an invisible direction control (" + code + ") that can make a program look"
                            + " like a document.",
                    "character",
                    code);
        }
        String ext = DangerousNames.dangerousExtension(name);
        if (ext == null) {
            return null;
        }
        List<String> decoys = DangerousNames.innerExtensions(name);
        String message = decoys.isEmpty()
                ? "'." + ext + "' files are programs or scripts; the policy '" + policy.name() + "' blocks them."
                : "The name looks like a ." + decoys.get(decoys.size() - 1) + " file but ends in ." + ext
                        + ", a program or script; the policy '" + policy.name() + "' blocks them.";
        if (!FileNames.effectiveName(name).equals(name)) {
            message += " (Windows ignores the trailing dots or spaces of '" + name.strip() + "'.)";
        }
        return ValidationIssue.of(DANGEROUS_TYPE, message, "extension", ext);
    }

    /** INVALID_EXTENSION when the policy lists extensions and the name has none of them; else null. */
    static ValidationIssue extension(String name, ValidationPolicy policy) {
        if (policy.allowedExtensions().isEmpty()
                || policy.allowedExtensions().stream().anyMatch(e -> FileNames.hasExtension(name, e))) {
            return null;
        }
        String ext = FileNames.extension(name);
        return ValidationIssue.of(
                INVALID_EXTENSION,
                (ext.isEmpty() ? "Files without an extension are" : "'." + ext + "' files are")
                        + " not allowed by the policy '" + policy.name() + "' (allowed: "
                        + list(policy.allowedExtensions()) + ").",
                "extension",
                ext,
                "allowedExtensions",
                policy.allowedExtensions());
    }

    static ValidationIssue nameTooLong(int nameBytes) {
        return ValidationIssue.of(
                NAME_TOO_LONG,
                "The name is " + nameBytes + " bytes long; at most " + FileNames.MAX_BYTES + " bytes (UTF-8) are"
                        + " allowed.",
                "nameBytes",
                nameBytes,
                "maxNameBytes",
                FileNames.MAX_BYTES);
    }

    static String list(List<String> values) {
        return values.size() <= 8
                ? String.join(", ", values)
                : String.join(", ", values.subList(0, 8)) + " and " + (values.size() - 8) + " more";
    }
}
