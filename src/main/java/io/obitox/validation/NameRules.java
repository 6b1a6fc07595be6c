package io.obitox.validation;

import static io.obitox.validation.ValidationCode.DANGEROUS_TYPE;
import static io.obitox.validation.ValidationCode.INVALID_EXTENSION;
import static io.obitox.validation.ValidationCode.NAME_TOO_LONG;

import io.obitox.common.TextRef;
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
            return ValidationIssue.of(DANGEROUS_TYPE, TextRef.of("val.directionControl", code), "character", code);
        }
        String ext = DangerousNames.dangerousExtension(name);
        if (ext == null) {
            return null;
        }
        List<String> decoys = DangerousNames.innerExtensions(name);
        TextRef message = decoys.isEmpty()
                ? TextRef.of("val.programExtension", ext, policyName(policy))
                : TextRef.of("val.decoyExtension", decoys.get(decoys.size() - 1), ext, policyName(policy));
        if (!FileNames.effectiveName(name).equals(name)) {
            message = TextRef.of("val.trailingDots", message, name.strip());
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
                ext.isEmpty()
                        ? TextRef.of("val.noExtension", policyName(policy), list(policy.allowedExtensions()))
                        : TextRef.of("val.invalidExtension", ext, policyName(policy), list(policy.allowedExtensions())),
                "extension",
                ext,
                "allowedExtensions",
                policy.allowedExtensions());
    }

    static ValidationIssue nameTooLong(int nameBytes) {
        return ValidationIssue.of(
                NAME_TOO_LONG,
                TextRef.of("val.nameTooLong", nameBytes, FileNames.MAX_BYTES),
                "nameBytes",
                nameBytes,
                "maxNameBytes",
                FileNames.MAX_BYTES);
    }

    /** The values for a sentence: all of them, or the first eight "and N more" (a text argument either way). */
    static Object list(List<String> values) {
        return values.size() <= 8
                ? String.join(", ", values)
                : TextRef.of("val.listMore", String.join(", ", values.subList(0, 8)), values.size() - 8);
    }

    /**
     * The policy's name for a sentence: a built-in policy's in the reader's language, another as the user wrote it
     * (also a preset's when the user spelt it otherwise, so that the English stays what the user typed).
     */
    static Object policyName(ValidationPolicy policy) {
        TextRef t = policy.nameText();
        return t != null && t.english().equals(policy.name()) ? t : policy.name();
    }
}
