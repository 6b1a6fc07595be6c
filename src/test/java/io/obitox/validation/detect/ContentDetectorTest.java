package io.obitox.validation.detect;

import static io.obitox.validation.Corpus.ascii;
import static io.obitox.validation.Corpus.concat;
import static io.obitox.validation.Corpus.head;
import static io.obitox.validation.Corpus.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.obitox.validation.Corpus;
import io.obitox.validation.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContentDetectorTest {
    static final ContentDetector DETECTOR = new ContentDetector(new TypeRegistry());

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("JPEG (ImageIO)", Corpus.jpeg(), "image/jpeg"),
                Arguments.of("PNG (ImageIO)", Corpus.png(), "image/png"),
                Arguments.of("GIF (ImageIO)", Corpus.gif(), "image/gif"),
                Arguments.of("BMP (ImageIO)", Corpus.image("bmp"), "image/bmp"),
                Arguments.of("TIFF (ImageIO)", Corpus.image("tiff"), "image/tiff"),
                Arguments.of("WebP lossless", Corpus.webp(), "image/webp"),
                Arguments.of("WAV is RIFF too", Corpus.wav(), "audio/vnd.wave"),
                Arguments.of("AVI is RIFF too", Corpus.avi(), "video/x-msvideo"),
                Arguments.of("PDF", Corpus.pdf(), "application/pdf"),
                Arguments.of("PDF after blank lines", concat(ascii("\r\n\n"), Corpus.pdf()), "application/pdf"),
                Arguments.of("plain ZIP", Corpus.zip("a.txt", "hello", "b/c.txt", "x"), "application/zip"),
                Arguments.of(
                        "docx",
                        Corpus.docx(),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                Arguments.of(
                        "xlsx", Corpus.xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                Arguments.of(
                        "pptx",
                        Corpus.pptx(),
                        "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
                Arguments.of("odt", Corpus.odt(), "application/vnd.oasis.opendocument.text"),
                Arguments.of("epub", Corpus.epub(), "application/epub+zip"),
                Arguments.of("MP4 isom", Corpus.isoMedia("isom", "isom", "iso2", "avc1", "mp41"), "video/mp4"),
                Arguments.of("MP4 mp41", Corpus.isoMedia("mp41", "mp41"), "video/mp4"),
                Arguments.of("MP4 mp42", Corpus.isoMedia("mp42", "mp42", "isom"), "video/mp4"),
                Arguments.of("MP4 avc1", Corpus.isoMedia("avc1", "avc1", "isom"), "video/mp4"),
                Arguments.of("MP4 unknown brand", Corpus.isoMedia("XAVC", "XAVC", "mp42"), "video/mp4"),
                Arguments.of("M4V", Corpus.isoMedia("M4V ", "M4V ", "M4A ", "mp42", "isom"), "video/x-m4v"),
                Arguments.of("M4A", Corpus.isoMedia("M4A ", "M4A ", "mp42", "isom"), "audio/mp4"),
                Arguments.of("QuickTime", Corpus.isoMedia("qt  ", "qt  "), "video/quicktime"),
                Arguments.of("QuickTime without ftyp", Corpus.legacyQuickTime(), "video/quicktime"),
                Arguments.of("3GP", Corpus.isoMedia("3gp4", "3gp4", "isom"), "video/3gpp"),
                Arguments.of("HEIC (mif1 major)", Corpus.isoMedia("mif1", "mif1", "heic"), "image/heic"),
                Arguments.of("AVIF", Corpus.isoMedia("avif", "avif", "mif1", "miaf"), "image/avif"),
                Arguments.of("WebM", Corpus.matroska("webm"), "video/webm"),
                Arguments.of("Matroska", Corpus.matroska("matroska"), "video/x-matroska"),
                Arguments.of("MP3 with ID3", Corpus.mp3WithId3(), "audio/mpeg"),
                Arguments.of("MP3 bare frames", Corpus.mp3Frames(4), "audio/mpeg"),
                Arguments.of("text", utf8("Hello, world.\nSecond line é.\n"), "text/plain"),
                Arguments.of("HTML", utf8("<!DOCTYPE html>\n<html><body>x</body></html>\n"), "text/html"),
                Arguments.of("XML", utf8("<?xml version=\"1.0\"?>\n<root><a/></root>\n"), "application/xml"),
                Arguments.of(
                        "SVG",
                        utf8("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
                        "image/svg+xml"),
                Arguments.of("JSON", utf8("{\"a\": [1, 2, 3]}\n"), "application/json"),
                Arguments.of("CSV", utf8("id,name,amount\n1,alpha,3.50\n2,beta,4\n"), "text/csv"),
                Arguments.of("gzip", gzip(), "application/gzip"),
                Arguments.of("ISO 9660", iso9660(), "application/x-iso9660-image"),
                Arguments.of(
                        "FLV (left to Tika)",
                        concat(ascii("FLV"), new byte[] {1, 5, 0, 0, 0, 9}, new byte[64]),
                        "video/x-flv"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void detectsFormatsByContent(String label, byte[] content, String expected) {
        DetectedType t = DETECTOR.detect(content);
        assertThat(t.mediaType()).as(label).isEqualTo(expected);
        assertThat(t.executable()).as(label + " is not a program").isFalse();
    }

    static Stream<Arguments> programs() {
        return Stream.of(
                Arguments.of("PE32+ program", Programs.pe(true, false), "application/x-msdownload", "PE32+"),
                Arguments.of("PE32 DLL", Programs.pe(false, true), "application/x-msdownload", "DLL"),
                Arguments.of("DOS stub only", head(Programs.pe(true, false), 64), "application/x-dosexec", "MZ"),
                Arguments.of("ELF 64 LE executable", Programs.elf(true, true, 2), "application/x-executable", "64-bit"),
                Arguments.of(
                        "ELF 32 BE executable", Programs.elf(false, false, 2), "application/x-executable", "32-bit"),
                Arguments.of("ELF shared object", Programs.elf(true, true, 3), "application/x-sharedlib", "shared"),
                Arguments.of("ELF object", Programs.elf(true, false, 1), "application/x-object", "relocatable"),
                Arguments.of(
                        "Mach-O 32 BE", Programs.machO(false, false, 2), "application/x-mach-o-executable", "32-bit"),
                Arguments.of(
                        "Mach-O 32 LE", Programs.machO(false, true, 2), "application/x-mach-o-executable", "little"),
                Arguments.of("Mach-O 64 BE", Programs.machO(true, false, 2), "application/x-mach-o-executable", "big"),
                Arguments.of(
                        "Mach-O 64 LE", Programs.machO(true, true, 2), "application/x-mach-o-executable", "64-bit"),
                Arguments.of("Mach-O dylib", Programs.machO(true, true, 6), "application/x-mach-o-dylib", "library"),
                Arguments.of("Mach-O fat", Programs.fatMachO(false), "application/x-mach-o-universal", "2 arch"),
                Arguments.of("Mach-O fat64", Programs.fatMachO(true), "application/x-mach-o-universal", "universal"),
                Arguments.of("Java class", Corpus.javaClass(), "application/java-vm", "class"),
                Arguments.of("JAR", Corpus.jar(), "application/java-archive", "JAR"),
                Arguments.of("APK", Corpus.apk(), "application/vnd.android.package-archive", "APK"),
                Arguments.of("MSIX", Corpus.msix(), "application/vnd.ms-appx", "MSIX"),
                Arguments.of("sh script", utf8("#!/bin/sh\necho hi\n"), "application/x-sh", "sh"),
                Arguments.of("env python", utf8("#!/usr/bin/env python3\nprint(1)\n"), "text/x-python", "python3"),
                Arguments.of("perl with space", utf8("#! /usr/bin/perl -w\nprint 1;\n"), "text/x-perl", "perl"),
                Arguments.of("Windows shortcut", Programs.lnk(), "application/x-ms-shortcut", "shortcut"),
                Arguments.of("MSI", Programs.msi(), "application/x-ms-installer", "MSI"),
                Arguments.of("Debian package", Programs.deb(), "application/x-debian-package", "Debian"),
                Arguments.of("RPM package", Programs.rpm(), "application/x-rpm", "RPM"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void recognisesProgramsByContent(String label, byte[] content, String type, String describedAs) {
        DetectedType t = DETECTOR.detect(content);
        assertThat(t.executable()).as(label).isTrue();
        assertThat(t.mediaType()).as(label).isEqualTo(type);
        assertThat(t.description()).as(label).containsIgnoringCase(describedAs);
    }

    @Test
    void recognisesTheRealJavaLauncherAsElf() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assumeTrue(Files.isRegularFile(java) && System.getProperty("os.name").startsWith("Linux"));
        DetectedType t = detectFile(java);
        assertThat(t.executable()).isTrue();
        assertThat(t.mediaType()).isIn("application/x-executable", "application/x-sharedlib");
    }

    @Test
    void findsOfficeTypesInTheCentralDirectoryWhenContentTypesIsTheLastEntry() {
        byte[] docx = Corpus.docxContentTypesLast(200_000);
        // the first local entry is 200 KB of media: no head window sees [Content_Types].xml
        assertThat(new String(head(docx, 70_000), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("[Content_Types].xml");
        assertThat(DETECTOR.detect(docx).mediaType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    @Test
    void readsOnlyTheHeadAndTheZipTail() throws IOException {
        CountingSource docx = new CountingSource(Corpus.docxContentTypesLast(1_000_000));
        DETECTOR.detect(docx);
        assertThat(docx.bytesRead).isLessThan(ContentDetector.HEAD + 1024 + 4096);

        CountingSource bigJpeg = new CountingSource(concat(Corpus.jpeg(), new byte[5_000_000]));
        assertThat(DETECTOR.detect(bigJpeg).mediaType()).isEqualTo("image/jpeg");
        assertThat(bigJpeg.bytesRead).isEqualTo(ContentDetector.HEAD);
    }

    @Test
    void tellsLegacyOfficeFilesApartByClassIdOrStreamName() {
        assertThat(DETECTOR.detect(Programs.ole(Programs.WORD_CLSID)).mediaType())
                .isEqualTo("application/msword");
        assertThat(DETECTOR.detect(Programs.ole("00000000-0000-0000-0000-000000000000", "Workbook"))
                        .mediaType())
                .isEqualTo("application/vnd.ms-excel");
        DetectedType unknownOle = DETECTOR.detect(Programs.ole("00000000-0000-0000-0000-000000000000", "Data"));
        assertThat(unknownOle.mediaType()).isEqualTo("application/x-tika-msoffice");
        assertThat(unknownOle.executable()).isFalse();
    }

    @Test
    void webpWavAndAviAreToldApartByTheRiffFormTag() {
        byte[] webpWithWaveSize = Corpus.webp();
        assertThat(DETECTOR.detect(webpWithWaveSize).mediaType()).isEqualTo("image/webp");
        assertThat(DETECTOR.detect(Corpus.wav()).mediaType()).isEqualTo("audio/vnd.wave");
    }

    @Test
    void truncatedFilesGetTheBestTypeTheirHeadAllows() {
        assertThat(DETECTOR.detect(head(Corpus.jpeg(), 3)).mediaType()).isEqualTo("image/jpeg");
        assertThat(DETECTOR.detect(head(Corpus.isoMedia("isom"), 12)).mediaType())
                .isEqualTo("video/mp4");
        assertThat(DETECTOR.detect(head(Corpus.zip("a.txt", "hello"), 40)).mediaType())
                .isEqualTo("application/zip");
        // an Office file cut before its central directory: the first entry still says OOXML
        assertThat(DETECTOR.detect(head(Corpus.docx(), 300)).mediaType()).isEqualTo("application/x-tika-ooxml");
        // a PE cut inside its header is still a program
        assertThat(DETECTOR.detect(head(Programs.pe(true, false), 0x90)).executable())
                .isTrue();
        assertThat(DETECTOR.detect(head(Corpus.mp3Frames(2), 200)).mediaType()).isEqualTo("audio/mpeg");
    }

    @Test
    void emptyContentIsEmpty() {
        assertThat(DETECTOR.detect(new byte[0])).isEqualTo(DetectedType.EMPTY);
    }

    @Test
    void detectionIgnoresTheNameAndTheContentTypeAddsOnlyWhatIsCompatible() {
        DetectedType text = DETECTOR.detect(utf8("body { color: red; }\n"));
        assertThat(text.mediaType()).isEqualTo("text/plain");
        assertThat(DETECTOR.contentTypeFor(text, "site.css")).isEqualTo("text/css");
        assertThat(DETECTOR.contentTypeFor(text, "photo.png")).isEqualTo("text/plain");
        DetectedType xml = DETECTOR.detect(utf8("<?xml version=\"1.0\"?><doc/>"));
        assertThat(DETECTOR.contentTypeFor(xml, "drawing.svg")).isEqualTo("image/svg+xml");
        assertThat(DETECTOR.contentTypeFor(text, "report#1 (final).css")).isEqualTo("text/css");
        assertThat(DETECTOR.contentTypeFor(text, "a:b?.css")).isEqualTo("text/css");
        assertThat(DETECTOR.contentTypeFor(text, "100%.css")).isEqualTo("text/css");
        // never the other way: unknown bytes named .png stay unknown
        DetectedType unknown = DETECTOR.detect(Corpus.random(3000, 1));
        assertThat(unknown.mediaType()).isEqualTo("application/octet-stream");
        assertThat(DETECTOR.contentTypeFor(unknown, "photo.png")).isEqualTo("application/octet-stream");
        // and text named .exe is not a program by content (the name check catches .exe)
        assertThat(DETECTOR.detect(utf8("just text\n")).executable()).isFalse();
    }

    @Test
    void recognisesCsvByItsColumns() {
        assertThat(DETECTOR.detect(utf8("id;name;amount\n1;alpha;3\n2;beta;4\n"))
                        .mediaType())
                .isEqualTo("text/csv");
        assertThat(DETECTOR.detect(utf8("a\tb\n1\t2\n3\t4\n")).mediaType()).isEqualTo("text/csv");
        assertThat(DETECTOR.detect(utf8("\"quoted, comma\",2\n3,4\n5,6\n")).mediaType())
                .isEqualTo("text/csv");
        assertThat(DETECTOR.detect(utf8("Dear Sir, hello.\nYours, me.\n")).mediaType())
                .isEqualTo("text/plain");
        assertThat(DETECTOR.detect(utf8("a,b\n1,2,3\n")).mediaType()).isEqualTo("text/plain");
    }

    @Test
    void textStartingWithMzIsNotAProgram() {
        DetectedType t = DETECTOR.detect(utf8("MZ is the start of a DOS program, says the manual.\n"));
        assertThat(t.executable()).isFalse();
        assertThat(t.mediaType()).isEqualTo("text/plain");
    }

    @Test
    void refusesToOpenAnythingButARegularFile() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DETECTOR.detect(Path.of("/dev/null")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Not a regular file");
    }

    private static DetectedType detectFile(Path p) {
        try {
            return DETECTOR.detect(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] gzip() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(utf8("hello hello hello"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] iso9660() {
        byte[] iso = new byte[40_000];
        System.arraycopy(ascii("\u0001CD001\u0001"), 0, iso, 32_768, 7);
        return iso;
    }

    /** A source that counts the bytes the detector reads. */
    private static final class CountingSource implements Source {
        private final Source inner;
        long bytesRead;

        CountingSource(byte[] data) {
            this.inner = Source.of(data);
        }

        @Override
        public long size() {
            return inner.size();
        }

        @Override
        public int read(long position, byte[] dst, int off, int len) throws IOException {
            int n = inner.read(position, dst, off, len);
            bytesRead += n;
            return n;
        }
    }
}
