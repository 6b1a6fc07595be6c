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
}
