package io.obitox.profile.cli;

import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.Output;
import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where {@code profile add} gets secrets from. A session token comes from a hidden prompt, a file, or standard input,
 * never from a value on the command line (other users see command lines in {@code ps}, and shells keep them in their
 * history). Without a terminal each prompt reads one line of standard input, unbuffered, so a secret key and a token
 * can be piped in one after the other.
 */
final class SecretInput {
    /** What picocli puts in an option given without a value: ask for it. */
    static final String PROMPT = "\0prompt";

    private SecretInput() {}

    /** The secret access key: the value given, or prompted for when the option had none. */
    static String secretAccessKey(String option, Output out) {
        return PROMPT.equals(option) ? prompt(out.messages().get("cli.secret.prompt.secretAccessKey"), out) : option;
    }

    /**
     * @param option the value of {@code --session-token}: null when not given, {@link #PROMPT} without a value
     * @param file the value of {@code --session-token-file}, or null
     * @return the token, or null when none was asked for
     */
    static String sessionToken(String option, String file, Output out) {
        if (option != null && !option.equals(PROMPT)) {
            throw CliFailure.of(
                    "SECRET_ON_COMMAND_LINE",
                    TextRef.of("cli.error.secretInput.secretOnCommandLine"),
                    TextRef.of("cli.error.secretInput.secretOnCommandLine.fix"));
        }
        if (option != null && file != null) {
            throw CliFailure.of(
                    "INVALID_PROFILE",
                    TextRef.of("cli.error.secretInput.invalidProfile"),
                    TextRef.of("cli.error.secretInput.invalidProfile.fix"));
        }
        if (file != null) {
            return file.equals("-") ? readStdin() : readFile(Path.of(file));
        }
        if (option == null) {
            return null;
        }
        String token = prompt(out.messages().get("cli.secret.prompt.sessionToken"), out);
        if (token == null || token.isEmpty()) {
            throw CliFailure.of(
                    "MISSING_CREDENTIALS",
                    TextRef.of("cli.error.secretInput.missingCredentials"),
                    TextRef.of("cli.error.secretInput.missingCredentials.fix"));
        }
        return token;
    }

    /** A hidden prompt on the terminal; without one, one line of standard input (null at its end). */
    private static String prompt(String what, Output out) {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword(what + ": ");
            return typed == null ? null : new String(typed).strip();
        }
        out.stderr().print(what + ": ");
        out.stderr().flush();
        try {
            String line = readLine(System.in);
            out.progress("");
            return line == null ? null : line.strip();
        } catch (IOException e) {
            throw unreadable(TextRef.of("cli.error.secretInput.standardInput"), e);
        }
    }

    /** One line, byte by byte: a buffered reader would swallow the lines meant for the next prompt. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            line.write(b);
            b = in.read();
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static String readStdin() {
        try {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw unreadable(TextRef.of("cli.error.secretInput.standardInput"), e);
        }
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw unreadable(file.toString(), e);
        }
    }

    /** @param where the file, or a reference to the words for standard input */
    private static ObitoxException unreadable(Object where, IOException e) {
        TextRef reason = TextRef.of(
                e instanceof NoSuchFileException
                        ? "cli.error.secretInput.noSuchFile"
                        : e instanceof AccessDeniedException
                                ? "cli.error.secretInput.permissionDenied"
                                : "cli.error.secretInput.readError");
        return CliFailure.of(
                "SESSION_TOKEN_UNREADABLE",
                TextRef.of("cli.error.secretInput.unreadable", where, reason),
                TextRef.of("cli.error.secretInput.unreadable.fix"),
                e);
    }
}
