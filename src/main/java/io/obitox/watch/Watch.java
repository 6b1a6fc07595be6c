package io.obitox.watch;

import io.obitox.common.ObitoxException;
import io.obitox.profile.TargetRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A watch folder (issue 19): files that appear in {@code folder} are checked and uploaded to {@code bucket} under
 * {@code prefix} on {@code target}, by themselves and across restarts. Immutable.
 *
 * @param policy the validation policy's name or file ({@code --policy}); null = the one set for the target's
 *     profile and bucket
 * @param validate false = no validation (like {@code upload --no-validate})
 * @param ifExists {@code --if-exists} as typed ({@code skip-identical} …); null = the stored default for the
 *     profile and bucket, read when the watch starts
 * @param rules the watch's own rules, in order: {@code exclude:PATTERN} or {@code include:PATTERN}
 * @param defaultExcludes whether the rules stored in Settings (the default patterns until a list is saved) come first
 * @param recursive whether sub-folders are watched
 * @param settle how long a file's size and mtime must stay still before it is taken
 * @param scanInterval how often the whole folder is walked to catch what events missed
 */
public record Watch(
        String id,
        Path folder,
        TargetRef target,
        String bucket,
        String prefix,
        String policy,
        boolean validate,
        String ifExists,
        List<String> rules,
        boolean defaultExcludes,
        boolean recursive,
        Duration settle,
        Duration scanInterval,
        AfterUpload afterUpload,
        boolean paused,
        Instant createdAt) {

    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(3);
    public static final Duration DEFAULT_SCAN = Duration.ofMinutes(5);
    /** Where {@link AfterUpload#MOVE} puts uploaded files, inside the watched folder (never watched itself). */
    public static final String UPLOADED_FOLDER = ".uploaded";

    public Watch {
        rules = List.copyOf(rules);
    }

    /** What happens to a file once its object is verified on the server. */
    public enum AfterUpload {
        KEEP,
        MOVE,
        DELETE;

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static AfterUpload parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ObitoxException(
                        "INVALID_AFTER_UPLOAD",
                        "'" + s + "' is not a choice for after-upload.",
                        "Use keep, move (to " + UPLOADED_FOLDER + "/) or delete.");
            }
        }
    }

    public Watch withPaused(boolean p) {
        return new Watch(
                id,
                folder,
                target,
                bucket,
                prefix,
                policy,
                validate,
                ifExists,
                rules,
                defaultExcludes,
                recursive,
                settle,
                scanInterval,
                afterUpload,
                p,
                createdAt);
    }

    /** Where the folder's files go, for people: {@code s3://bucket/prefix}. */
    public String destination() {
        return "s3://" + bucket + "/" + prefix;
    }
}
