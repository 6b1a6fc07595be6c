package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Part buffers are reused, never exceed the budget, and are dropped when idle. */
class PartBuffersTest {

    @Test
    void aGivenBackBufferIsReusedInsteadOfAllocatingAnother() {
        PartBuffers pool = new PartBuffers(64L << 20);
        byte[] a = pool.take(16L << 20);
        pool.give(a);
        byte[] b = pool.take(10L << 20); // a shorter last part fits in a full-size buffer
        assertThat(b).isSameAs(a);
        assertThat(pool.allocated()).isEqualTo(16L << 20);
    }

    @Test
    void theBudgetBoundsWhatIsLentAndTooLargePartsAreNotBuffered() {
        PartBuffers pool = new PartBuffers(40L << 20);
        byte[] a = pool.take(16L << 20);
        byte[] b = pool.take(16L << 20);
        assertThat(pool.take(16L << 20))
                .as("over the budget: streamed from disk")
                .isNull();
        assertThat(pool.allocated()).isEqualTo(32L << 20);
        pool.give(a);
        assertThat(pool.take(16L << 20)).isSameAs(a);
        assertThat(new PartBuffers(1L << 30).take(PartBuffers.MAX_PART + 1)).isNull();
        pool.give(b);
    }

    @Test
    void smallerFreeBuffersMakeRoomForALargerPart() {
        PartBuffers pool = new PartBuffers(20L << 20);
        pool.give(pool.take(8L << 20));
        pool.give(pool.take(8L << 20));
        byte[] big = pool.take(16L << 20);
        assertThat(big).hasSize(16 << 20);
        assertThat(pool.allocated()).isLessThanOrEqualTo(20L << 20);
    }

    @Test
    void idleFreeBuffersAreDropped() {
        PartBuffers pool = new PartBuffers(64L << 20);
        pool.give(pool.take(5L << 20));
        pool.trimIdle(System.nanoTime());
        assertThat(pool.allocated()).as("just used: kept").isEqualTo(5L << 20);
        pool.trimIdle(System.nanoTime() + PartBuffers.IDLE + 1);
        assertThat(pool.allocated()).isZero();
    }
}
