package io.obitox.cors;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import io.obitox.storage.Provider;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The CORS texts from the bundle (live checks, audit, browser proof, history and review summaries, origin problems):
 * the English the CLI printed before, word for word; German for the wizard.
 */
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

    private static final String APP = "http://localhost:3000";
    private static final String OTHER_APP = "https://app.example.com";

    /** A rule allowing uploads from both origins without ETag in ExposeHeaders, and a MaxAge browsers cap. */
    private static CorsConfig noEtag() {
        return new CorsConfig(
                List.of(new CorsRule(null, List.of(APP, OTHER_APP), List.of("PUT"), List.of("*"), List.of(), 100_000)));
    }

    private static CorsCheck check(List<CorsCheck> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** The text in German: no key, no English left of {@code english}, and the German of {@code key} in it. */
    private String germanOf(TextRef ref, String english) {
        String shown = german.render(ref);
        assertThat(shown).doesNotContain("svc.").isNotEqualTo(english);
        return shown;
    }

    @Test
    void auditChecksInEnglishAsBeforeAndInGerman() {
        List<CorsCheck> checks = CorsAuditor.audit(noEtag(), List.of(APP, OTHER_APP), Provider.CEPH);
        CorsCheck etag = check(checks, CorsAuditor.ETAG_EXPOSED);
        assertThat(etag.message())
                .isEqualTo("ETag not exposed: rule 1 answers uploads from http://localhost:3000; rule 1 answers uploads"
                        + " from https://app.example.com without ETag in ExposeHeaders. Browsers cannot read the ETag,"
                        + " so multipart uploads fail (\"could not read the ETag header\").");
        assertThat(etag.fix())
                .isEqualTo("Add ETag to ExposeHeaders. Run CORS setup for this bucket: it adds or repairs the upload"
                        + " rule.");
        assertThat(germanOf(etag.nameText(), etag.name())).isEqualTo("ETag freigegeben");
        assertThat(germanOf(etag.messageText(), etag.message()))
                .isEqualTo("ETag nicht freigegeben: Regel 1 beantwortet Uploads von http://localhost:3000; Regel 1"
                        + " beantwortet Uploads von https://app.example.com, ohne ETag in ExposeHeaders. Browser können"
                        + " das ETag nicht lesen, daher schlagen Multipart-Uploads fehl („could not read the ETag"
                        + " header“).");
        assertThat(germanOf(etag.fixText(), etag.fix()))
                .isEqualTo("Fügen Sie ETag zu ExposeHeaders hinzu. Führen Sie die CORS-Einrichtung für diesen Bucket"
                        + " aus: Sie legt die Upload-Regel an oder repariert sie.");

        CorsCheck maxAge = check(checks, CorsAuditor.MAX_AGE);
        assertThat(maxAge.message())
                .isEqualTo("MaxAge above 86400 s: rule 1 has MaxAgeSeconds 100000. Browsers cap it (Chromium at 2 h,"
                        + " Firefox at 24 h).");
        assertThat(germanOf(maxAge.messageText(), maxAge.message()))
                .startsWith("MaxAge über 86400 s: Regel 1 hat MaxAgeSeconds 100000. Browser begrenzen");
        assertThat(check(checks, CorsAuditor.CONFIGURATION).message())
                .isEqualTo("The bucket has a CORS configuration with 1 rule.");
    }

    @Test
    void everyAuditCheckHasGermanTextsWithoutKeys() {
        CorsRule viewer = new CorsRule("viewer", List.of(APP), List.of("GET"), List.of(), List.of(), -1);
        CorsRule upload = UploadRules.rule(Provider.CEPH, List.of(APP));
        List<CorsConfig> configs = List.of(
                CorsConfig.NONE,
                noEtag(),
                new CorsConfig(List.of(viewer, upload)),
                new CorsConfig(List.of(viewer)),
                new CorsConfig(List.of(upload)));
        int seen = 0;
        for (Provider p : List.of(Provider.CEPH, Provider.AWS, Provider.R2)) {
            for (CorsConfig c : configs) {
                for (CorsCheck k : CorsAuditor.audit(c, List.of(APP, OTHER_APP), p)) {
                    assertThat(k.nameText()).as(k.name()).isNotNull();
                    assertThat(german.render(k.nameText())).doesNotContain("svc.");
                    germanOf(k.messageText(), k.message());
                    if (k.fixText() != null) {
                        germanOf(k.fixText(), k.fix());
                    }
                    seen++;
                }
            }
        }
        assertThat(seen).isGreaterThan(40);
    }

    @Test
    void aShadowingRuleIsDescribedInTheReadersLanguage() {
        CorsRule viewer = new CorsRule("viewer", List.of(APP), List.of("GET", "PUT"), List.of("*"), List.of(), null);
        CorsRule upload = UploadRules.rule(Provider.CEPH, List.of(APP));
        CorsCheck order = check(
                CorsAuditor.audit(new CorsConfig(List.of(viewer, upload)), List.of(APP), Provider.AWS),
                CorsAuditor.RULE_ORDER);
        assertThat(order.message()).contains("so rule 2 ('obitox-browser-uploads' origins http://localhost:3000;");
        assertThat(german.render(order.messageText()))
                .contains("daher greift Regel 2 („obitox-browser-uploads“ Origins http://localhost:3000; Methoden");
    }

    @Test
    void browserProofTextsInEnglishAsBeforeAndInGerman() {
        TextRef put = TextRef.of("svc.cors.browser.thePut");
        TextRef blocked = TextRef.of("svc.cors.browser.blockedSaid", put, "Access to fetch … blocked by CORS policy");
        assertThat(blocked.english())
                .isEqualTo("Blocked: the presigned PUT failed in the browser; the browser said: Access to fetch …"
                        + " blocked by CORS policy");
        assertThat(germanOf(blocked, blocked.english()))
                .isEqualTo("Blockiert: die vorsignierte PUT-Anfrage ist im Browser fehlgeschlagen; der Browser meldete:"
                        + " Access to fetch … blocked by CORS policy");
        TextRef unreadable = TextRef.of("svc.cors.browser.etagUnreadable", TextRef.of("svc.cors.browser.part", 2), 200);
        assertThat(unreadable.english())
                .isEqualTo("ETag not readable: part 2 was allowed (HTTP 200), but the page's"
                        + " response.headers.get('ETag') returned null, because ETag is not in"
                        + " Access-Control-Expose-Headers. Multipart uploads cannot complete without it.");
        assertThat(germanOf(unreadable, unreadable.english())).startsWith("ETag nicht lesbar: Teil 2 wurde erlaubt");
        TextRef ran = TextRef.of("svc.cors.browser.ran", "/usr/bin/chromium", 2, 1.3);
        assertThat(ran.english())
                .isEqualTo(
                        "Ran /usr/bin/chromium headless with a throwaway profile (deleted) for 2 origin(s) in 1.3 s.");
        assertThat(german.render(ran)).endsWith("für 2 Origin(s) in 1,3 s.");
        TextRef broken = TextRef.of(
                "svc.cors.browser.partsBroken", TextRef.of("svc.cors.browser.completedEtag", "\"abc-2\"", "def-2"));
        assertThat(broken.english())
                .isEqualTo("The browser's part uploads were allowed, but the completed object's ETag is \"abc-2\","
                        + " expected \"def-2\".");
        assertThat(germanOf(broken, broken.english())).contains("erwartet war „def-2“");
    }

    @Test
    void withoutABrowserTheWarningSaysWhereItLookedInEitherLanguage() {
        BrowserLocator nowhere = new BrowserLocator(() -> Optional.of("/no/such/chrome"), "", List.of());
        CorsCheck c = new BrowserProof(null, nowhere)
                .prove(null, "b", List.of(APP), BrowserProof.DEFAULT_TIME_LIMIT)
                .get(0);
        assertThat(c.name()).isEqualTo(BrowserProof.BROWSER);
        assertThat(c.message())
                .isEqualTo("No Chromium/Chrome found — the check ran without a browser. Looked in: the path in"
                        + " Settings (/no/such/chrome); PATH (chromium, chromium-browser, google-chrome,"
                        + " google-chrome-stable). The browser set in Settings (/no/such/chrome) is not an executable"
                        + " file.");
        assertThat(germanOf(c.messageText(), c.message()))
                .startsWith("Kein Chromium/Chrome gefunden – die Prüfung lief ohne Browser. Gesucht in: Pfad in den"
                        + " Einstellungen (/no/such/chrome); PATH (")
                .endsWith("Der in den Einstellungen angegebene Browser (/no/such/chrome) ist keine ausführbare Datei.");
        germanOf(c.fixText(), c.fix());
    }

    @Test
    void historyAndReviewSummariesInEnglishAsBeforeAndInGerman() {
        CorsConfig two = new CorsConfig(List.of(
                UploadRules.rule(Provider.CEPH, List.of(APP)), TestRules.getOnly("https://viewer.example.com")));
        CorsChange restore = new CorsChange(
                4, "lab", "http://s3", "b", Instant.EPOCH, CorsChange.Action.RESTORE, two, CorsConfig.NONE, 3L);
        assertThat(restore.summary()).isEqualTo("restore of #3: 2 rules → none");
        assertThat(german.render(restore.summaryText())).isEqualTo("Wiederherstellung von #3: 2 Regeln → keine");
        CorsChange setup = new CorsChange(
                5, null, "http://s3", "b", Instant.EPOCH, CorsChange.Action.SETUP, CorsConfig.NONE, two, null);
        assertThat(german.render(setup.summaryText())).isEqualTo("Einrichtung: keine → 2 Regeln");

        CorsDiff diff = CorsDiff.between(CorsConfig.NONE, two);
        assertThat(diff.summary())
                .containsExactly(
                        "Creates a CORS configuration with 2 rules.",
                        "Adds the upload rule 'obitox-browser-uploads' for http://localhost:3000.");
        assertThat(diff.summaryTexts().stream().map(german::render))
                .containsExactly(
                        "Legt eine CORS-Konfiguration mit 2 Regeln an.",
                        "Fügt die Upload-Regel „obitox-browser-uploads“ für http://localhost:3000 hinzu.");
    }

    @Test
    void originProblemsInEnglishAsBeforeAndInGerman() {
        Origins.Problem p = Origins.validate(List.of("https://app.example.com/upload"), Provider.AWS)
                .rejected()
                .get(0);
        assertThat(p.describe())
                .isEqualTo("'https://app.example.com/upload': an origin has no path, query or fragment: use"
                        + " https://app.example.com.");
        assertThat(germanOf(p.describeText(), p.describe()))
                .isEqualTo("„https://app.example.com/upload“: Ein Origin hat keinen Pfad, keine Query und kein"
                        + " Fragment: Verwenden Sie https://app.example.com.");
        assertThat(german.render(Origins.problemText("http://localhost:*", Provider.R2)))
                .isEqualTo("Cloudflare R2 lehnt einen Platzhalter-Port ab (MalformedXML); nennen Sie die Ports, die"
                        + " Sie verwenden, z. B. http://localhost:3000.");
    }

    @Test
    void tooManyRulesIsRefusedInEitherLanguage() {
        CorsConfig tooMany = new CorsConfig(Collections.nCopies(101, TestRules.getOnly(APP)));
        ObitoxException e =
                org.junit.jupiter.api.Assertions.assertThrows(ObitoxException.class, tooMany::requireWithinLimits);
        assertThat(e.getMessage()).isEqualTo("The configuration would have 101 rules; S3 allows at most 100.");
        assertThat(german.message(e.toUserMessage()))
                .isEqualTo("Die Konfiguration hätte 101 Regeln; S3 erlaubt höchstens 100.");
    }
}
