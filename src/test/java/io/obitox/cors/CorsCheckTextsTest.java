package io.obitox.cors;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.TextRef;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The live checks' texts from the bundle: the English the CLI printed before, word for word; German for the wizard. */
class CorsCheckTextsTest {
    private final Messages german = Messages.of(Locale.GERMAN);
    private final String seen = "HTTP 200, Access-Control-Allow-Origin: *";

    @Test
    void englishIsAsBefore() {
        CorsCheck other = CorsCheck.of(
                CorsCheck.Status.WARNING,
                TextRef.of("svc.cors.check.other"),
                TextRef.of("svc.cors.check.otherAllowed", CorsProber.OTHER_ORIGIN, seen),
                TextRef.of("svc.cors.check.otherAllowed.fix"));
        assertThat(other.name()).isEqualTo(CorsProber.OTHER);
        assertThat(other.message())
                .isEqualTo("A preflight from " + CorsProber.OTHER_ORIGIN + ", which you did not list, was allowed too ("
                        + seen + "). Any website can have its visitors' browsers upload here with a presigned URL.");
        assertThat(TextRef.of("svc.cors.check.uploaded", TextRef.of("svc.cors.check.probeObject"), seen)
                        .english())
                .isEqualTo("Uploaded the probe object with the browser's headers: " + seen + ".");
        assertThat(TextRef.of("svc.cors.check.cleanup").english()).isEqualTo(CorsProber.CLEANUP);
        assertThat(TextRef.of("svc.cors.check.configuration").english()).isEqualTo(CorsAuditor.CONFIGURATION);
        assertThat(TextRef.of("svc.cors.check.preflight", "http://localhost:3000")
                        .english())
                .isEqualTo("Preflight from http://localhost:3000");
    }

    @Test
    void reviewNotesInEnglishAsBeforeAndInGerman() {
        assertThat(TextRef.of("svc.cors.note.replaces", UploadRules.RULE_ID).english())
                .isEqualTo("Replaces the existing upload rule 'obitox-browser-uploads' in place.");
        assertThat(TextRef.of("svc.cors.note.after", "2").english())
                .isEqualTo("Adds the upload rule after the 2 existing rule(s), which stay unchanged.");
        assertThat(TextRef.of("svc.cors.note.restoreBefore", "12", "setup", "2026-01-02T03:04:05Z")
                        .english())
                .isEqualTo("Restores the configuration from before change #12 (setup, 2026-01-02T03:04:05Z).");
        assertThat(TextRef.of("svc.cors.note.star").english())
                .isEqualTo(
                        "'*' lets every website send upload requests here; each upload still needs a presigned URL.");
        assertThat(german.render(TextRef.of("svc.cors.note.replaces", UploadRules.RULE_ID)))
                .isEqualTo("Ersetzt die vorhandene Upload-Regel „obitox-browser-uploads“ an ihrer Stelle.");
    }

    @Test
    void theReportHeadlineInEnglishAndGerman() {
        CorsCheck ok = CorsCheck.passed("a", "fine");
        CorsCheck bad = CorsCheck.failed("b", "broken", "fix it");
        CorsReport passed = new CorsReport("photos", "http://s3", List.of(), CorsReading.none(), List.of(ok, ok));
        CorsReport failed = new CorsReport("photos", "http://s3", List.of(), CorsReading.none(), List.of(ok, bad));
        assertThat(passed.headline()).isEqualTo("CORS works for browser uploads to photos (2 checks).");
        assertThat(failed.headline()).isEqualTo("1 of 2 checks failed for photos.");
        assertThat(german.render(failed.headlineText())).isEqualTo("1 von 2 Prüfungen für photos fehlgeschlagen.");
    }

    @Test
    void aCheckFromPlainStringsShowsItsEnglish() {
        CorsCheck plain = CorsCheck.failed("ETag exposed", "No ETag.", "Add it.");
        assertThat(german.render(plain.messageText(), plain.message())).isEqualTo("No ETag.");
        assertThat(german.render(CorsCheck.of(
                                CorsCheck.Status.PASSED,
                                TextRef.of("svc.cors.check.cleanup"),
                                TextRef.of("svc.cors.check.nothingLeft"),
                                null)
                        .messageText()))
                .isEqualTo("Auf dem Server war nichts übrig.");
    }
}
