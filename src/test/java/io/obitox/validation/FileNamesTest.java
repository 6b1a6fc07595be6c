package io.obitox.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FileNamesTest {

    static Stream<Arguments> sanitized() {
        return Stream.of(
                Arguments.of("photo.jpg", "photo.jpg"),
                Arguments.of("../../etc/passwd", "passwd"),
                Arguments.of("..\\..\\Windows\\System32\\evil.dll", "evil.dll"),
                Arguments.of("..", "file"),
                Arguments.of("...", "file"),
                Arguments.of("", "file"),
                Arguments.of("   ", "file"),
                Arguments.of("dir/", "file"),
                Arguments.of("a<b>c:d\"e|f?g*h.txt", "abcdefgh.txt"),
                Arguments.of("tab\there\u0000nul\u001fend\u007f.txt", "tabherenulend.txt"),
                Arguments.of("c1\u0085\u009bcontrols.txt", "c1controls.txt"),
                Arguments.of("report.pdf.", "report.pdf"),
                Arguments.of("report.pdf . . ", "report.pdf"),
                Arguments.of("  spaced name.txt  ", "spaced name.txt"),
                Arguments.of("CON", "_CON"),
                Arguments.of("con.txt", "_con.txt"),
                Arguments.of("Nul.tar.gz", "_Nul.tar.gz"),
                Arguments.of("COM1", "_COM1"),
                Arguments.of("lpt9.log", "_lpt9.log"),
                Arguments.of("AUX.", "_AUX"),
                Arguments.of("PRN .txt", "_PRN .txt"),
                Arguments.of("COM10.txt", "COM10.txt"),
                Arguments.of("CONSOLE.txt", "CONSOLE.txt"),
                Arguments.of("-rf", "_-rf"),
                Arguments.of("invoice\u202Efdp.exe", "invoicefdp.exe"),
                Arguments.of("isolate\u2066x\u2069.txt", "isolatex.txt"),
                Arguments.of("mark\u200Fed.txt", "marked.txt"),
                Arguments.of("zero\u200Bwidth\uFEFF.txt", "zerowidth.txt"),
                Arguments.of("family\uD83D\uDC68\u200D\uD83D\uDC69.txt", "family\uD83D\uDC68\u200D\uD83D\uDC69.txt"),
                Arguments.of("e\u0301te\u0301.txt", "\u00e9t\u00e9.txt"),
                Arguments.of(".env", ".env"),
                Arguments.of("lone\uD800surrogate.txt", "lonesurrogate.txt"),
                // names the fast path (printable ASCII, nothing to change) must still send to the full rules
                Arguments.of("PRN  .txt", "_PRN  .txt"),
                Arguments.of("CONIN$.txt", "_CONIN$.txt"),
                Arguments.of("conout$", "_conout$"),
                Arguments.of("trailing.txt ", "trailing.txt"),
                Arguments.of("-", "_-"),
                Arguments.of("a*b", "ab"),
                Arguments.of("note0.txt", "note0.txt"),
                Arguments.of("name with spaces.txt", "name with spaces.txt"),
                Arguments.of("NULL.txt", "NULL.txt"),
                Arguments.of("x".repeat(255), "x".repeat(255)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("sanitized")
    void sanitizesNames(String input, String expected) {
        assertThat(FileNames.sanitize(input)).isEqualTo(expected);
    }

    @Test
    void neverReturnsAnEmptyName() {
        assertThat(FileNames.sanitize(null)).isEqualTo("file");
        assertThat(FileNames.sanitize("<>:\"|?*")).isEqualTo("file");
        assertThat(FileNames.sanitize("\u202E\u202E")).isEqualTo("file");
    }

    @Test
    void shortensTo255BytesKeepingTheExtension() {
        String s = FileNames.sanitize("a".repeat(300) + ".txt");
        assertThat(bytes(s)).isEqualTo(255);
        assertThat(s).isEqualTo("a".repeat(251) + ".txt");
    }

    @Test
    void neverCutsInsideACharacter() {
        String twoByte = FileNames.sanitize("\u00e9".repeat(200) + ".jpg");
        assertThat(bytes(twoByte)).isLessThanOrEqualTo(255);
        assertThat(twoByte).isEqualTo("\u00e9".repeat(125) + ".jpg");

        String emoji = FileNames.sanitize("\uD83D\uDE00".repeat(100) + ".png");
        assertThat(bytes(emoji)).isLessThanOrEqualTo(255);
        assertThat(emoji).isEqualTo("\uD83D\uDE00".repeat(62) + ".png");
        assertThat(emoji.chars().filter(c -> Character.isSurrogate((char) c)).count() % 2)
                .isZero();

        String cjk = FileNames.sanitize("\u6f22".repeat(100) + ".pdf");
        assertThat(cjk).isEqualTo("\u6f22".repeat(83) + ".pdf");
    }

    @Test
    void dropsAnExtensionTooLongToKeep() {
        String s = FileNames.sanitize("a." + "x".repeat(300));
        assertThat(bytes(s)).isEqualTo(255);
        assertThat(s).startsWith("a.xxx");
    }

    @Test
    void shorteningDoesNotLeaveTrailingDotsOrSpaces() {
        String s = FileNames.sanitize("a".repeat(240) + " . . . . . . . . . . . . . .x.txt");
        assertThat(bytes(s)).isLessThanOrEqualTo(255);
        assertThat(s).endsWith(".txt").doesNotContain(" .txt").doesNotContain("..txt");
    }

    @Test
    void readsExtensionsTheWayWindowsDoes() {
        assertThat(FileNames.extension("photo.JPG")).isEqualTo("jpg");
        assertThat(FileNames.extension("evil.exe.")).isEqualTo("exe");
        assertThat(FileNames.extension("evil.exe  ")).isEqualTo("exe");
        assertThat(FileNames.extension("archive.tar.gz")).isEqualTo("gz");
        assertThat(FileNames.extension("README")).isEmpty();
        assertThat(FileNames.extension("trailing.")).isEmpty();
        assertThat(FileNames.extension("gpj\u202E.exe")).isEqualTo("exe");
        assertThat(FileNames.hasExtension("archive.TAR.GZ", "tar.gz")).isTrue();
        assertThat(FileNames.hasExtension("archive.tar.gz", ".gz")).isTrue();
        assertThat(FileNames.hasExtension("archive.tgz", "gz")).isFalse();
    }

    @Test
    void knowsHiddenAndSystemFiles() {
        assertThat(FileNames.isHiddenOrSystem(".DS_Store")).isTrue();
        assertThat(FileNames.isHiddenOrSystem(".git")).isTrue();
        assertThat(FileNames.isHiddenOrSystem("Thumbs.db")).isTrue();
        assertThat(FileNames.isHiddenOrSystem("desktop.ini")).isTrue();
        assertThat(FileNames.isHiddenOrSystem("__MACOSX")).isTrue();
        assertThat(FileNames.isHiddenOrSystem("photo.jpg")).isFalse();
    }

    @Test
    void dangerousNamesIncludeDecoysAndTheUsualSuspects() {
        assertThat(DangerousNames.dangerousExtension("invoice.pdf.exe")).isEqualTo("exe");
        assertThat(DangerousNames.innerExtensions("invoice.pdf.exe")).containsExactly("pdf");
        assertThat(DangerousNames.dangerousExtension("evil.EXE.")).isEqualTo("exe");
        for (String ext : new String[] {
            "exe", "dll", "bat", "cmd", "sh", "bash", "ps1", "vbs", "js", "jar", "app", "deb", "rpm", "dmg", "pkg",
            "msi", "scr", "com", "pif", "hta", "msc", "cpl", "jse", "wsf", "vbe", "lnk", "reg", "apk", "msix", "command"
        }) {
            assertThat(DangerousNames.dangerousExtension("x." + ext)).as(ext).isEqualTo(ext);
        }
        assertThat(DangerousNames.dangerousExtension("photo.jpg")).isNull();
        assertThat(DangerousNames.dangerousExtension("archive.exe.zip")).isNull();
    }

    @Test
    void objectKeysSanitizeEverySegmentAndNeverClimbOut() {
        assertThat(ObjectKeys.key("uploads/2024", "photos/a.jpg", true)).isEqualTo("uploads/2024/photos/a.jpg");
        assertThat(ObjectKeys.key("/uploads//", "photos/a.jpg", true)).isEqualTo("uploads/photos/a.jpg");
        assertThat(ObjectKeys.key("", "a/../../b/./c.txt", true)).isEqualTo("a/b/c.txt");
        assertThat(ObjectKeys.key("p", "CON/what?.txt", true)).isEqualTo("p/_CON/what.txt");
        assertThat(ObjectKeys.key("p", "CON/what?.txt", false)).isEqualTo("p/CON/what?.txt");
        assertThat(ObjectKeys.key("..", "..", true)).isEqualTo("file");
        assertThat(ObjectKeys.normalizePrefix("a\\b", true)).isEqualTo("a/b/");
        assertThat(ObjectKeys.normalizePrefix("", true)).isEmpty();
        assertThat(ObjectKeys.key("", "a//b/./c/", true)).isEqualTo("a/b/c");
        assertThat(ObjectKeys.key("", "/a/b", false)).isEqualTo("a/b");
        assertThat(ObjectKeys.key("", "a/..", false)).isEqualTo("a");
        assertThat(ObjectKeys.key("p/", "d000/-x.txt", true)).isEqualTo("p/d000/_-x.txt");
    }

    @Test
    void aPlainPathIsItsOwnKeyWithoutACopy() {
        // a 100,000-file drop keys every file: a path with nothing to change is returned as it is
        String rel = "many/d000/note0.txt";
        assertThat(ObjectKeys.key("", rel, true)).isSameAs(rel);
        assertThat(ObjectKeys.key(null, rel, false)).isSameAs(rel);
        assertThat(ObjectKeys.key("up", rel, true)).isEqualTo("up/" + rel);
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
