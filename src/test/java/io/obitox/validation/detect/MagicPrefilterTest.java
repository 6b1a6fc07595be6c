package io.obitox.validation.detect;

import static io.obitox.validation.Corpus.ascii;
import static io.obitox.validation.Corpus.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.validation.Corpus;
import io.obitox.validation.Programs;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The prefilter must never hide a type Tika would find; it must skip Tika for data no rule matches. */
class MagicPrefilterTest {
    static final TypeRegistry REGISTRY = new TypeRegistry();

    @Test
    void readsTikasRules() {
        assertThat(REGISTRY.prefilter()).isNotNull();
        assertThat(REGISTRY.prefilter().ruleCount()).isGreaterThan(800);
    }

    @Test
    void neverHidesATypeTikaWouldFind() {
        List<byte[]> samples = new ArrayList<>(knownToTika());
        samples.addAll(List.of(
                Corpus.jpeg(),
                Corpus.png(),
                Corpus.pdf(),
                Corpus.docx(),
                Programs.msi(),
                Programs.pe(true, false),
                Programs.elf(true, true, 2),
                Corpus.wav(),
                Corpus.mp3Frames(3),
                Programs.lnk(),
                Corpus.javaClass()));
        Random random = new Random(42);
        for (int i = 0; i < 1200; i++) {
            byte[] b = new byte[1 + random.nextInt(i < 600 ? 64 : 8192)];
            random.nextBytes(b);
            if (i % 3 == 0) {
                b[0] = 0; // binary that begins like many headers do
            }
            if (i % 5 == 0) {
                for (int k = 0; k < b.length; k++) {
                    b[k] = b[k] == 0 ? 1 : b[k]; // no NUL, but control characters: binary all the same
                }
            }
            samples.add(b);
        }
        int skipped = 0;
        for (byte[] s : samples) {
            int n = Math.min(s.length, ContentDetector.HEAD);
            if (TextSniffer.looksLikeText(s, n)) {
                continue; // text never reaches Tika: our text check runs first
            }
            if (!REGISTRY.prefilter().mayMatch(s, n)) {
                skipped++;
                assertThat(REGISTRY.tikaMagic(s, n).mediaType())
                        .as("Tika finds a type the prefilter ruled out: %s", hex(s))
                        .isEqualTo("application/octet-stream");
            }
        }
        assertThat(skipped).as("random data skips Tika").isGreaterThan(700);
    }

    @Test
    void letsTikaSeeEverythingItKnows() {
        for (byte[] s : knownToTika()) {
            int n = Math.min(s.length, ContentDetector.HEAD);
            assertThat(REGISTRY.prefilter().mayMatch(s, n)).as(hex(s)).isTrue();
            assertThat(REGISTRY.magic(s, n).mediaType())
                    .isEqualTo(REGISTRY.tikaMagic(s, n).mediaType());
            assertThat(REGISTRY.magic(s, n).mediaType()).isNotEqualTo("application/octet-stream");
        }
    }

    /** Formats our own signatures leave to Tika: offsets 0, 4, 128 and 1080, masks, ranges and regexes. */
    private static List<byte[]> knownToTika() {
        byte[] dicom = new byte[300];
        System.arraycopy(ascii("DICM"), 0, dicom, 128, 4);
        byte[] mod = new byte[1200];
        System.arraycopy(ascii("M.K."), 0, mod, 1080, 4);
        return List.of(
                concat(ascii("FLV"), new byte[] {1, 5, 0, 0, 0, 9}, new byte[32]),
                concat(ascii("MThd"), new byte[] {0, 0, 0, 6, 0, 1, 0, 2, 1, (byte) 0xE0}),
                concat(new byte[] {0, 0, 1, (byte) 0xBA}, new byte[32]),
                concat(ascii("8BPS"), new byte[] {0, 1}, new byte[26]),
                concat(ascii("BZh91AY&SY"), new byte[32]),
                concat(new byte[] {0x30, 0x26, (byte) 0xB2, 0x75, (byte) 0x8E, 0x66, (byte) 0xCF, 0x11}, new byte[64]),
                concat(ascii("\r\n%AI5_FileFormat 3\r\n"), new byte[] {0, 1, 2}),
                dicom,
                mod,
                concat(ascii("P4\n1 1\n"), new byte[] {0}));
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(16, b.length); i++) {
            sb.append(String.format("%02x", b[i]));
        }
        return sb + " (" + b.length + " bytes)";
    }
}
