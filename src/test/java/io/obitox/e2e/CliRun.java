package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.cli.Cli;
import io.obitox.profile.AwsSharedFiles;
import io.obitox.testing.TestPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the real CLI in-process ({@link Cli#run}) on one app home and keeps exit code, stdout and stderr. */
final class CliRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path home;

    CliRun(Path home) {
        this.home = home;
    }

    /**
     * The AWS shared files the CLI reads ({@code AWS_SHARED_CREDENTIALS_FILE}/{@code AWS_CONFIG_FILE}). The build
     * points them into {@code target/}; anywhere else (e.g. {@code ~/.aws} when run outside Maven) fails the test
     * before anything is written there.
     */
    static AwsSharedFiles awsFiles() {
        AwsSharedFiles files = AwsSharedFiles.standard();
        for (Path f : List.of(files.credentialsFile(), files.configFile())) {
            assertThat(f.toAbsolutePath().normalize().startsWith(TestPaths.target()))
                    .as("%s must be under target/: run the e2e tests through Maven", f)
                    .isTrue();
        }
        return files;
    }

    /** The outcome of one command. */
    record Result(String command, int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON on stdout of '" + command + "':\n" + out + "\n" + err, e);
            }
        }

        List<String> lines() {
            return out.lines().toList();
        }

        /** Every failure reaches the user as words, never as a Java stack trace. */
        Result assertNoStackTrace() {
            assertThat(out + err)
                    .as(command)
                    .doesNotContainPattern("\\sat [\\w.$]+\\(")
                    .doesNotContainPattern("Exception: ")
                    .doesNotContain("Caused by");
            return this;
        }

        Result assertExit(int expected) {
            assertThat(exit)
                    .as("exit status of '%s'%nstdout:%n%s%nstderr:%n%s", command, out, err)
                    .isEqualTo(expected);
            return this;
        }
    }

    /** The command as assertion messages show it, without the value of {@code --secret-access-key}. */
    private static String label(String... args) {
        StringBuilder sb = new StringBuilder("obitox");
        for (int i = 0; i < args.length; i++) {
            boolean secret = i > 0 && args[i - 1].equals("--secret-access-key");
            sb.append(' ').append(secret ? "***" : args[i]);
        }
        return sb.toString();
    }

    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(Arrays.asList(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(label(args), exit, out.toString(), err.toString());
    }
}
