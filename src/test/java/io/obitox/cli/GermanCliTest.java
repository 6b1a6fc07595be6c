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
        CliRun.addProfile(home, "proxy", server, "de-up");
        CliRun.run(home, "profile", "default", "proxy").ok();
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
        assertThat(up.out()).contains("ausgeschlossen: in/ordner/b.tmp").contains("1 hochgeladen, 0 fehlgeschlagen.");

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
