package io.obitox.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.testing.TestPaths;
import io.obitox.validation.detect.ContentDetector;
import io.obitox.validation.detect.TypeRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The reasons a file is refused: their English is what the CLI, JSON and webhooks have always said, and each also
 * carries its bundle reference, so a German view shows it in German (no raw keys, no unfilled arguments).
 */
class ValidationTextsTest {
    private static final Messages GERMAN = Messages.of(Locale.GERMAN);
    private static final FileValidator VALIDATOR = new FileValidator(new ContentDetector(new TypeRegistry()));
    private final Path dir = TestPaths.newDir("validation-texts");

    private ValidationIssue check(String name, byte[] content, ValidationPolicy policy) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content);
        ValidationResult r = VALIDATOR.validate(f, policy);
        return r.error() != null ? r.error() : r.warnings().get(0);
    }

    @Test
    void theEnglishOfTheReasonsIsUnchanged() throws IOException {
        assertThat(NameRules.check("setup.exe", ValidationPolicy.ANYTHING_BUT_EXECUTABLES)
                        .orElseThrow()
                        .message())
                .isEqualTo("'.exe' files are programs or scripts; the policy 'Anything but executables' blocks them.");
        assertThat(NameRules.check("invoice.pdf.exe. ", ValidationPolicy.ANYTHING_BUT_EXECUTABLES)
                        .orElseThrow()
                        .message())
                .isEqualTo("The name looks like a .pdf file but ends in .exe, a program or script; the policy"
                        + " 'Anything but executables' blocks them. (Windows ignores the trailing dots or spaces of"
                        + " 'invoice.pdf.exe.'.)");
        byte[] mz = "MZ\u0090\u0000\u0003\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(check("notes.txt", mz, ValidationPolicy.ANYTHING_BUT_EXECUTABLES)
                        .message())
                .isEqualTo("This is a program (DOS/Windows program (MZ)) although the name ends in .txt."
                        + " The policy 'Anything but executables' blocks programs.");
        List<String> many = IntStream.range(0, 11).mapToObj(i -> "e" + i).toList();
        ValidationPolicy custom = new ValidationPolicy("My 'own'", 5L, 0, List.of(), many, true, true, false, false);
        assertThat(NameRules.check("a.zip", custom).orElseThrow().message())
                .isEqualTo("'.zip' files are not allowed by the policy 'My 'own'' (allowed: e0, e1, e2, e3, e4, e5,"
                        + " e6, e7 and 3 more).");
        assertThat(check("big.e1", new byte[6], custom).message())
                .isEqualTo("The file is 6 B; the policy 'My 'own'' allows at most 5 B.");
        assertThat(check("photo.png", Corpus.jpeg(), ValidationPolicy.ANYTHING_BUT_EXECUTABLES)
                        .message())
                .isEqualTo("The name ends in .png (a PNG image) but the content is a JPEG image (image/jpeg)."
                        + " Rename it to .jpg.");
        assertThat(NameRules.check(
                                "x".repeat(300),
                                new ValidationPolicy(
                                        "Strict", null, 0, List.of(), List.of(), true, false, false, false))
                        .orElseThrow()
                        .message())
                .isEqualTo("The name is 300 bytes long; at most 255 bytes (UTF-8) are allowed.");
    }

    @Test
    void inGermanEveryReasonIsGermanWithItsArgumentsFilledIn() throws IOException {
        List<ValidationIssue> issues = new ArrayList<>();
        issues.add(NameRules.check("setup.exe", ValidationPolicy.ANYTHING_BUT_EXECUTABLES)
                .orElseThrow());
        issues.add(NameRules.check("invoice.pdf.exe.", ValidationPolicy.ANYTHING_BUT_EXECUTABLES)
                .orElseThrow());
        issues.add(NameRules.check("a\u202Etxt.exe", ValidationPolicy.ANYTHING_BUT_EXECUTABLES)
                .orElseThrow());
        issues.add(NameRules.check("a.exe.txt", ValidationPolicy.IMAGES).orElseThrow());
        issues.add(NameRules.check("noext", ValidationPolicy.IMAGES).orElseThrow());
        byte[] elf = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0};
        issues.add(check("elf.txt", elf, ValidationPolicy.ANYTHING_BUT_EXECUTABLES));
        issues.add(check("pic.png", Corpus.jpeg(), ValidationPolicy.IMAGES));
        issues.add(check("empty.png", new byte[0], ValidationPolicy.IMAGES));
        issues.add(check("text.png", "just words\n".getBytes(StandardCharsets.UTF_8), ValidationPolicy.IMAGES));
        Files.createDirectories(dir.resolve("folder"));
        issues.add(VALIDATOR
                .validate(dir.resolve("folder"), ValidationPolicy.IMAGES)
                .error());
        issues.add(VALIDATOR
                .validate(dir.resolve("gone.png"), ValidationPolicy.IMAGES)
                .error());

        assertThat(issues).hasSize(11).allSatisfy(i -> {
            assertThat(i.text()).as(i.message()).isNotNull();
            assertThat(i.text().english()).isEqualTo(i.message());
            String de = GERMAN.render(i.text(), i.message());
            assertThat(de)
                    .as(i.message())
                    .isNotEqualTo(i.message())
                    .doesNotContain("val.", "{0", "{1", "''", "policy", "program", "Anything");
        });
        assertThat(GERMAN.render(issues.get(0).text()))
                .isEqualTo(
                        "Dateien mit „.exe“ sind Programme oder Skripte; die Richtlinie „Ohne Programme“ sperrt sie.");
        assertThat(GERMAN.render(issues.get(6).text()))
                .isEqualTo("Der Name endet auf .png (ein PNG-Bild), der Inhalt ist aber ein JPEG-Bild (image/jpeg)."
                        + " Benennen Sie sie in .jpg um.");
    }

    /** The type a reason names is rendered in the reason's language, and the reason's English stays as it was. */
    @Test
    void aGermanReasonNamesTheTypeInGerman() throws IOException {
        ValidationIssue pe = check("setup.txt", Programs.pe(false, false), ValidationPolicy.ANYTHING_BUT_EXECUTABLES);
        assertThat(pe.message())
                .isEqualTo("This is a program (Windows program (PE32)) although the name ends in .txt."
                        + " The policy 'Anything but executables' blocks programs.");
        assertThat(GERMAN.render(pe.text()))
                .isEqualTo("Das ist ein Programm (Windows-Programm (PE32)), obwohl der Name auf .txt endet."
                        + " Die Richtlinie „Ohne Programme“ sperrt Programme.");
        ValidationIssue bare = check("setup", Programs.pe(true, true), ValidationPolicy.ANYTHING_BUT_EXECUTABLES);
        assertThat(bare.message())
                .isEqualTo("This is a program (Windows DLL (PE32+)). The policy 'Anything but executables' blocks"
                        + " programs.");
        assertThat(GERMAN.render(bare.text()))
                .isEqualTo("Das ist ein Programm (Windows-DLL (PE32+)). Die Richtlinie „Ohne Programme“ sperrt"
                        + " Programme.");
        ValidationPolicy photos =
                new ValidationPolicy("Fotos", null, 0, List.of("image/*"), List.of(), true, false, false, false);
        ValidationIssue pdf = check("doc.pdf", Corpus.pdf(), photos);
        assertThat(pdf.message()).startsWith("The content is PDF document (application/pdf); the policy 'Fotos'");
        assertThat(GERMAN.render(pdf.text()))
                .startsWith("Der Inhalt ist vom Typ „PDF-Dokument“ (application/pdf); die Richtlinie „Fotos“")
                .doesNotContain("document");
    }

    /** The Upload view's "Detected type" column renders the verdict's reference, as the CLI keeps the English. */
    @Test
    void aVerdictDescribesItsContentInTheReadersLanguage() throws IOException {
        Path f = dir.resolve("photo.png");
        Files.write(f, Corpus.png());
        ValidationResult r = VALIDATOR.validate(f, ValidationPolicy.IMAGES);
        assertThat(r.description()).isEqualTo("PNG image");
        assertThat(r.description(GERMAN)).isEqualTo("PNG-Bild");
        assertThat(r.withObjectKey("k").description(GERMAN)).isEqualTo("PNG-Bild");
    }
}
