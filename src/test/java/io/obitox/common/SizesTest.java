package io.obitox.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void formatsBytesInBinaryUnits() {
        assertThat(Sizes.bytes(0)).isEqualTo("0 B");
        assertThat(Sizes.bytes(1023)).isEqualTo("1023 B");
        assertThat(Sizes.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(Sizes.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Sizes.bytes(100 * 1024)).isEqualTo("100 KiB");
        assertThat(Sizes.bytes(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
        assertThat(Sizes.bytes(Long.MAX_VALUE)).isEqualTo("8192 PiB");
    }

    @Test
    void roundingNeverShows1024OfAUnit() {
        assertThat(Sizes.bytes(1024 * 1024 - 1)).isEqualTo("1.0 MiB");
        assertThat(Sizes.bytes(1024L * 1024 * 1024 - 1)).isEqualTo("1.0 GiB");
        assertThat(Sizes.bytes(1023 * 1024 + 600)).isEqualTo("1.0 MiB");
    }

    @Test
    void formatsRatesAndDurations() {
        assertThat(Sizes.rate(2.5 * 1024 * 1024)).isEqualTo("2.5 MiB/s");
        assertThat(Sizes.rate(0)).isEqualTo("–");
        assertThat(Sizes.rate(Double.NaN)).isEqualTo("–");
        assertThat(Sizes.duration(59)).isEqualTo("59 s");
        assertThat(Sizes.duration(61)).isEqualTo("1 min 01 s");
        assertThat(Sizes.duration(3 * 3600 + 5 * 60)).isEqualTo("3 h 05 min");
        assertThat(Sizes.duration(2 * 86_400 + 3 * 3600)).isEqualTo("2 d 3 h");
        assertThat(Sizes.duration(-1)).isEqualTo("–");
    }

    @Test
    void parsesPlainNumbersAndBinaryUnits() {
        assertThat(Sizes.parse("123")).isEqualTo(123);
        assertThat(Sizes.parse("16M")).isEqualTo(16L * 1024 * 1024);
        assertThat(Sizes.parse("16MiB")).isEqualTo(16L * 1024 * 1024);
        assertThat(Sizes.parse("16 mb")).isEqualTo(16L * 1024 * 1024);
        assertThat(Sizes.parse("1.5G")).isEqualTo(1536L * 1024 * 1024);
        assertThat(Sizes.parse(" 8k ")).isEqualTo(8192);
        assertThat(Sizes.parse("2T")).isEqualTo(2L << 40);
        assertThat(Sizes.parse("100B")).isEqualTo(100);
    }

    @Test
    void rejectsWhatIsNotASize() {
        for (String bad : new String[] {"", "abc", "-5", "16X", "1,5G", "1e3", "M"}) {
            assertThatThrownBy(() -> Sizes.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("16M");
        }
        assertThatThrownBy(() -> Sizes.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsASizeTooLargeToCount() {
        assertThatThrownBy(() -> Sizes.parse("99999999P")).isInstanceOf(IllegalArgumentException.class);
    }
}
