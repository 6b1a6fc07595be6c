package io.obitox.validation;

import static io.obitox.validation.Corpus.utf8;
import static io.obitox.validation.Corpus.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.obitox.testing.TestPaths;
import io.obitox.validation.detect.ContentDetector;
import io.obitox.validation.detect.TypeRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FileValidatorTest {
    static final FileValidator VALIDATOR = new FileValidator(new ContentDetector(new TypeRegistry()));
    static final ValidationPolicy DEFAULT = ValidationPolicy.ANYTHING_BUT_EXECUTABLES;
    Path dir;

    @BeforeEach
    void scratch() {
        dir = TestPaths.newDir("validator");
    }

    private ValidationResult check(String name, byte[] content, ValidationPolicy policy) {
        return VALIDATOR.validate(write(dir, name, content), policy);
    }

    private static ValidationPolicy custom(Long max, long min) {
        return new ValidationPolicy("Custom", max, min, List.of(), List.of(), true, true, false, false);
    }

    @Test
    void acceptsARealPhotoUnderTheImagesPolicy() {
        ValidationResult r = check("holiday.jpg", Corpus.jpeg(), ValidationPolicy.IMAGES);
        assertThat(r.valid()).isTrue();
        assertThat(r.detectedType()).isEqualTo("image/jpeg");
        assertThat(r.sanitizedName()).isEqualTo("holiday.jpg");
        assertThat(r.objectKey()).isEqualTo("holiday.jpg");
        assertThat(r.size()).isEqualTo(Corpus.jpeg().length);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void emptyFilesAreFineUnlessThePolicyHasAMinimumSize() {
        ValidationResult dflt = check("empty.txt", new byte[0], DEFAULT);
        assertThat(dflt.valid()).isTrue();
        assertThat(dflt.detectedType()).isEqualTo("application/x-empty");

        ValidationResult images = check("empty.png", new byte[0], ValidationPolicy.IMAGES);
        assertThat(images.code()).contains(ValidationCode.EMPTY_FILE);
        assertThat(images.error().message()).contains("empty").contains("Images");
        assertThat(images.error().details()).containsEntry("size", 0L).containsEntry("minSize", 1L);
    }

    @Test
    void rejectsFilesAboveTheMaximumSize() {
        ValidationResult r = check("big.bin", new byte[11], custom(10L, 0));
        assertThat(r.code()).contains(ValidationCode.FILE_TOO_LARGE);
        assertThat(r.error().details()).containsEntry("size", 11L).containsEntry("maxSize", 10L);
        assertThat(r.error().message()).contains("11 B").contains("10 B");
        assertThat(check("ok.bin", new byte[10], custom(10L, 0)).valid()).isTrue();
    }

    @Test
    void rejectsFilesBelowTheMinimumSize() {
        ValidationResult r = check("tiny.txt", utf8("abc"), custom(null, 100));
        assertThat(r.code()).contains(ValidationCode.FILE_TOO_SMALL);
        assertThat(r.error().details()).containsEntry("size", 3L).containsEntry("minSize", 100L);
    }

    @Test
    void rejectsProgramExtensionsWithoutReadingTheContent() {
        ValidationResult r = check("setup.exe", utf8("not really a program"), DEFAULT);
        assertThat(r.code()).contains(ValidationCode.DANGEROUS_TYPE);
        assertThat(r.detectedType()).isNull();
        assertThat(r.error().details()).containsEntry("extension", "exe");
    }

    @Test
    void explainsDoubleExtensionsAndTrailingDots() {
        ValidationResult decoy = check("invoice.pdf.exe", Programs.pe(true, false), DEFAULT);
        assertThat(decoy.code()).contains(ValidationCode.DANGEROUS_TYPE);
        assertThat(decoy.error().message()).contains(".pdf").contains(".exe");

        ValidationResult dotted = check("evil.exe.", Programs.pe(true, false), DEFAULT);
        assertThat(dotted.code()).contains(ValidationCode.DANGEROUS_TYPE);
        assertThat(dotted.error().message()).contains("trailing dots");
        assertThat(dotted.sanitizedName()).isEqualTo("evil.exe");
    }

    @Test
    void rejectsNamesWithDirectionOverrides() {
        // displays as "invoiceexe.txt" but is a .txt; the override alone is the deception
        ValidationResult r = check("invoice\u202Etxt.exe.txt", utf8("hello"), DEFAULT);
        assertThat(r.code()).contains(ValidationCode.DANGEROUS_TYPE);
        assertThat(r.error().message()).contains("U+202E");
        assertThat(r.sanitizedName()).isEqualTo("invoicetxt.exe.txt");
    }

    static Stream<Arguments> disguisedPrograms() {
        return Stream.of(
                Arguments.of("photo.jpg", Programs.pe(true, false)),
                Arguments.of("library.png", Programs.pe(false, true)),
                Arguments.of("notes.txt", Programs.elf(true, true, 2)),
                Arguments.of("song.mp3", Programs.machO(true, true, 2)),
                Arguments.of("old.gif", Programs.machO(false, false, 2)),
                Arguments.of("data.dat", Programs.fatMachO(false)),
                Arguments.of("image.png", Corpus.javaClass()),
                Arguments.of("archive.zip", Corpus.jar()),
                Arguments.of("app.zip", Corpus.apk()),
                Arguments.of("README", utf8("#!/bin/bash\nrm -rf ~\n")),
                Arguments.of("report.pdf", Programs.lnk()),
                Arguments.of("data.bin", Programs.msi()),
                Arguments.of("package.tar", Programs.deb()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("disguisedPrograms")
    void rejectsProgramsDisguisedAsOtherFiles(String name, byte[] content) {
        ValidationResult r = check(name, content, DEFAULT);
        assertThat(r.code()).as(name).contains(ValidationCode.DANGEROUS_TYPE);
        assertThat(r.error().message()).contains("program");
        assertThat(r.detectedType()).isNotNull();
    }

    @Test
    void programsPassWhenThePolicyAllowsThem() {
        ValidationPolicy allowPrograms =
                new ValidationPolicy("Builds", null, 0, List.of(), List.of(), false, true, false, false);
        assertThat(check("tool.exe", Programs.pe(true, false), allowPrograms).valid())
                .isTrue();
        assertThat(check("run.sh", utf8("#!/bin/sh\n"), allowPrograms).valid()).isTrue();
    }

    @Test
    void rejectsExtensionsOutsideTheList() {
        ValidationResult r = check("notes.txt", utf8("hello"), ValidationPolicy.IMAGES);
        assertThat(r.code()).contains(ValidationCode.INVALID_EXTENSION);
        assertThat(r.error().details()).containsEntry("extension", "txt");
        assertThat(r.error().message()).contains(".txt").contains("jpg");
        ValidationResult none = check("README", utf8("hello"), ValidationPolicy.DOCUMENTS);
        assertThat(none.error().message()).contains("without an extension");
    }

    @Test
    void rejectsContentOfADisallowedType() {
        ValidationResult r = check("scan.jpg", Corpus.pdf(), ValidationPolicy.IMAGES);
        assertThat(r.code()).contains(ValidationCode.INVALID_MIME_TYPE);
        assertThat(r.detectedType()).isEqualTo("application/pdf");
        assertThat(r.error().details())
                .containsEntry("detectedType", "application/pdf")
                .containsEntry("allowedTypes", List.of("image/*"));
    }

    @Test
    void allowedTypesMatchWildcardsAndParentTypes() {
        ValidationPolicy zips =
                new ValidationPolicy("Zips", null, 0, List.of("application/zip"), List.of(), true, true, false, false);
        assertThat(check("report.docx", Corpus.docx(), zips).valid()).isTrue();
        assertThat(check("report.docx", Corpus.docx(), ValidationPolicy.DOCUMENTS)
                        .valid())
                .isTrue();
        assertThat(check(
                                "sheet.ods",
                                Corpus.mimetypePackage("application/vnd.oasis.opendocument.spreadsheet"),
                                ValidationPolicy.DOCUMENTS)
                        .valid())
                .isTrue();
        assertThat(check("data.csv", utf8("a,b\n1,2\n"), ValidationPolicy.DOCUMENTS)
                        .valid())
                .isTrue();
    }

    @Test
    void aPngThatIsAJpegIsAMismatchRejectedByStrictPoliciesAndAWarningByDefault() {
        ValidationResult strict = check("photo.png", Corpus.jpeg(), ValidationPolicy.IMAGES);
        assertThat(strict.code()).contains(ValidationCode.TYPE_MISMATCH);
        assertThat(strict.error().message()).contains(".png").contains("JPEG").contains("Rename it to .jpg");
        assertThat(strict.error().details()).containsEntry("extensionType", "image/png");

        ValidationResult lenient = check("photo.png", Corpus.jpeg(), DEFAULT);
        assertThat(lenient.valid()).isTrue();
        assertThat(lenient.warnings()).extracting(ValidationIssue::code).containsExactly(ValidationCode.TYPE_MISMATCH);
    }

    @Test
    void relatedFormatsAndUnknownExtensionsAreNoMismatch() {
        assertThat(check("movie.mov", Corpus.isoMedia("isom", "isom"), ValidationPolicy.MEDIA)
                        .warnings())
                .isEmpty();
        assertThat(check("movie.mov", Corpus.isoMedia("isom", "isom"), ValidationPolicy.MEDIA)
                        .valid())
                .isTrue();
        assertThat(check("clip.webm", Corpus.matroska("matroska"), ValidationPolicy.MEDIA)
                        .valid())
                .isTrue();
        assertThat(check("song.m4a", Corpus.isoMedia("isom", "isom"), ValidationPolicy.MEDIA)
                        .valid())
                .isTrue();
        assertThat(check("archive.zip", Corpus.docx(), DEFAULT).warnings()).isEmpty();
        assertThat(check("data.xyz123", Corpus.jpeg(), DEFAULT).warnings()).isEmpty();
    }

    @Test
    void textAndBinaryFormatsContradictEachOther() {
        ValidationResult htmlAsPng = check("avatar.png", utf8("<html><script>alert(1)</script></html>"), DEFAULT);
        assertThat(htmlAsPng.warnings())
                .extracting(ValidationIssue::code)
                .containsExactly(ValidationCode.TYPE_MISMATCH);
        ValidationResult pngAsTxt = check("notes.txt", Corpus.png(), DEFAULT);
        assertThat(pngAsTxt.warnings()).extracting(ValidationIssue::code).containsExactly(ValidationCode.TYPE_MISMATCH);
    }

    @Test
    void theContentTypeFollowsTheNameOnlyWhereItIsCompatibleAndNeverServesDisguisedMarkup() {
        assertThat(check("style.css", utf8("body { color: red }\n"), DEFAULT).contentType())
                .isEqualTo("text/css");
        assertThat(check("photo.jpg", Corpus.jpeg(), DEFAULT).contentType()).isEqualTo("image/jpeg");
        assertThat(check("photo.png", Corpus.jpeg(), DEFAULT).contentType()).isEqualTo("image/jpeg");
        ValidationResult disguised = check("avatar.png", utf8("<html><script>alert(1)</script></html>"), DEFAULT);
        assertThat(disguised.detectedType()).isEqualTo("text/html");
        assertThat(disguised.contentType()).isEqualTo("application/octet-stream");
        assertThat(check("blob.dat", Corpus.random(100, 3), DEFAULT).contentType())
                .isEqualTo("application/octet-stream");
        assertThat(check("empty.txt", new byte[0], DEFAULT).contentType()).isEqualTo("text/plain");
    }

    @Test
    void nameRulesDecideWithoutTouchingTheFile() {
        ValidationPolicy raw = new ValidationPolicy("Raw", null, 0, List.of(), List.of(), true, false, false, false);
        assertThat(NameRules.check("setup.exe", DEFAULT))
                .map(ValidationIssue::code)
                .contains(ValidationCode.DANGEROUS_TYPE);
        assertThat(NameRules.check("notes.txt", ValidationPolicy.IMAGES))
                .map(ValidationIssue::code)
                .contains(ValidationCode.INVALID_EXTENSION);
        assertThat(NameRules.check("x".repeat(300), raw))
                .map(ValidationIssue::code)
                .contains(ValidationCode.NAME_TOO_LONG);
        assertThat(NameRules.check("x".repeat(300), DEFAULT)).isEmpty(); // it will be shortened
        assertThat(NameRules.check("photo.JPG", ValidationPolicy.IMAGES)).isEmpty();
    }

    @Test
    void aFileDeletedAfterItWasChosenIsNotFound() throws IOException {
        Path p = write(dir, "gone.txt", utf8("x"));
        Files.delete(p);
        ValidationResult r = VALIDATOR.validate(p, DEFAULT);
        assertThat(r.code()).contains(ValidationCode.FILE_NOT_FOUND);
        assertThat(r.error().message()).contains("does not exist");
    }

    @Test
    void aLinkToNothingIsNotFound() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("dangling.txt"), dir.resolve("missing-target"));
        ValidationResult r = VALIDATOR.validate(link, DEFAULT);
        assertThat(r.code()).contains(ValidationCode.FILE_NOT_FOUND);
        assertThat(r.error().message()).contains("link");
    }

    @Test
    void pipesDevicesAndFoldersAreNotFiles() throws Exception {
        ValidationResult device = VALIDATOR.validate(Path.of("/dev/null"), DEFAULT);
        assertThat(device.code()).contains(ValidationCode.NOT_A_FILE);
        assertThat(device.error().message()).contains("device");

        ValidationResult folder = VALIDATOR.validate(dir, DEFAULT);
        assertThat(folder.code()).contains(ValidationCode.NOT_A_FILE);
        assertThat(folder.error().message()).contains("folder");

        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");
        ValidationResult pipe = VALIDATOR.validate(fifo, DEFAULT); // must not block: a FIFO is never opened
        assertThat(pipe.code()).contains(ValidationCode.NOT_A_FILE);
        assertThat(pipe.error().message()).contains("named pipe");
    }

    @Test
    void anUnreadableFileIsUnreadable() throws IOException {
        Path p = write(dir, "secret.txt", utf8("x"));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(p)) {
            // root reads every file; a write-only kernel attribute is unreadable even for root
            p = Path.of("/sys/bus/pci/rescan");
            assumeTrue(Files.isRegularFile(p), "a file this user cannot read");
        }
        ValidationResult r = VALIDATOR.validate(p, DEFAULT);
        assertThat(r.code()).contains(ValidationCode.UNREADABLE);
        assertThat(r.error().message()).contains("Permission denied");
    }

    @Test
    void aNameOf300BytesIsTooLong() {
        Path p = dir.resolve("n".repeat(296) + ".txt");
        ValidationResult r = VALIDATOR.validate(p, DEFAULT);
        assertThat(r.code()).contains(ValidationCode.NAME_TOO_LONG);
        assertThat(r.error().message()).contains("300 bytes");
        assertThat(r.sanitizedName()).hasSize(255).endsWith(".txt");

        ValidationPolicy raw = new ValidationPolicy("Raw", null, 0, List.of(), List.of(), true, false, false, false);
        ValidationResult unsanitized = VALIDATOR.validate(p, raw);
        assertThat(unsanitized.code()).contains(ValidationCode.NAME_TOO_LONG);
    }

    @Test
    void aKeyOver1024BytesIsTooLong() {
        Path p = write(dir, "a.txt", utf8("x"));
        ValidationResult r = VALIDATOR.validate(p, "a.txt", ("p".repeat(200) + "/").repeat(6), DEFAULT);
        assertThat(r.code()).contains(ValidationCode.KEY_TOO_LONG);
        assertThat(r.error().details()).containsEntry("maxKeyBytes", 1024);
    }

    @Test
    void theKeyAndNameAreSanitizedUnlessThePolicySaysOtherwise() {
        Path p = write(dir, "report: final?.txt", utf8("x"));
        ValidationResult r = VALIDATOR.validate(p, "Q3/report: final?.txt", "team/", DEFAULT);
        assertThat(r.sanitizedName()).isEqualTo("report final.txt");
        assertThat(r.objectKey()).isEqualTo("team/Q3/report final.txt");
        ValidationPolicy raw = new ValidationPolicy("Raw", null, 0, List.of(), List.of(), true, false, false, false);
        ValidationResult unsanitized = VALIDATOR.validate(p, "Q3/report: final?.txt", "team/", raw);
        assertThat(unsanitized.objectKey()).isEqualTo("team/Q3/report: final?.txt");
    }
}
