package io.obitox.presign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmartExpiryTest {
    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;

    private static ThroughputEstimate table(NetworkType n) {
        return ThroughputEstimate.of(List.of(), n);
    }

    @ParameterizedTest(name = "{0}: 1 GiB at {1} B/s takes {2} s with the 1.5 buffer")
    @CsvSource({
        "slow-2g, 51200, 31458",
        "2g, 153600, 10486",
        "3g, 768000, 2098",
        "4g, 5242880, 308",
        "wifi, 15728640, 103",
        "unknown, 512000, 3146"
    })
    void eachNetworkTypeUsesThePlansThroughput(String network, long bytesPerSecond, long seconds) {
        NetworkType n = NetworkType.parse(network);
        assertThat(n.bytesPerSecond()).isEqualTo(bytesPerSecond);
        ExpiryExplanation e = SmartExpiry.auto(GIB, table(n));
        assertThat(e.seconds()).isEqualTo(seconds);
        assertThat(e.rawSeconds()).isEqualTo(seconds);
        assertThat(e.clamp()).isEqualTo(ExpiryExplanation.Clamp.NONE);
        assertThat(e.estimate().source()).isEqualTo(ThroughputEstimate.Source.NETWORK);
        assertThat(e.text()).contains("1.0 GiB", "network '" + network + "'", "× 1.5", "= " + seconds + " s");
    }

    @Test
    void aTinyFileGetsTheOneMinuteFloor() {
        ExpiryExplanation empty = SmartExpiry.auto(0, table(NetworkType.WIFI));
        assertThat(empty.seconds()).isEqualTo(60);
        assertThat(empty.rawSeconds()).isZero();
        assertThat(empty.clamp()).isEqualTo(ExpiryExplanation.Clamp.MINIMUM);
        assertThat(empty.text()).contains("raised to the minimum", "→ 1 min 00 s");
        assertThat(SmartExpiry.auto(1, table(NetworkType.SLOW_2G)).seconds()).isEqualTo(60);
    }

    @Test
    void theFloorAppliesBelowSixtySecondsOnly() {
        long exactlySixty = 60 * 512_000 * 2 / 3; // 60 s at 500 KiB/s with the 1.5 buffer
        ExpiryExplanation at = SmartExpiry.auto(exactlySixty, table(NetworkType.UNKNOWN));
        assertThat(at.rawSeconds()).isEqualTo(60);
        assertThat(at.clamp()).isEqualTo(ExpiryExplanation.Clamp.NONE);
        ExpiryExplanation above = SmartExpiry.auto(exactlySixty + 1, table(NetworkType.UNKNOWN));
        assertThat(above.seconds()).as("ceil, never rounded down").isEqualTo(61);
    }

    @Test
    void aHugeFileIsCutToTheSevenDaySigV4Limit() {
        long exactlyMax = 604_800L * 512_000 * 2 / 3;
        assertThat(SmartExpiry.auto(exactlyMax, table(NetworkType.UNKNOWN)).clamp())
                .isEqualTo(ExpiryExplanation.Clamp.NONE);
        ExpiryExplanation over = SmartExpiry.auto(exactlyMax + 1, table(NetworkType.UNKNOWN));
        assertThat(over.rawSeconds()).isEqualTo(604_801);
        assertThat(over.seconds()).isEqualTo(604_800);
        assertThat(over.clamp()).isEqualTo(ExpiryExplanation.Clamp.MAXIMUM);
        ExpiryExplanation terabyte = SmartExpiry.auto(1L << 40, table(NetworkType.SLOW_2G));
        assertThat(terabyte.seconds()).isEqualTo(SmartExpiry.MAX_SECONDS);
        assertThat(terabyte.text()).contains("cut to the maximum", "→ 7 d 0 h");
    }

    @Test
    void measuredHistoryWinsOverTheTable() {
        ThroughputEstimate measured = ThroughputEstimate.of(List.of(4.0 * MIB), null);
        assertThat(measured.source()).isEqualTo(ThroughputEstimate.Source.HISTORY);
        ExpiryExplanation e = SmartExpiry.auto(GIB, measured);
        assertThat(e.seconds()).isEqualTo(384); // 1024 MiB / 4 MiB/s × 1.5
        assertThat(e.text()).contains("4.0 MiB/s", "1 recent upload to this endpoint");
        assertThat(SmartExpiry.auto(GIB, ThroughputEstimate.of(List.of(), null)).seconds())
                .as("without history: the 'unknown' row")
                .isEqualTo(3146);
    }

    @Test
    void aNetworkTheUserPicksWinsOverHistory() {
        ThroughputEstimate e = ThroughputEstimate.of(List.of(50.0 * MIB), NetworkType.THREE_G);
        assertThat(e.source()).isEqualTo(ThroughputEstimate.Source.NETWORK);
        assertThat(e.bytesPerSecond()).isEqualTo(750 * 1024);
    }

    @Test
    void historyUsesTheLowerQuartileNotTheBestRun() {
        // newest first; one freak 100 MiB/s run must not shorten the links
        List<Double> history = List.of(10.0, 2.0, 4.0, 100.0, 3.0, 5.0, 6.0, 8.0).stream()
                .map(d -> d * MIB)
                .toList();
        ThroughputEstimate e = ThroughputEstimate.of(history, null);
        assertThat(e.samples()).isEqualTo(8);
        assertThat(e.bytesPerSecond()).isEqualTo(3.0 * MIB);
    }

    @Test
    void historyLooksAtTheNewestTwentyUsableSamplesOnly() {
        List<Double> history = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            history.add(8.0 * MIB);
        }
        history.add(0.0); // not a measurement
        history.add(Double.NaN);
        for (int i = 0; i < 30; i++) {
            history.add(0.1 * MIB); // older, slower network
        }
        history.add(1, -5.0);
        ThroughputEstimate e = ThroughputEstimate.of(history, null);
        assertThat(e.samples()).isEqualTo(20);
        assertThat(e.bytesPerSecond()).isEqualTo(8.0 * MIB);
    }

    @Test
    void aFixedExpiryOverridesTheFormulaWithinOneSecondToSevenDays() {
        ExpiryExplanation e = SmartExpiry.fixed(3600, GIB);
        assertThat(e.auto()).isFalse();
        assertThat(e.seconds()).isEqualTo(3600);
        assertThat(e.sourceName()).isEqualTo("fixed");
        assertThat(e.text()).isEqualTo("fixed: 1 h 00 min as asked");
        assertThat(SmartExpiry.fixed(1, 0).seconds()).isEqualTo(1);
        assertThat(SmartExpiry.fixed(604_800, 0).seconds()).isEqualTo(604_800);
        for (long bad : new long[] {0, -1, 604_801}) {
            assertThatThrownBy(() -> SmartExpiry.fixed(bad, 0))
                    .isInstanceOf(ObitoxException.class)
                    .hasFieldOrPropertyWithValue("code", "INVALID_EXPIRY")
                    .hasMessageContaining("1 s to 7 d");
        }
    }

    @ParameterizedTest(name = "''{0}'' means {1} s")
    @CsvSource({"3600, 3600", "90s, 90", "15m, 900", "12h, 43200", "7d, 604800", "' 2H ', 7200"})
    void expiryChoicesParseDurations(String text, long seconds) {
        assertThat(ExpiryChoice.parse(text).fixedSeconds()).isEqualTo(seconds);
    }

    @Test
    void expiryChoicesRejectWhatIsNotADurationOrOutOfRange() {
        assertThat(ExpiryChoice.parse("auto").isAuto()).isTrue();
        assertThat(ExpiryChoice.parse(" AUTO ").isAuto()).isTrue();
        for (String bad : new String[] {"soon", "1.5h", "8d", "0", "-5", "1w"}) {
            assertThatThrownBy(() -> ExpiryChoice.parse(bad))
                    .as(bad)
                    .isInstanceOf(ObitoxException.class)
                    .hasFieldOrPropertyWithValue("code", "INVALID_EXPIRY");
        }
    }

    @Test
    void anUnknownNetworkNameListsTheValidOnes() {
        assertThatThrownBy(() -> NetworkType.parse("5g"))
                .isInstanceOf(ObitoxException.class)
                .hasFieldOrPropertyWithValue("code", "INVALID_NETWORK")
                .satisfies(e -> assertThat(((ObitoxException) e).fix()).contains("slow-2g, 2g, 3g, 4g, wifi, unknown"));
    }
}
