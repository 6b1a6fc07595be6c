package io.obitox.profile.cli;

import io.obitox.cli.Output;
import io.obitox.common.ObitoxException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where {@code profile add} gets a session token from: a hidden prompt, a file, or standard input, never a value on
 * the command line (other users see command lines in {@code ps}, and shells keep them in their history).
 */
final class SessionTokenInput {
    private SessionTokenInput() {}

    /**
     * @param option the value of {@code --session-token}: null when not given, {@code prompt} when given without value
     * @param file the value of {@code --session-token-file}, or null
     * @return the token, or null when none was asked for
     */
    static String read(String option, String prompt, String file, Output out) {
        if (option != null && !option.equals(prompt)) {
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
        return option == null ? null : prompt(out);
    }

    private static String prompt(Output out) {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Session token: ");
            return typed == null ? null : new String(typed).strip();
        }
        // no terminal: the token comes piped in, one line (the secret access key may have been the line before)
        out.stderr().print("Session token: ");
        out.stderr().flush();
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            out.progress("");
            return line == null ? null : line.strip();
        } catch (IOException e) {
            throw unreadable("standard input", e);
        }
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
