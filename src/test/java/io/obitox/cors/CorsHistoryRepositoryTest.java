package io.obitox.cors;

import static io.obitox.cors.TestRules.config;
import static io.obitox.cors.TestRules.getOnly;
import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestApp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorsHistoryRepositoryTest {

    @Test
    void recordsChangesPerEndpointAndBucketNewestFirstWithBothConfigurations() {
        try (TestApp app = TestApp.create("cors-history")) {
            CorsHistoryRepository repo = new CorsHistoryRepository(app.context().database());
            CorsConfig upload =
                    config(UploadRules.rule(io.obitox.storage.Provider.CEPH, List.of("http://localhost:3000")));
            Instant t0 = Instant.parse("2026-01-02T03:04:05Z");

            CorsChange first = repo.record(
                    "My Ceph",
                    "http://127.0.0.1:7480",
                    "b",
                    t0,
                    CorsChange.Action.SETUP,
                    CorsConfig.NONE,
                    upload,
                    null);
            CorsChange other = repo.record(
                    "My Ceph",
                    "http://127.0.0.1:7480",
                    "other",
                    t0,
                    CorsChange.Action.SETUP,
                    CorsConfig.NONE,
                    upload,
                    null);
            CorsChange undo = repo.record(
                    "My Ceph",
                    "http://127.0.0.1:7480",
                    "b",
                    t0.plusSeconds(60),
                    CorsChange.Action.RESTORE,
                    upload,
                    CorsConfig.NONE,
                    first.id());

            List<CorsChange> history = repo.list("http://127.0.0.1:7480", "b");

            assertThat(history).containsExactly(undo, first);
            assertThat(history.get(1).next()).isEqualTo(upload);
            assertThat(history.get(0).restoredFrom()).isEqualTo(first.id());
            assertThat(history.get(0).summary()).isEqualTo("restore of #" + first.id() + ": 1 rule → none");
            assertThat(repo.find(other.id())).contains(other);
            assertThat(repo.list("http://elsewhere", "b")).isEmpty();
            assertThat(config(getOnly("*")).summary()).isEqualTo("1 rule");
        }
    }
}
