package io.obitox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.CliRun;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command line speaks the OS's language like the window: on a German system its texts are German, and none is a
 * raw message key. The tests run with {@code -Duser.language=en}, so the German system is set up here (and put back).
 */
class GermanCliTest {
    /** A message key printed instead of its text. */
    private static final Pattern RAW_KEY = Pattern.compile("\\bcli\\.[a-z]+\\.[A-Za-z.]+");

    private S3ProxyServer server;
    private Path dir;
    private Path home;
    private Locale before;

    @BeforeEach
    void setUp() {
        server = S3ProxyServer.start();
        server.createBucket("de-up");
        dir = TestPaths.newDir("german-cli");
        home = dir.resolve("home");
        CliRun.addDefaultProfile(home, server, "de-up");
        before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void tearDown() {
        Locale.setDefault(before);
        server.close();
    }

    private CliRun run(String... args) {
        CliRun r = CliRun.run(home, args).ok();
        assertThat(r.out() + r.err()).as("%s: raw message keys", r.command()).doesNotContainPattern(RAW_KEY);
        return r;
    }

    @Test
    void commandsPrintGermanOnAGermanSystem() throws Exception {
        assertThat(run("mb", "de-neu").out()).contains("Bucket „de-neu“ angelegt.");

        Path folder = Files.createDirectories(dir.resolve("ordner"));
        Files.writeString(folder.resolve("a.txt"), "hallo");
        Files.writeString(folder.resolve("b.tmp"), "weg damit");
        CliRun up = run("upload", folder.toString(), "--prefix", "in/", "--exclude", "*.tmp");
        assertThat(up.err())
                .contains("1 Datei(en) werden nach s3://de-up/in/ auf")
                .contains("1/1 Dateien, ");
        assertThat(up.out())
                .contains("ausgeschlossen: in/ordner/b.tmp")
                .contains("1 hochgeladen, 0 fehlgeschlagen.")
                .contains("1 hochgeladen, 0 identische übersprungen, 0 vorhandene übersprungen, 0 umbenannt, 1"
                        + " ausgeschlossen, 0 fehlgeschlagen; 0 B nicht gesendet.");

        Path back = Files.createDirectories(dir.resolve("zurück"));
        CliRun down = run("download", "de-up/in/", back.toString());
        assertThat(down.out()).contains("1 heruntergeladen, 0 übersprungen, 0 fehlgeschlagen.");

        CliRun dry = run("rm", "-r", "de-up/in/", "--dry-run");
        assertThat(dry.out()).contains("(Probelauf) löschen:").contains("Würde löschen: 1 Objekt(e)");

        CliRun parts = run("multipart", "list");
        assertThat(parts.out()).contains("ALTER").contains("0 unvollständige(r) Upload(s) in de-up.");

        Path watched = Files.createDirectories(dir.resolve("eingang"));
        String added = run("watch", "add", watched.toString(), "--paused").out();
        assertThat(added).contains("hinzugefügt").contains("(pausiert)").contains("„obitox watch run“");
        String id = added.replaceAll("(?s).*Überwachung (\\S+) hinzugefügt.*", "$1");
        assertThat(run("watch", "resume", id).out()).contains("Überwachung " + id + " fortgesetzt.");
        assertThat(run("watch", "pause", id).out()).contains("Überwachung " + id + " pausiert.");
        assertThat(run("watch", "remove", id).out()).contains("Überwachung " + id + " entfernt");

        assertThat(run("profile", "list").out()).contains("ANBIETER").contains("ZUGANGSDATEN");
        assertThat(run("webhooks", "list").out()).contains("Keine Webhook-Endpunkte.");
        assertThat(run("validate", folder.resolve("a.txt").toString()).err()).contains("1 Datei mit der Richtlinie");
    }

    @Test
    void helpIsGermanOnAGermanSystem() {
        String top = run("--help").out();
        var summaries = CliTest.commandSummaries(top, "Befehle:");
        assertThat(summaries).containsKeys("upload", "sync", "stat", "webhooks");
        summaries.forEach((name, text) -> assertThat(text).as(name).endsWith("."));
        assertThat(top)
                .startsWith("Aufruf: obitox [-hV] [--home=DIR] [COMMAND]")
                .contains("Ohne Befehl aufgerufen, öffnet sich das Fenster.")
                .contains("  -h, --help       Diese Hilfe zeigen und beenden.")
                .contains("Befehle:")
                .contains("  upload     Dateien und Ordner (rekursiv) in einen Bucket hochladen.")
                .contains("Exit-Status: 0 Erfolg, 1 Fehlschlag, 2 falscher Aufruf.")
                .doesNotContain("Usage:")
                .doesNotContain("Commands:");

        String upload = run("upload", "--help").out();
        assertThat(upload)
                .startsWith("Aufruf: obitox upload ")
                .contains("Große Dateien gehen per Multipart und überstehen Abstürze")
                .contains("Ziel-Bucket (Standard: der des Profils).")
                // from a mixin (TargetOptions) and a picocli default value
                .contains("S3-Endpunkt, z. B. http://127.0.0.1:7480.")
                .doesNotContain("Upload files and folders");
        assertThat(run("cors", "verify", "--help").out()).contains("Zeitlimit der Browser-Prüfung (Standard: 30).");
    }

    @Test
    void errorsAreGermanWithTheirCodeOnAGermanSystem() {
        CliRun bad = CliRun.run(home, "stat", "de-up/ordner/").assertExit(Cli.FAILURE);
        assertThat(bad.err())
                .contains("Fehler [INVALID_PATH]: „de-up/ordner/“ ist ein Bucket oder ein Präfix, kein Objekt.")
                .contains("Abhilfe: Nennen Sie ein Objekt: BUCKET/KEY (siehe „obitox ls de-up/“).")
                .doesNotContain("Error [")
                .doesNotContain("Fix:")
                .doesNotContainPattern(RAW_KEY);
        CliRun noBucket = CliRun.run(home, "download", "/nur-ein-key").assertExit(Cli.FAILURE);
        assertThat(noBucket.err()).contains("Fehler [INVALID_PATH]: „/nur-ein-key“ nennt keinen Bucket.");
        // wrong usage is printed by picocli, with the usage help, in the same language
        CliRun usage = CliRun.run(home, "multipart").assertExit(Cli.USAGE);
        assertThat(usage.err()).contains("Unterbefehl fehlt: list oder abort.").contains("Aufruf: obitox multipart");
    }

    @Test
    void corsAndConnectionChecksPrintGermanOnAGermanSystem() throws Exception {
        // S3Proxy has global CORS only and allows no origin: the static audit warns and the preflight fails
        CliRun verify = CliRun.run(home, "cors", "verify", "--origin", "http://localhost:3000")
                .assertExit(Cli.FAILURE);
        assertThat(verify.err()).contains("CORS von Bucket de-up auf ").contains(" wird geprüft …");
        assertThat(verify.out())
                .contains("  warn  CORS-Konfiguration ")
                .contains("  FAIL  Preflight von http://localhost:3000 ")
                .contains("Der Preflight für PUT wurde abgewiesen (")
                .contains("  ok    Andere Origins abgewiesen ")
                .contains("\n        Abhilfe: Richten Sie CORS für diesen Bucket mit diesem Origin ein.")
                .contains("FEHLGESCHLAGEN: 3 von 6 Prüfungen für de-up fehlgeschlagen.")
                .doesNotContain("Fix:")
                .doesNotContain("Preflight from")
                .doesNotContainPattern(RAW_KEY);
        // the JSON is a contract: English whatever the system's language
        CliRun json = CliRun.run(home, "cors", "verify", "--origin", "http://localhost:3000", "--json");
        assertThat(json.out())
                .contains("\"name\" : \"Preflight from http://localhost:3000\"")
                .contains("Run CORS setup for this bucket with this origin.")
                .doesNotContain("Abhilfe")
                .doesNotContain("Preflight von");

        CliRun test = run("profile", "test");
        assertThat(test.out())
                .contains("  ok    Zugangsdaten             Angemeldet; sichtbare Buckets: 1.")
                .contains("  ok    Bucket                   Der Bucket „de-up“ existiert.")
                .contains("  warn  CORS lesen               Der Server unterstützt das nicht.")
                .contains("\n        Betroffen: die Prüfungen des CORS-Assistenten.")
                .contains("  skip  CORS schreiben           Nicht versucht, weil CORS nicht gelesen werden konnte.")
                .contains("OK: Die Verbindung funktioniert; eine Funktion wird eingeschränkt sein (siehe Warnungen).")
                .doesNotContain("Credentials");
        assertThat(run("profile", "test", "--json").out())
                .contains("\"message\" : \"Connection works; 1 feature(s) will be limited (see warnings).\"")
                .contains("\"name\" : \"Credentials\"");
    }

    @Test
    void wrongUsageFoundByPicocliIsGermanOnAGermanSystem() {
        CliRun unknown = CliRun.run(home, "ls", "--x").assertExit(Cli.USAGE);
        assertThat(unknown.err())
                .startsWith("Unbekannte Option: „--x“\nAufruf: obitox ls ")
                .doesNotContain("Unknown option")
                .doesNotContainPattern(RAW_KEY);
        assertThat(CliRun.run(home, "ls", "--jsn").assertExit(Cli.USAGE).err())
                .isEqualTo("Unbekannte Option: „--jsn“\nMögliche Lösungen: --json\n");
        assertThat(CliRun.run(home, "uplod").assertExit(Cli.USAGE).err())
                .endsWith(": „uplod“\nMeinten Sie: obitox upload oder obitox download?\n");
        assertThat(CliRun.run(home, "cors", "setup").assertExit(Cli.USAGE).err())
                .startsWith("Pflichtoption fehlt: „--origin=ORIGIN“\nAufruf: obitox cors setup ");
        assertThat(CliRun.run(home, "cors", "restore", "--id", "x")
                        .assertExit(Cli.USAGE)
                        .err())
                .startsWith("Ungültiger Wert für die Option „--id“: „x“ ist keine ganze Zahl.\nAufruf: ");
        assertThat(CliRun.run(home, "ls", "--max").assertExit(Cli.USAGE).err())
                .startsWith("Der Option „--max“ fehlt ihr Wert (N).\n");
    }

    @Test
    void helpAndErrorsStayEnglishOnAnEnglishSystem() {
        Locale.setDefault(Locale.US);
        String top = run("--help").out();
        assertThat(top)
                .startsWith("Usage: obitox [-hV] [--home=DIR] [COMMAND]")
                .contains("ObitoX: uploads to S3-compatible storage (AWS S3, Cloudflare R2, MinIO, Ceph,\n")
                .contains("  -h, --help       Show this help message and exit.")
                .contains("Commands:\n  upload     Upload files and folders (recursively) to a bucket.")
                .contains(
                        "\nExit status: 0 success, 1 failure, 2 wrong usage.\nData folder: --home DIR or OBITOX_HOME.");
        assertThat(run("upload", "--help").out())
                .contains("      --bucket=BUCKET        Target bucket (default: the profile's).")
                .contains(
                        "Large files go multipart and survive crashes: run the same command again, or\n'obitox transfers"
                                + " resume'.");
        CliRun bad = CliRun.run(home, "stat", "de-up/ordner/").failsWith("INVALID_PATH");
        assertThat(bad.err())
                .isEqualTo("Error [INVALID_PATH]: 'de-up/ordner/' is a bucket or a prefix, not an object.\n"
                        + "Fix: Name one object: BUCKET/KEY (see 'obitox ls de-up/').\n");
        assertThat(CliRun.run(home, "multipart").assertExit(Cli.USAGE).err())
                .startsWith("Missing subcommand: list or abort.\n");
        // picocli's own words, as they always were
        assertThat(CliRun.run(home, "ls", "--x").assertExit(Cli.USAGE).err())
                .startsWith("Unknown option: '--x'\nUsage: obitox ls ");
        assertThat(CliRun.run(home, "ls", "--jsn").assertExit(Cli.USAGE).err())
                .isEqualTo("Unknown option: '--jsn'\nPossible solutions: --json\n");
    }

    @Test
    void theSameCommandsStayEnglishOnAnEnglishSystem() throws Exception {
        Locale.setDefault(Locale.US);
        Path one = Files.writeString(dir.resolve("one.txt"), "one");
        Path two = Files.writeString(dir.resolve("two.txt"), "two");
        assertThat(run("validate", one.toString()).err()).contains("1 file checked with policy '");
        assertThat(run("validate", one.toString(), two.toString()).err()).contains("2 files checked with policy '");
        assertThat(run("mb", "en-new").out()).contains("Created bucket 'en-new'.");
        assertThat(run("multipart", "list").out()).contains("AGE").contains("0 incomplete upload(s) in de-up.");
        assertThat(run("webhooks", "list").out()).contains("No webhook endpoints.");
    }
}
