package io.obitox.validation.cli;

import static io.obitox.validation.Corpus.utf8;
import static io.obitox.validation.Corpus.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.cli.Cli;
import io.obitox.testing.TestPaths;
import io.obitox.validation.Corpus;
import io.obitox.validation.Programs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ValidateCommandTest {
    Path dir;
    Path home;

    @BeforeEach
    void setUp() {
        dir = TestPaths.newDir("validate-cli");
        home = dir.resolve("home");
    }

    record Run(int exit, String out, String err) {}

    private Run obitox(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--home");
        all.add(home.toString());
        int exit = Cli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void printsTheAgreedJsonFieldsAndFailsWhenAFileIsRejected() throws Exception {
        Path photo = write(dir, "in/holiday.jpg", Corpus.jpeg());
        write(dir, "in/docs/report.pdf", Corpus.pdf());
        Path disguised = write(dir, "in/cat.jpg", Programs.pe(true, false));

        Run run = obitox("validate", "--json", dir.resolve("in").toString());

        assertThat(run.exit()).isEqualTo(Cli.FAILURE);
        JsonNode array = new ObjectMapper().readTree(run.out());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(3);
        Map<String, JsonNode> byPath = new HashMap<>();
        array.forEach(n -> byPath.put(n.get("path").asText(), n));
        for (JsonNode n : array) {
            assertThat(n.has("path")
                            && n.has("valid")
                            && n.has("code")
                            && n.has("message")
                            && n.has("detectedType")
                            && n.has("sanitizedName"))
                    .as(n.toString())
                    .isTrue();
        }
        JsonNode ok = byPath.get(photo.toString());
        assertThat(ok.get("valid").asBoolean()).isTrue();
        assertThat(ok.get("code").isNull()).isTrue();
        assertThat(ok.get("detectedType").asText()).isEqualTo("image/jpeg");
        assertThat(ok.get("sanitizedName").asText()).isEqualTo("holiday.jpg");
        assertThat(ok.get("key").asText()).isEqualTo("in/holiday.jpg");
        JsonNode bad = byPath.get(disguised.toString());
        assertThat(bad.get("valid").asBoolean()).isFalse();
        assertThat(bad.get("code").asText()).isEqualTo("DANGEROUS_TYPE");
        assertThat(bad.get("message").asText()).contains("program");
        assertThat(bad.get("detectedType").asText()).isEqualTo("application/x-msdownload");
        assertThat(run.err()).contains("3 files checked").contains("2 valid").contains("1 rejected");
    }

    @Test
    void succeedsWithATableWhenEverythingIsValid() {
        Path a = write(dir, "a.txt", utf8("hello"));
        Path b = write(dir, "photo.png", Corpus.jpeg()); // a mismatch is only a warning by default
        Run run = obitox("validate", "--prefix", "up", a.toString(), b.toString());
        assertThat(run.exit()).isEqualTo(Cli.OK);
        assertThat(run.out())
                .contains("STATUS")
                .contains("ok")
                .contains("-> up/a.txt")
                .contains("WARNING");
        assertThat(run.err()).contains("2 valid");
    }

    @Test
    void usesANamedPolicyOrAPolicyFile() throws Exception {
        Path txt = write(dir, "notes.txt", utf8("hello"));
        Run images = obitox("validate", "--policy", "images", "--json", txt.toString());
        assertThat(images.exit()).isEqualTo(Cli.FAILURE);
        assertThat(images.out()).contains("INVALID_EXTENSION");

        Path policy = dir.resolve("tiny.json");
        Files.writeString(policy, "{\"name\": \"Tiny\", \"maxSize\": 3}");
        Run tiny = obitox("validate", "--policy", policy.toString(), txt.toString());
        assertThat(tiny.exit()).isEqualTo(Cli.FAILURE);
        assertThat(tiny.out()).contains("FILE_TOO_LARGE");
        assertThat(tiny.err()).contains("policy 'Tiny'");

        Run unknown = obitox("validate", "--policy", "nope", txt.toString());
        assertThat(unknown.exit()).isEqualTo(Cli.FAILURE);
        assertThat(unknown.err())
                .contains("Error [POLICY_NOT_FOUND]")
                .contains("Fix:")
                .doesNotContain("Exception");
    }

    @Test
    void savedPoliciesGuardTheBucketsTheyAreAssignedTo() throws Exception {
        Path policy = dir.resolve("pdf-only.json");
        Files.writeString(
                policy,
                "{\"name\": \"PDF only\", \"allowedTypes\": [\"application/pdf\"], \"rejectTypeMismatch\": true}");
        assertThat(obitox("policy", "save", policy.toString()).exit()).isEqualTo(Cli.OK);
        Run assign = obitox("policy", "assign", "pdf-only", "--profile", "Sandbox", "--bucket", "reports");
        assertThat(assign.exit()).as(assign.err()).isEqualTo(Cli.OK);

        Run list = obitox("policy", "list");
        assertThat(list.out()).contains("PDF only").contains("Sandbox/reports").contains("Images");

        Path txt = write(dir, "notes.txt", utf8("hello"));
        Run guarded = obitox("validate", "--profile", "Sandbox", "--bucket", "reports", txt.toString());
        assertThat(guarded.exit()).isEqualTo(Cli.FAILURE);
        assertThat(guarded.out()).contains("INVALID_MIME_TYPE");
        Run other = obitox("validate", "--profile", "Sandbox", "--bucket", "other", txt.toString());
        assertThat(other.exit()).isEqualTo(Cli.OK);

        assertThat(obitox("policy", "remove", "Images").err()).contains("POLICY_READ_ONLY");
        assertThat(obitox("policy", "show", "pdf-only").out()).contains("\"allowedTypes\"");
    }
}
