package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestApp;
import java.lang.management.ManagementFactory;
import java.sql.PreparedStatement;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A queue of 1,000,000 transfers (bulk-inserted by one SQL statement into a temp-dir H2 file): a page of 200 anywhere
 * in it and the totals come back quickly, without loading the rows into memory. Tagged bench: filling the database
 * takes about a minute on two cores; run with {@code -Dtest=TransferPagesMillionTest -Dtest.excludedGroups=}.
 */
@Tag("bench")
class TransferPagesMillionTest {
    private static final int COUNT = 1_000_000;
    /** The state of row {@code i}: 60% done, 20% queued, 10% failed, 5% paused, 5% cancelled. */
    private static final String STATE_OF_X = "CASE WHEN MOD(X, 20) < 12 THEN 'COMPLETED' WHEN MOD(X, 20) < 16 THEN"
            + " 'QUEUED' WHEN MOD(X, 20) < 18 THEN 'FAILED' WHEN MOD(X, 20) = 18 THEN 'PAUSED' ELSE 'CANCELLED' END";

    private static TestApp app;
    private static TransferPages pages;

    @BeforeAll
    static void fill() {
        app = TestApp.create("pages-million");
        long t0 = System.nanoTime();
        app.context().database().update(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO transfer (id, batch_id, source_path,"
                    + " source_size, source_mtime, fingerprint, target_ref, target_label, bucket, object_key, state,"
                    + " multipart, part_size, part_count, bytes_done, created_at, updated_at)"
                    + " SELECT 'id-' || LPAD(CAST(X AS VARCHAR), 7, '0'), 'b-' || (X / 1000),"
                    + " '/home/me/photos/' || (X / 1000) || '/IMG_' || X || '.jpg', 1000 + MOD(X, 1000), 0, 'f',"
                    + " '{\"profile\":\"p\"}', 'sandbox', 'sandbox', 'photos/IMG_' || X || '.jpg', " + STATE_OF_X
                    + ", FALSE, 0, 1, MOD(X, 7),"
                    + " TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z' + X * INTERVAL '1' SECOND,"
                    + " TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z' FROM SYSTEM_RANGE(1, " + COUNT + ")")) {
                ps.executeUpdate();
            }
            // three of the queued ones are running (rows 12, 13 and 14)
            try (PreparedStatement ps = c.prepareStatement("UPDATE transfer SET state = 'RUNNING' WHERE id IN"
                    + " ('id-0000012', 'id-0000013', 'id-0000014')")) {
                assertThat(ps.executeUpdate()).isEqualTo(3);
            }
        });
        System.out.printf("inserted %,d transfer rows in %d ms%n", COUNT, (System.nanoTime() - t0) / 1_000_000);
        pages = new TransferPages(app.context().database());
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void aPageAnywhereInAMillionIsQuickAndInQueueOrder() {
        pages.page(null, 0, 200); // warm the statement cache
        for (long offset : new long[] {0, 500_000, COUNT - 200}) {
            TransferPages.Page p = timed("page at " + offset + " (all)", 1000, () -> pages.page(null, offset, 200));
            assertThat(p.matching()).isEqualTo(COUNT);
            assertThat(p.offset()).isEqualTo(offset);
            assertThat(p.rows()).hasSize(200);
            assertThat(p.rows().get(0).id()).isEqualTo(String.format("id-%07d", offset + 1));
            assertThat(p.rows().get(199).id()).isEqualTo(String.format("id-%07d", offset + 200));
        }
        // past the end: the last page
        assertThat(pages.page(null, COUNT + 5_000, 200).offset()).isEqualTo(COUNT - 200);
    }

    @Test
    void aStateFilterIsAppliedInTheQuery() {
        pages.page(EnumSet.of(TransferState.FAILED), 0, 200);
        TransferPages.Page failed = timed(
                "page 1,000 of failed", 1000, () -> pages.page(EnumSet.of(TransferState.FAILED), 200_000 - 200, 200));
        assertThat(failed.matching()).isEqualTo(COUNT / 10);
        assertThat(failed.rows())
                .hasSize(200)
                .allSatisfy(r -> assertThat(r.state()).isEqualTo(TransferState.FAILED));
        // rows 16 and 17 of every 20 are failed: the last one is the millionth row's neighbour
        assertThat(failed.rows().get(199).id()).isEqualTo(String.format("id-%07d", COUNT - 20 + 17));
        // several states: the running ones first, then the queued ones, each in queue order
        Set<TransferState> active = EnumSet.of(TransferState.QUEUED, TransferState.RUNNING);
        TransferPages.Page first = timed("page 1 of running and queued", 1000, () -> pages.page(active, 0, 200));
        assertThat(first.matching()).isEqualTo(COUNT / 5);
        assertThat(first.rows()).hasSize(200);
        assertThat(first.rows().subList(0, 3))
                .extracting(TransferSnapshot::id)
                .containsExactly("id-0000012", "id-0000013", "id-0000014");
        assertThat(first.rows().subList(0, 3))
                .allSatisfy(r -> assertThat(r.state()).isEqualTo(TransferState.RUNNING));
        assertThat(first.rows().subList(3, 200))
                .allSatisfy(r -> assertThat(r.state()).isEqualTo(TransferState.QUEUED));
        assertThat(first.rows().get(3).id()).isEqualTo("id-0000015");
        // queued are rows 15, 32..35, 52..55, ...: the 197th is row 995, and page 2 goes on with row 1012
        assertThat(first.rows().get(199).id()).isEqualTo("id-0000995");
        TransferPages.Page second = pages.page(active, 200, 200);
        assertThat(second.offset()).isEqualTo(200);
        assertThat(second.rows().get(0).id()).isEqualTo("id-0001012");
        TransferPages.Page deep =
                timed("last page of running and queued", 1000, () -> pages.page(active, COUNT / 5 - 200, 200));
        assertThat(deep.rows())
                .hasSize(200)
                .allSatisfy(r -> assertThat(r.state()).isEqualTo(TransferState.QUEUED));
        assertThat(deep.rows().get(199).id()).isEqualTo(String.format("id-%07d", COUNT - 20 + 15));
    }

    @Test
    void theTotalsComeFromOneAggregateAndHoldNoRows() {
        pages.totals(java.util.List.of());
        System.gc();
        long heapBefore = usedHeap();
        TransferPages.Totals t =
                timed("totals", 2000, () -> pages.totals(java.util.List.of("id-0000012", "id-0000013", "id-0000014")));
        long heapAfter = usedHeap();
        assertThat(t.byState())
                .containsAllEntriesOf(Map.of(
                        TransferState.COMPLETED, 600_000L,
                        TransferState.QUEUED, 199_997L,
                        TransferState.FAILED, 100_000L,
                        TransferState.PAUSED, 50_000L,
                        TransferState.CANCELLED, 50_000L,
                        TransferState.RUNNING, 3L));
        assertThat(t.all()).isEqualTo(COUNT);
        long bytes = 0;
        long done = 0;
        for (long x = 1; x <= COUNT; x++) {
            long size = 1000 + x % 1000;
            long m = x % 20;
            if (m == 19) {
                continue; // cancelled: not counted
            }
            bytes += size;
            if (x >= 12 && x <= 14) {
                continue; // said to be running: the caller adds its live bytes
            }
            done += m < 12 ? size : Math.min(size, x % 7);
        }
        assertThat(t.bytes()).isEqualTo(bytes);
        assertThat(t.bytesDone()).isEqualTo(done);
        System.out.printf("heap used around the totals: %d -> %d MB%n", heapBefore >> 20, heapAfter >> 20);
        assertThat(heapAfter - heapBefore).as("retained by the totals").isLessThan(64L << 20);
    }

    private static long usedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static <T> T timed(String what, long maxMillis, Supplier<T> call) {
        long best = Long.MAX_VALUE;
        T out = null;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            out = call.get();
            best = Math.min(best, (System.nanoTime() - t0) / 1_000_000);
        }
        System.out.printf("%s: %d ms (best of 3)%n", what, best);
        assertThat(best).as(what + " ms").isLessThan(maxMillis);
        return out;
    }
}
