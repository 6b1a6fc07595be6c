package io.obitox.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A service's text by key: English unchanged, rendered in the view's language, English where there is no key. */
class TextRefTest {
    private final Messages german = Messages.of(Locale.GERMAN);

    @Test
    void aMessageFromKeysKeepsItsEnglishAndRendersInGerman() {
        UserMessage m = UserMessage.of(
                "ACCESS_DENIED", TextRef.of("svc.s3.accessDenied"), TextRef.of("svc.s3.accessDenied.fix"));

        assertThat(m.message()).isEqualTo("Access denied.");
        assertThat(m.fix()).isEqualTo("Ask for the permission this action needs, or use other credentials.");
        assertThat(Messages.english().oneLine(m)).isEqualTo(m.oneLine());
        assertThat(german.message(m)).isEqualTo("Zugriff verweigert.");
        assertThat(german.oneLine(m)).startsWith("Zugriff verweigert. Bitten Sie");
    }

    @Test
    void argumentsAreFilledAndAReferenceAsArgumentIsRenderedInTheSameLanguage() {
        TextRef busy = TextRef.of("svc.s3.busy", "503");
        assertThat(busy.english()).isEqualTo("The server is busy (HTTP 503).");
        assertThat(german.render(busy)).isEqualTo("Der Server ist ausgelastet (HTTP 503).");

        TextRef nested = TextRef.of("svc.s3.noCredentials", TextRef.of("svc.s3.credentialFilesProfile", "dev"));
        assertThat(nested.english())
                .isEqualTo("No credentials found: the AWS config and credentials files (profile 'dev')");
        assertThat(german.render(nested)).contains("(Profil 'dev')").startsWith("Keine Zugangsdaten");
    }

    @Test
    void aMessageWithoutReferencesFallsBackToItsEnglishText() {
        UserMessage plain = new UserMessage("MY_CODE", "It broke.", "Do this.");
        assertThat(german.message(plain)).isEqualTo("It broke.");
        assertThat(german.fix(plain)).isEqualTo("Do this.");
        assertThat(german.oneLine(plain)).isEqualTo("It broke. Do this.");
        assertThat(german.oneLine(new UserMessage("C", "Only message.", ""))).isEqualTo("Only message.");
    }

    @Test
    void theReferencesSurviveAnException() {
        UserMessage m = UserMessage.of("TIMEOUT", TextRef.of("svc.s3.timeout"), null);
        UserMessage back = Errors.describe(new ObitoxException(m, null));
        assertThat(back).isEqualTo(m);
        assertThat(back.fix()).isEmpty();
        assertThat(german.message(back)).isEqualTo("Der Speicherserver hat nicht rechtzeitig geantwortet.");
    }
}
