package io.obitox.profile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.profile.AwsSharedFiles;
import io.obitox.testing.CliRun;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A session token never has to be a command-line value (visible in {@code ps} and shell history): prompted for,
 * read from a file or from standard input; a value given on the command line is refused and nothing is saved.
 */
class SessionTokenCliTest {
    private final Path dir = TestPaths.newDir("session-token");
    private final Path home = dir.resolve("home");
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String secret = TestSecrets.register("session-secret-" + UUID.randomUUID());
    private final String token = TestSecrets.register("session-token-" + UUID.randomUUID());
    private final AwsSharedFiles aws = AwsSharedFiles.standard();

    private List<String> add(String name, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "profile",
                "add",
                name,
                "--provider",
                "ceph",
                "--endpoint-url",
                "http://127.0.0.1:7480",
                "--access-key-id",
                "ASIASESSION",
                "--secret-access-key",
                secret,
                "--json"));
        args.addAll(List.of(more));
        return args;
    }

    private String section(CliRun r) {
        return r.json().get("credentials").asText().substring("aws-profile:".length());
    }

    private void assertTokenSaved(CliRun r) {
        String section = section(r);
        assertThat(aws.credentialsProvider(section).resolveCredentials())
                .isInstanceOfSatisfying(
                        software.amazon.awssdk.auth.credentials.AwsSessionCredentials.class,
                        c -> assertThat(c.sessionToken()).isEqualTo(token));
        CliRun.run(home, "profile", "remove", r.json().get("name").asText()).ok();
    }

    @Test
    void aTokenValueOnTheCommandLineIsRefusedWithTheSafeWaysAndNothingIsSaved() throws Exception {
        String name = "Visible " + suffix;
        CliRun r = CliRun.run(home, add(name, "--session-token", token).toArray(String[]::new));

        r.failsWith("SECRET_ON_COMMAND_LINE");
        assertThat(r.err()).contains("--session-token-file").contains("prompt");
        assertThat(r.out() + r.err()).doesNotContain(token);
        assertThat(CliRun.run(home, "profile", "list").ok().out()).doesNotContain(name);
        assertThat(Files.isRegularFile(aws.credentialsFile()) ? Files.readString(aws.credentialsFile()) : "")
                .doesNotContain(token);

        CliRun.run(home, add(name, "--session-token=" + token).toArray(String[]::new))
                .failsWith("SECRET_ON_COMMAND_LINE");
    }

    @Test
    void withoutAValueTheTokenIsReadFromStandardInputWhenThereIsNoConsole() {
        CliRun r = CliRun.runWithInput(
                        home,
                        token + "\n",
                        add("Prompted " + suffix, "--session-token").toArray(String[]::new))
                .ok();
        assertThat(r.out() + r.err()).doesNotContain(token);
        assertTokenSaved(r);
    }

    @Test
    void theSecretAndTheTokenCanBothComePipedInOneLineEach() {
        List<String> args = add("Both piped " + suffix, "--session-token");
        args.remove(secret); // --secret-access-key without a value: prompted too
        CliRun r = CliRun.runWithInput(home, secret + "\n" + token + "\n", args.toArray(String[]::new))
                .ok();
        assertThat(aws.credentialsProvider(section(r)).resolveCredentials().secretAccessKey())
                .isEqualTo(secret);
        assertTokenSaved(r);
    }

    @Test
    void theTokenIsReadFromAFileOrFromStandardInputWithDash() throws Exception {
        Path file = Files.writeString(dir.resolve("token.txt"), token + "\n");
        assertTokenSaved(CliRun.run(
                        home,
                        add("From file " + suffix, "--session-token-file", file.toString())
                                .toArray(String[]::new))
                .ok());

        assertTokenSaved(CliRun.runWithInput(
                        home,
                        token + "\r\n",
                        add("From stdin " + suffix, "--session-token-file", "-").toArray(String[]::new))
                .ok());

        CliRun.run(
                        home,
                        add(
                                        "No file " + suffix,
                                        "--session-token-file",
                                        dir.resolve("missing").toString())
                                .toArray(String[]::new))
                .failsWith("SESSION_TOKEN_UNREADABLE");
    }
}
