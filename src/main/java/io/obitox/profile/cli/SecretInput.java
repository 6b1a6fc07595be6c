package io.obitox.profile.cli;

import io.obitox.cli.kit.Output;
import io.obitox.common.ObitoxException;
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
        return PROMPT.equals(option) ? prompt("Secret access key", out) : option;
    }

    /**
     * @param option the value of {@code --session-token}: null when not given, {@link #PROMPT} without a value
     * @param file the value of {@code --session-token-file}, or null
     * @return the token, or null when none was asked for
     */
    static String sessionToken(String option, String file, Output out) {
        if (option != null && !option.equals(PROMPT)) {
            throw new ObitoxException(
                    "SECRET_ON_COMMAND_LINE",
                    "A session token given as a command-line value is visible to other users of this computer and"
                            + " stays in the shell's history, so it is not accepted.",
                    "Give --session-token without a value to be prompted for it (hidden), or use"
                            + " --session-token-file FILE, or --session-token-file - to read it from standard input.");
        }
        if (option != null && file != null) {
            throw new ObitoxException(
                    "INVALID_PROFILE", "Both --session-token and --session-token-file were given.", "Use one of them.");
        }
        if (file != null) {
            return file.equals("-") ? readStdin() : readFile(Path.of(file));
        }
        if (option == null) {
            return null;
        }
        String token = prompt("Session token", out);
        if (token == null || token.isEmpty()) {
            throw new ObitoxException(
                    "MISSING_CREDENTIALS",
                    "No session token was typed.",
                    "Type it at the prompt, or leave out --session-token for long-term keys.");
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
            throw unreadable("standard input", e);
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
            throw unreadable("standard input", e);
        }
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw unreadable(file.toString(), e);
        }
    }

    private static ObitoxException unreadable(String where, IOException e) {
        return new ObitoxException(
                "SESSION_TOKEN_UNREADABLE",
                "The session token cannot be read from " + where + " ("
                        + (e instanceof NoSuchFileException
                                ? "no such file"
                                : e instanceof AccessDeniedException ? "permission denied" : "read error")
                        + ").",
                "Check the file name and its permissions, or leave out the file to be prompted.",
                e);
    }
}
