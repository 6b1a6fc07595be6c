package io.obitox.cors;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The reading's headline: English as the CLI prints it, German for the wizard. */
class CorsReadingTest {
    private final Messages german = Messages.of(Locale.GERMAN);

    @Test
    void headlinesInEnglishAndGerman() {
        CorsReading one = CorsReading.configured(TestRules.config(TestRules.getOnly("https://a.example")));
        CorsReading two = CorsReading.configured(
                TestRules.config(TestRules.getOnly("https://a.example"), TestRules.getOnly("https://b.example")));

        assertThat(one.headline()).isEqualTo("CORS is configured with 1 rule.");
        assertThat(two.headline()).isEqualTo("CORS is configured with 2 rules.");
        assertThat(CorsReading.none().headline())
                .isEqualTo("The bucket has no CORS configuration (NoSuchCORSConfiguration).");
        assertThat(german.render(one.headlineText())).isEqualTo("CORS ist mit 1 Regel eingerichtet.");
        assertThat(german.render(two.headlineText())).isEqualTo("CORS ist mit 2 Regeln eingerichtet.");
    }
}
