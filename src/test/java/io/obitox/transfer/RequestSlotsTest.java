package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Fewer requests at a time when the server is overloaded, back up step by step, never above the setting. */
class RequestSlotsTest {

    private static int available(RequestSlots slots) {
        return slots.available();
    }

    @Test
    void aSlowDownHalvesTheLimitOnceForABurstAndSuccessesBringItBack() {
        RequestSlots slots = new RequestSlots(16);

        slots.throttled();
        slots.throttled(); // the same burst: no second cut
        assertThat(slots.limit()).isEqualTo(8);
        assertThat(available(slots)).isEqualTo(8);

        for (int i = 0; i < 8; i++) {
            slots.succeeded();
        }
        assertThat(slots.limit()).isEqualTo(9);
        for (int i = 0; i < 1000; i++) {
            slots.succeeded();
        }
        assertThat(slots.limit()).as("never above the setting").isEqualTo(16);
        assertThat(available(slots)).isEqualTo(16);
    }

    @Test
    void theLimitNeverFallsBelowOneAndTheUsersSettingResetsIt() {
        RequestSlots slots = new RequestSlots(1);
        slots.throttled();
        assertThat(slots.limit()).isEqualTo(1);
        assertThat(available(slots)).isEqualTo(1);

        slots.resize(6);
        assertThat(slots.limit()).isEqualTo(6);
        assertThat(available(slots)).isEqualTo(6);
    }

    @Test
    void aCutWhileRequestsAreInFlightHoldsNewOnesBackUntilEnoughEnded() throws Exception {
        RequestSlots slots = new RequestSlots(4);
        for (int i = 0; i < 4; i++) {
            slots.acquire();
        }
        slots.throttled();
        assertThat(slots.limit()).isEqualTo(2);
        assertThat(available(slots)).isEqualTo(-2);
        for (int i = 0; i < 4; i++) {
            slots.release();
        }
        assertThat(available(slots)).isEqualTo(2);
    }

    @Test
    void smallFilesMayHaveTwiceAsManyRequestsInFlightAsPartsWithinOneTotal() throws Exception {
        RequestSlots slots = new RequestSlots(4);
        for (int i = 0; i < 4; i++) {
            slots.acquire(RequestSlots.Kind.PART);
        }
        assertThat(available(slots)).as("parts at the limit").isZero();
        assertThat(slots.availableForSmall()).as("small PUTs may still go").isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            slots.acquire(RequestSlots.Kind.SMALL);
        }
        assertThat(slots.availableForSmall()).as("the total is twice the limit").isZero();
        slots.release(RequestSlots.Kind.PART);
        assertThat(available(slots)).isEqualTo(1);
        assertThat(slots.availableForSmall()).isEqualTo(1);
        slots.release(RequestSlots.Kind.SMALL);
        assertThat(available(slots)).as("a small PUT's end frees no part slot").isEqualTo(1);
        assertThat(slots.availableForSmall()).isEqualTo(2);
    }

    @Test
    void latencyThatDoublesAtTheSameLimitCutsItToThreeQuartersNotBelowAQuarter() {
        long[] now = {0};
        RequestSlots slots = new RequestSlots(16, () -> now[0]);
        for (int i = 0; i < 64; i++) {
            slots.succeeded(RequestSlots.Kind.SMALL, 20_000_000);
        }
        assertThat(slots.limit()).as("a steady latency changes nothing").isEqualTo(16);
        int lowest = 16;
        for (int i = 0; i < 40; i++) {
            now[0] += 100_000_000;
            slots.succeeded(RequestSlots.Kind.SMALL, 60_000_000);
            lowest = Math.min(lowest, slots.limit());
        }
        assertThat(lowest)
                .as("three times the baseline: cut once to three quarters")
                .isEqualTo(12);
        assertThat(slots.limit())
                .as("a latency that stays is the new baseline: back up step by step")
                .isBetween(13, 16);
        for (int i = 0; i < 2000; i++) {
            now[0] += 100_000_000;
            // a server that keeps slowing down: the latency doubles every round
            slots.succeeded(RequestSlots.Kind.SMALL, 60_000_000L << Math.min(40, i / 10));
            lowest = Math.min(lowest, slots.limit());
        }
        assertThat(lowest)
                .as("a server that keeps slowing down gets fewer requests, never below a quarter of the setting")
                .isBetween(4, 11);
    }

    @Test
    void queueingThatComesWithMoreRequestsAndAQuickerServerAreNoRise() {
        long[] now = {0};
        RequestSlots slots = new RequestSlots(8, () -> now[0]);
        slots.throttled();
        assertThat(slots.limit()).isEqualTo(4);
        long latency = 10_000_000;
        for (int i = 0; i < 2000 && slots.limit() < 8; i++) {
            now[0] += 10_000_000;
            // every step up of the limit adds its share of queueing: a new baseline, not a rise
            slots.succeeded(RequestSlots.Kind.PART, latency * slots.limit());
        }
        assertThat(slots.limit()).as("back up to the setting").isEqualTo(8);
        for (int i = 0; i < 100; i++) {
            now[0] += 10_000_000;
            slots.succeeded(RequestSlots.Kind.PART, 5_000_000);
        }
        assertThat(slots.limit())
                .as("faster answers lower the baseline and cut nothing")
                .isEqualTo(8);
        for (int i = 0; i < 100; i++) {
            now[0] += 10_000_000;
            slots.succeeded(RequestSlots.Kind.CONTROL, 900_000_000);
        }
        assertThat(slots.limit()).as("control requests are not compared").isEqualTo(8);
    }
}
