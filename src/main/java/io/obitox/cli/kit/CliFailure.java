package io.obitox.cli.kit;

import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import io.obitox.common.UserMessage;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The failures command code throws, made from message keys: {@code Cli} prints them as {@code Error [CODE]: … / Fix:
 * …} in the run's language, while their English (exception message, logs, JSON) stays what it was.
 */
public final class CliFailure {
    private CliFailure() {}

    /** A failure with a stable {@code code}, what went wrong and what to do about it. */
    public static ObitoxException of(String code, TextRef message, TextRef fix) {
        return of(code, message, fix, null);
    }

    public static ObitoxException of(String code, TextRef message, TextRef fix, Throwable cause) {
        return new ObitoxException(UserMessage.of(code, message, fix), cause);
    }

    /** A number option that may not be negative: {@code INVALID_NUMBER} naming the option and an example. */
    public static void requireNotNegative(String option, double value, String example) {
        if (value < 0) {
            String shown = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
            throw of(
                    "INVALID_NUMBER",
                    TextRef.of("cli.error.notNegative", option, shown),
                    TextRef.of("cli.error.notNegative.fix", option, example));
        }
    }

    /**
     * Wrong usage, which picocli prints with the usage help: in the OS's language like that help (the app, where the
     * language setting is, is not opened for it).
     */
    public static ParameterException usage(CommandLine cl, TextRef text) {
        return new ParameterException(cl, CliContext.systemMessages().render(text));
    }

    /** A command that only groups subcommands was run without one; {@code names} lists them all. */
    public static ParameterException missingSubcommand(CommandLine cl, String... names) {
        String first = String.join(", ", List.of(names).subList(0, names.length - 1));
        return usage(cl, TextRef.of("cli.error.missingSubcommand", first, names[names.length - 1]));
    }
}
