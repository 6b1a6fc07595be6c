package io.obitox.sync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code sync --delete} asks for {@code --yes} beyond 1,000 objects or half of the prefix. */
class SyncDeleteLimitTest {
    @Test
    void moreThanAThousandOrMoreThanHalfNeedsYes() {
        assertThat(SyncCommand.needsYes(0, 0)).isFalse();
        assertThat(SyncCommand.needsYes(5, 2000)).isFalse();
        assertThat(SyncCommand.needsYes(1000, 2000)).isFalse(); // exactly half, exactly 1,000
        assertThat(SyncCommand.needsYes(1001, 10_000)).isTrue();
        assertThat(SyncCommand.needsYes(3, 5)).isTrue();
        assertThat(SyncCommand.needsYes(1, 1)).isTrue();
    }
}
