package io.obitox.presign;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A link's expiry explanation: the English the CLI and JSON keep, and the same sentence in German for the view. */
class ExpiryExplanationTextsTest {
    private static final Messages GERMAN = Messages.of(Locale.GERMAN);

    private static ExpiryExplanation auto(ThroughputEstimate e, ExpiryExplanation.Clamp clamp, long seconds) {
        return new ExpiryExplanation(true, 1024, e, 1.5, 1, clamp, 60, seconds, Instant.parse("2026-12-07T01:00:00Z"));
    }

    @Test
    void englishIsUnchangedAndGermanHasNoEnglishLeft() {
        ExpiryExplanation minimum = auto(ThroughputEstimate.of(List.of(), null), ExpiryExplanation.Clamp.MINIMUM, 30);
        assertThat(minimum.text())
                .isEqualTo("auto: 1.0 KiB ÷ 500 KiB/s (network 'unknown': no measured uploads to this endpoint yet)"
                        + " × 1.5 = 1 s, raised to the minimum → 1 min 00 s; cut to 30 s: the temporary credentials"
                        + " that sign it expire at 2026-12-07T01:00:00Z");
        String german = GERMAN.render(minimum.textRef());
        assertThat(german)
                .startsWith("automatisch: ")
                .contains("Netz „unbekannt“", "auf das Minimum angehoben", "temporären Zugangsdaten")
                .doesNotContain("network", "raised", "credentials", "svc.");

        ExpiryExplanation history =
                auto(ThroughputEstimate.of(List.of(1e6, 2e6, 3e6), null), ExpiryExplanation.Clamp.NONE, 60);
        assertThat(history.text()).contains("(the lower quartile of 3 recent uploads to this endpoint) × 1.5 = 1 s →");
        assertThat(GERMAN.render(history.textRef()))
                .contains("gemessene Uploads zu diesem Endpunkt: 3")
                .doesNotContain("lower");

        ExpiryExplanation chosen =
                auto(ThroughputEstimate.of(List.of(), NetworkType.values()[0]), ExpiryExplanation.Clamp.MAXIMUM, 60);
        assertThat(chosen.text()).contains("as chosen").contains(", cut to the maximum (7 days, the SigV4 limit)");
        assertThat(GERMAN.render(chosen.textRef())).contains("so gewählt", "auf das Maximum gekürzt");
    }
}
