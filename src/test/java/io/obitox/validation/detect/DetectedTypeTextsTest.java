package io.obitox.validation.detect;

import static io.obitox.validation.Corpus.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.validation.Corpus;
import io.obitox.validation.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The descriptions of detected types: English as the CLI, JSON and logs have always had it ({@code description()}),
 * and a bundle reference a German view renders in German, for every kind of content the detector names.
 */
class DetectedTypeTextsTest {
    private static final Messages GERMAN = Messages.of(Locale.GERMAN);
    private static final Messages ENGLISH = Messages.english();
    private static final ContentDetector DETECTOR = ContentDetectorTest.DETECTOR;
    private static final Pattern KEY = Pattern.compile("\"(detect\\.[A-Za-z0-9.]+)\"");

    /** Content of (nearly) every kind the detector's own code names, from the samples the detection tests use. */
    private static List<byte[]> samples() {
        List<byte[]> s = new ArrayList<>();
        ContentDetectorTest.formats().forEach(a -> s.add((byte[]) a.get()[1]));
        for (boolean wide : new boolean[] {true, false}) {
            s.add(Programs.pe(wide, false));
            s.add(Programs.pe(wide, true));
            for (int type : new int[] {1, 2, 3, 4, 9}) {
                s.add(Programs.elf(wide, true, type));
            }
            for (int type = 0; type < 13; type++) {
                s.add(Programs.machO(wide, !wide, type));
            }
            s.add(Programs.fatMachO(wide));
        }
        Stream.of(
                        Programs.lnk(),
                        Programs.msi(),
                        Programs.deb(),
                        Programs.rpm(),
                        Corpus.jar(),
                        Corpus.apk(),
                        Corpus.msix(),
                        Corpus.javaClass(),
                        Corpus.mimetypePackage("application/vnd.example+zip"),
                        Corpus.isoMedia("XAVC", "XAVC"),
                        utf8("#!/usr/bin/env python3\nprint(1)\n"),
                        new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0},
                        Corpus.random(3000, 1),
                        new byte[0])
                .forEach(s::add);
        return s;
    }

    @Test
    void everyDetectedTypeIsDescribedInEnglishAsBeforeAndInGermanWithoutRawKeys() {
        Set<String> germanSeen = new TreeSet<>();
        for (byte[] content : samples()) {
            DetectedType t = DETECTOR.detect(content);
            assertThat(t.text()).as(t.description()).isNotNull();
            assertThat(ENGLISH.render(t.text())).isEqualTo(t.description());
            String de = GERMAN.render(t.text());
            assertThat(de).as(t.description()).isNotBlank().doesNotContain("detect.", "{", "}", "''");
            germanSeen.add(de);
        }
        assertThat(germanSeen).hasSizeGreaterThan(60);
    }

    /** Every description key the package's code names renders in German with the arguments it is given. */
    @Test
    void everyDescriptionKeyOfThePackageHasAGermanText() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/obitox/validation/detect"))) {
            for (Path f : files.toList()) {
                Matcher m = KEY.matcher(Files.readString(f));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        assertThat(keys).hasSizeGreaterThan(100);
        for (String key : keys) {
            String de = GERMAN.render(DetectedType.ref(key, 2, "X", "Y"));
            assertThat(de).as(key).isNotBlank().doesNotContain("detect.", "''");
            assertThat(GERMAN.bundle().getString(key)).as(key).isNotNull();
        }
    }

    @Test
    void germanDescriptionsAreGermanAndTheirEnglishIsUnchanged() {
        DetectedType pe = DETECTOR.detect(Programs.pe(false, false));
        assertThat(pe.description()).isEqualTo("Windows program (PE32)");
        assertThat(GERMAN.render(pe.text())).isEqualTo("Windows-Programm (PE32)");
        DetectedType png = DETECTOR.detect(Corpus.png());
        assertThat(png.description()).isEqualTo("PNG image");
        assertThat(GERMAN.render(png.text())).isEqualTo("PNG-Bild");
        assertThat(GERMAN.render(DETECTOR.detect(Corpus.pdf()).text())).isEqualTo("PDF-Dokument");
        DetectedType text = DETECTOR.detect(utf8("Hello\n"));
        assertThat(text.description()).isEqualTo("text");
        assertThat(GERMAN.render(text.text())).isEqualTo("Text");

        DetectedType elf = DETECTOR.detect(Programs.elf(true, true, 2));
        assertThat(elf.description()).isEqualTo("ELF 64-bit executable");
        assertThat(GERMAN.render(elf.text())).isEqualTo("ELF-Programm (64 Bit)");
        DetectedType macho = DETECTOR.detect(Programs.machO(true, true, 6));
        assertThat(macho.description()).isEqualTo("Mach-O 64-bit dynamic library (little-endian)");
        assertThat(GERMAN.render(macho.text())).isEqualTo("Mach-O 64 Bit: Dynamische Bibliothek (Little-Endian)");
        DetectedType fat = DETECTOR.detect(Programs.fatMachO(false));
        assertThat(fat.description()).isEqualTo("Mach-O universal binary (2 architectures)");
        assertThat(GERMAN.render(fat.text())).isEqualTo("Mach-O-Universal-Binärdatei (2 Architekturen)");
        DetectedType script = DETECTOR.detect(utf8("#!/bin/sh\necho hi\n"));
        assertThat(script.description()).isEqualTo("script run by sh (#!)");
        assertThat(GERMAN.render(script.text())).isEqualTo("Skript für sh (#!)");
        DetectedType brand = DETECTOR.detect(Corpus.isoMedia("XAVC", "XAVC"));
        assertThat(brand.description()).isEqualTo("ISO media (brand 'XAVC')");
        assertThat(GERMAN.render(brand.text())).isEqualTo("ISO-Mediendatei (Marke „XAVC“)");
        assertThat(DetectedType.UNKNOWN.description()).isEqualTo("unknown binary data");
        assertThat(GERMAN.render(DetectedType.EMPTY.text())).isEqualTo("Leere Datei");
    }

    @Test
    void aFatBinaryOfOneArchitectureIsSingular() {
        byte[] one = Programs.fatMachO(false);
        one[7] = 1;
        DetectedType t = DETECTOR.detect(one);
        assertThat(t.description()).isEqualTo("Mach-O universal binary (1 architecture)");
        assertThat(GERMAN.render(t.text())).isEqualTo("Mach-O-Universal-Binärdatei (1 Architektur)");
    }

    /** A description without arguments is one shared reference, whatever the number of files (the ready list). */
    @Test
    void plainDescriptionsShareOneReference() {
        assertThat(DETECTOR.detect(Corpus.png()).text())
                .isSameAs(DETECTOR.detect(Corpus.png()).text());
    }
}
