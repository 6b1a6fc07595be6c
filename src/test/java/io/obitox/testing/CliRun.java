package io.obitox.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.cli.Cli;
import io.obitox.profile.AwsSharedFiles;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the command line, in-process ({@link Cli#run}), on a given app home: exit status, stdout and stderr, and
 * the command as assertion messages show it ({@code --secret-access-key}'s value hidden). The one CLI helper of the
 * tests: unit tests call {@link #run(Path, String...)}, the e2e tests keep a {@link Runner} on their home.
 */
public record CliRun(String command, int exit, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs commands on one app home. */
    public static final class Runner {
        private final Path home;

        private Runner(Path home) {
            this.home = home;
        }

        public CliRun run(String... args) {
            return CliRun.run(home, args);
        }
    }

    /** A runner on the app home {@code home}. */
    public static Runner in(Path home) {
        return new Runner(home);
    }

    public static CliRun run(Path home, String... args) {
        return runWithInput(home, null, args);
    }

    /**
     * The AWS shared files the CLI reads ({@code AWS_SHARED_CREDENTIALS_FILE}/{@code AWS_CONFIG_FILE}). The build
     * points them into {@code target/}; anywhere else (e.g. {@code ~/.aws} when run outside Maven) fails the test
     * before anything is written there.
     */
    public static AwsSharedFiles awsFiles() {
        AwsSharedFiles files = AwsSharedFiles.standard();
        for (Path f : List.of(files.credentialsFile(), files.configFile())) {
            assertThat(f.toAbsolutePath().normalize().startsWith(TestPaths.target()))
                    .as("%s must be under target/: run the e2e tests through Maven", f)
                    .isTrue();
        }
        return files;
    }

    /** {@code input} becomes System.in for the run (a confirmation question reads it); restored afterwards. */
    public static CliRun runWithInput(Path home, String input, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream stdin = System.in;
        if (input != null) {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            int exit = Cli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
            return new CliRun(label(args), exit, out.toString(), err.toString());
        } finally {
            System.setIn(stdin);
        }
    }

    /**
     * {@code obitox profile add NAME} for a generic S3 endpoint served by {@code server} (path-style, typed keys,
     * default bucket {@code bucket}); fails the test if the command does.
     */
    public static void addProfile(Path home, String name, S3ProxyServer server, String bucket) {
        run(
                        home,
                        "profile",
                        "add",
                        name,
                        "--provider",
                        "generic",
                        "--endpoint-url",
                        server.endpoint().toString(),
                        "--path-style",
                        "--bucket",
                        bucket,
                        "--access-key-id",
                        server.accessKey(),
                        "--secret-access-key",
                        server.secretKey())
                .ok();
    }

    /** A profile "proxy" for {@code server} (default bucket {@code bucket}) that the home's commands use by default. */
    public static void addDefaultProfile(Path home, S3ProxyServer server, String bucket) {
        addProfile(home, "proxy", server, bucket);
        run(home, "profile", "default", "proxy").ok();
    }

    public JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("not JSON on stdout of '" + command + "':\n" + out + "\n" + err, e);
        }
    }

    /** The lines of stdout. */
    public List<String> lines() {
        return out.lines().toList();
    }

    /** Asserts the exit status, showing the command and both streams when it differs. */
    public CliRun assertExit(int expected) {
        assertThat(exit)
                .as("exit status of '%s'%nstdout:%n%s%nstderr:%n%s", command, out, err)
                .isEqualTo(expected);
        return this;
    }

    /** Asserts success and returns this run. */
    public CliRun ok() {
        assertThat(exit).as("exit status; stderr: %s", err).isZero();
        return this;
    }

    /** Asserts the failure shape every command uses: exit 1, {@code Error [CODE]: …} then {@code Fix: …}. */
    public CliRun failsWith(String code) {
        assertThat(exit).as("exit status; stdout: %s", out).isEqualTo(Cli.FAILURE);
        assertThat(err).as("stderr").startsWith("Error [" + code + "]: ");
        assertThat(err.lines().toList()).as("stderr").hasSizeBetween(1, 2);
        if (err.lines().count() == 2) {
            assertThat(err.lines().toList().get(1)).startsWith("Fix: ");
        }
        assertNoStackTrace();
        return this;
    }

    /**
     * Every failure reaches the user as words, never as a Java stack trace: no {@code at x.y(}, no {@code
     * SomeException: } line head, no {@code Caused by}. An exception's simple name in a message, as in "Nothing answers
     * at 127.0.0.1:9 (ConnectException)", is words.
     */
    public CliRun assertNoStackTrace() {
        assertThat(out + err)
                .as(command)
                .doesNotContain("\tat ")
                .doesNotContainPattern("\\sat [\\w.$]+\\(")
                .doesNotContain("Exception: ")
                .doesNotContain("Caused by");
        return this;
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
}
