package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The uniform part layouts a multipart ETag is checked with when the server gives none (issue 18). */
class DownloadCheckLayoutTest {
    private static final long MIB = 1L << 20;

    @Test
    void theUsualPartSizesComeFirstAndOnlyThoseThatMakeExactlyThatManyParts() {
        assertThat(DownloadCheck.guessedPartSizes(65 * MIB + 4321, 5)).containsExactly(16 * MIB, 15 * MIB, 14 * MIB);
        assertThat(DownloadCheck.guessedPartSizes(1024 * MIB, 64)).containsExactly(16 * MIB);
        assertThat(DownloadCheck.guessedPartSizes(1024 * MIB, 128)).containsExactly(8 * MIB);
        assertThat(DownloadCheck.guessedPartSizes(12 * MIB, 3)).containsExactly(5 * MIB, 4 * MIB);
        assertThat(DownloadCheck.guessedPartSizes(10 * MIB, 2)).containsExactly(8 * MIB, 5 * MIB);
    }

    @Test
    void noMoreThanThreeLayoutsAreTriedAndNoneThatLeavesAnEmptyPart() {
        assertThat(DownloadCheck.guessedPartSizes(2000 * MIB, 4)).hasSizeLessThanOrEqualTo(3);
        assertThat(DownloadCheck.guessedPartSizes(16 * MIB, 2)).doesNotContain(16 * MIB);
        assertThat(DownloadCheck.guessedPartSizes(3 * MIB, 7)).isEmpty();
    }
}
