package io.obitox.sandbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.testing.CliRun;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SandboxCommandTest {
    private final Path home = TestPaths.newDir("sandbox-cli").resolve("home");

    @Test
    void printsTheEndpointAndKeysForOtherTools() throws IOException {
        JsonNode j = CliRun.run(home, "sandbox", "--print-only", "--json").ok().json();
        Properties creds = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("sandbox/credentials.properties"))) {
            creds.load(in);
        }
        TestSecrets.register(creds.getProperty("secretAccessKey"));
        assertThat(j.get("endpoint").asText()).isEqualTo("http://127.0.0.1:" + creds.getProperty("port"));
        assertThat(j.get("region").asText()).isEqualTo("us-east-1");
        assertThat(j.get("accessKeyId").asText()).isEqualTo(creds.getProperty("accessKeyId"));
        assertThat(j.get("secretAccessKey").asText()).isEqualTo(creds.getProperty("secretAccessKey"));
        assertThat(j.get("bucket").asText()).isEqualTo("sandbox");
        assertThat(j.get("dataDirectory").asText())
                .isEqualTo(home.resolve("sandbox/data").toString());
        assertThat(j.get("servedByThisProcess").asBoolean()).isTrue();

        CliRun plain = CliRun.run(home, "sandbox", "--print-only").ok();
        assertThat(plain.out())
                .contains("ObitoX sandbox storage is running.")
                .contains("Endpoint:    http://127.0.0.1:" + creds.getProperty("port"))
                .contains("aws --endpoint-url http://127.0.0.1:" + creds.getProperty("port"))
                .contains("s3 ls s3://sandbox")
                .contains("rclone ls :s3,provider=Other");
    }
}
