package io.obitox.transfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.db.Database;
import io.obitox.testing.CliRun;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code obitox transfers pause|cancel} say what they did: a transfer that has ended is not counted as paused or
 * cancelled, and one whose process is gone (killed while it ran) can be paused or cancelled from another.
 */
class TransfersControlCliTest {
    private static final String BUCKET = "cli-control";
    /** One S3Proxy for the class; each test has its own app home (and so its own queue). */
    private static S3ProxyServer proxy;

    private final Path dir = TestPaths.newDir("transfers-control");
    private final Path home = dir.resolve("home");

    @BeforeAll
    static void startProxy() {
        proxy = S3ProxyServer.start();
        proxy.createBucket(BUCKET);
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    @BeforeEach
    void profile() {
        CliRun.addDefaultProfile(home, proxy, BUCKET);
    }

    private String uploadOne(String name) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "content of " + name);
        CliRun up = CliRun.run(home, "upload", f.toString(), "--bucket", BUCKET, "--json");
        assertThat(up.exit()).as(up.out() + up.err()).isZero();
        return up.json().get("transfers").get(0).get("id").asText();
    }

    private String stateOf(String id) {
        for (var t : CliRun.run(home, "transfers", "list", "--json").ok().json().get("transfers")) {
            if (t.get("id").asText().equals(id)) {
                return t.get("state").asText();
            }
        }
        return "(missing)";
    }

    @Test
    void aTransferThatHasEndedIsNeitherPausedNorCancelledAndTheRunSaysSo() throws Exception {
        String id = uploadOne("done.txt");

        for (String verb : new String[] {"pause", "cancel"}) {
            CliRun r = CliRun.run(home, "transfers", verb, id);
            assertThat(r.exit()).as(verb).isEqualTo(1);
            assertThat(r.err()).contains("done.txt has already ended (Done); nothing to do.");
            assertThat(r.out()).contains(" 0 transfer(s).");
        }
        assertThat(stateOf(id)).isEqualTo("COMPLETED");
    }

    @Test
    void aRunningTransferWhoseProcessIsGoneCanBeCancelledAndPausedFromHere() throws Exception {
        String cancelled = uploadOne("orphan-a.txt");
        String paused = uploadOne("orphan-b.txt");
        // what a kill -9 during the upload leaves: the row says RUNNING, owned by a process that no longer exists
        try (Database db = Database.open(home.resolve("db"), Clock.systemUTC())) {
            db.update(c -> {
                try (var ps =
                        c.prepareStatement("UPDATE transfer SET state = 'RUNNING', owner = ? WHERE id IN (?, ?)")) {
                    ps.setString(1, Long.MAX_VALUE + ":1");
                    ps.setString(2, cancelled);
                    ps.setString(3, paused);
                    ps.executeUpdate();
                }
            });
        }
        assertThat(stateOf(cancelled)).isEqualTo("RUNNING");

        CliRun cancel = CliRun.run(home, "transfers", "cancel", cancelled);
        assertThat(cancel.exit()).as(cancel.out() + cancel.err()).isZero();
        assertThat(cancel.out()).contains("Cancelled 1 transfer(s).");
        assertThat(cancel.err()).doesNotContain("another ObitoX process");
        assertThat(stateOf(cancelled)).isEqualTo("CANCELLED");

        CliRun pause = CliRun.run(home, "transfers", "pause", paused);
        assertThat(pause.exit()).as(pause.out() + pause.err()).isZero();
        assertThat(pause.out()).contains("Paused 1 transfer(s).");
        assertThat(stateOf(paused)).isEqualTo("PAUSED");
    }

    @Test
    void abortingAnUploadThatIsNotThereSaysSoInsteadOfAborted() {
        try (var s3 = proxy.client()) {
            String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("big.bin"))
                    .uploadId();
            CliRun bogus = CliRun.run(home, "multipart", "abort", "--key", "big.bin", "--upload-id", "no-such-id");
            bogus.failsWith("NO_SUCH_UPLOAD");
            assertThat(bogus.err())
                    .contains("nothing was aborted")
                    .contains("obitox multipart list --bucket " + BUCKET);
            assertThat(bogus.out()).doesNotContain("Aborted");

            // a negative age would have aborted every upload ("older than -1 days")
            CliRun negative = CliRun.run(home, "multipart", "abort", "--older-than", "-1");
            negative.failsWith("INVALID_NUMBER");
            assertThat(negative.err()).contains("--older-than must be 0 or more, not -1.");
            assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).hasSize(1);
            CliRun.run(home, "transfers", "list", "--limit", "-3").failsWith("INVALID_NUMBER");
            CliRun.run(home, "webhooks", "log", "--limit", "-3").failsWith("INVALID_NUMBER");
            CliRun.run(home, "ls", BUCKET, "--max", "-1").failsWith("INVALID_NUMBER");

            CliRun real = CliRun.run(home, "multipart", "abort", "--key", "big.bin", "--upload-id", id)
                    .ok();
            assertThat(real.out()).contains("big.bin");
            assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
        }
    }
}
