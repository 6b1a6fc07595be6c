package io.obitox.transfer;

import io.obitox.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The database's size per transfer (docs/ARCHITECTURE.md quotes it): 50,000 completed single-PUT transfers with
 * realistic paths and keys, inserted in batches, then the H2 file's growth after compaction at close. A measurement,
 * not a test: run with {@code mvn test -Dtest=TransferRowSizeBench -Dtest.excludedGroups=}.
 */
@Tag("bench")
class TransferRowSizeBench {
    private static final int COUNT = 50_000;

    @Test
    void databaseBytesPerTransfer() throws Exception {
        Path dir;
        long before;
        try (TestApp app = TestApp.create("row-size")) {
            dir = app.dir();
            before = size(dir.resolve("home/db"));
            TransferRepository repo = new TransferRepository(app.context().database());
            Instant t0 = Instant.now().minusSeconds(COUNT);
            List<Transfer> batch = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                batch.add(HistoryCompactionTest.row(TransferState.COMPLETED, t0.plusSeconds(i)));
                if (batch.size() == 1000) {
                    repo.insertAll(batch);
                    batch.clear();
                }
            }
        }
        long after = size(dir.resolve("home/db"));
        System.out.printf(
                "transfer rows: %d, database %d -> %d bytes, %.0f bytes per transfer%n",
                COUNT, before, after, (after - before) / (double) COUNT);
    }

    private static long size(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }
}
