package io.obitox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.testing.Rgw;
import io.obitox.testing.TestPaths;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real aws CLI (v1 or v2, the {@code aws} on PATH) against the e2e RGW, as an independent reader of what ObitoX
 * wrote. It gets the first RGW user's keys through {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (never on
 * its command line), and empty {@code AWS_CONFIG_FILE}/{@code AWS_SHARED_CREDENTIALS_FILE} of its own, so neither
 * the user's {@code ~/.aws} nor the build's test files are read; every other inherited {@code AWS_*} variable is
 * dropped. A missing {@code aws} fails the test (CI installs Debian's awscli in {@code .ci/run}).
 */
final class AwsCli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 120;
    private final Path binary;
    private final Rgw rgw;
    private final Path dir;

    private AwsCli(Path binary, Rgw rgw, Path dir) {
        this.binary = binary;
        this.rgw = rgw;
        this.dir = dir;
    }

    /** The {@code aws} on PATH for this RGW; fails (never skips) when there is none. */
    static AwsCli require(Rgw rgw) throws IOException {
        Path bin = onPath("aws");
        assertThat(bin)
                .as(
                        "the aws CLI is not on PATH (%s). Install it, e.g. apt-get install -y awscli (Debian); .ci/run"
                                + " does this in CI",
                        System.getenv("PATH"))
                .isNotNull();
        Path dir = TestPaths.newDir("e2e-awscli");
        Files.createFile(dir.resolve("config"));
        Files.createFile(dir.resolve("credentials"));
        return new AwsCli(bin, rgw, dir);
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** {@code aws --endpoint-url RGW s3api ARGS... --output json}: asserts exit 0 and returns the JSON it printed. */
    JsonNode s3api(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(
                List.of(binary.toString(), "--endpoint-url", rgw.endpoint().toString(), "--output", "json", "s3api"));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", rgw.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", rgw.secretKey());
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", dir.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("credentials").toString());
        env.put("AWS_PAGER", ""); // v2 would pipe into less
        Path out = Files.createTempFile(dir, "out", ".json");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        String label = "aws s3api " + String.join(" ", args);
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(label + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue())
                .as("exit status of '%s' (%s)%nstdout:%n%s%nstderr:%n%s", label, binary, stdout, stderr)
                .isZero();
        return JSON.readTree(stdout);
    }
}
