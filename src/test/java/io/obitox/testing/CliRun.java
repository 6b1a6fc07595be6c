package io.obitox.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One run of the command line, in-process, on a given app home: exit status, stdout and stderr. */
public record CliRun(int exit, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static CliRun run(Path home, String... args) {
        return runWithInput(home, null, args);
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
            return new CliRun(exit, out.toString(), err.toString());
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

    public JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("stdout is not JSON: " + out, e);
        }
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

    public CliRun assertNoStackTrace() {
        assertThat(out + err).doesNotContain("\tat ").doesNotContain("Exception");
        return this;
    }
}
