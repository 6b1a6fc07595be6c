package io.obitox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.testing.TestPaths;
import io.obitox.transfer.PartPlan;
import io.obitox.transfer.TransferSettings;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LocalEtagTest {
    private final Path dir = TestPaths.newDir("local-etag");

    private Path file(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    /** The multipart ETag worked out the slow, obvious way: MD5 of each slice, MD5 of their concatenation. */
    private static String multipartEtag(byte[] data, int partSize) throws Exception {
        ByteArrayOutputStream md5s = new ByteArrayOutputStream();
        int parts = 0;
        for (int off = 0; off < data.length; off += partSize, parts++) {
            md5s.write(MessageDigest.getInstance("MD5")
                    .digest(Arrays.copyOfRange(data, off, Math.min(data.length, off + partSize))));
        }
        return hex("MD5", md5s.toByteArray()) + "-" + parts;
    }

    @Test
    void singlePutEtagIsTheContentMd5AndShaIsTheContentSha256() throws Exception {
        assertThat(LocalEtag.compute(file("empty", new byte[0]), false, 0).etag())
                .isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        LocalEtag.Digests abc = LocalEtag.compute(file("abc", "abc".getBytes()), false, 0);
        assertThat(abc.etag()).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(abc.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        byte[] big = random(3 * (1 << 20) + 17, 1); // more than one read buffer
        LocalEtag.Digests d = LocalEtag.compute(file("big", big), false, 0);
        assertThat(d.etag()).isEqualTo(hex("MD5", big)).isEqualTo(d.md5());
        assertThat(d.sha256()).isEqualTo(hex("SHA-256", big));
        assertThat(d.size()).isEqualTo(big.length);
        assertThat(d.parts()).isEqualTo(1);
    }

    @Test
    void multipartEtagIsTheMd5OfThePartMd5sWithTheirCount() throws Exception {
        // part sizes below and above the 1 MiB read buffer, and a size that is an exact multiple of the part size
        byte[] data = random(5 * (1 << 20) + 123, 2);
        for (int partSize : new int[] {300_001, 1 << 20, (3 << 20) / 2}) {
            LocalEtag.Digests d = LocalEtag.compute(file("mp", data), true, partSize);
            assertThat(d.etag()).as("part size " + partSize).isEqualTo(multipartEtag(data, partSize));
            assertThat(d.md5()).isEqualTo(hex("MD5", data));
            assertThat(d.sha256()).isEqualTo(hex("SHA-256", data));
        }
        byte[] exact = random(4 << 20, 3);
        LocalEtag.Digests d = LocalEtag.compute(file("exact", exact), true, 1 << 20);
        assertThat(d.etag()).isEqualTo(multipartEtag(exact, 1 << 20)).endsWith("-4");
        assertThat(d.parts()).isEqualTo(4);
    }

    @Test
    void followsTheEnginesPartPlan() throws Exception {
        TransferSettings s = TransferSettings.defaults().withPartSize(5L << 20).withMultipartThreshold(5L << 20);
        byte[] data = random((11 << 20) + 5, 4);
        Path f = file("planned", data);
        PartPlan plan = PartPlan.of(data.length, s);
        assertThat(plan.multipart()).isTrue();
        assertThat(LocalEtag.compute(f, plan).etag())
                .isEqualTo(multipartEtag(data, 5 << 20))
                .endsWith("-3");
        byte[] small = random(1000, 5);
        assertThat(LocalEtag.compute(file("small", small), PartPlan.of(small.length, s))
                        .etag())
                .isEqualTo(hex("MD5", small));
    }

    @Test
    void etagsCompareWithoutQuotesOrCaseAndOnlyMd5ShapesCount() {
        assertThat(LocalEtag.normalize("\"ABCDEF0123456789abcdef0123456789\""))
                .isEqualTo("abcdef0123456789abcdef0123456789");
        assertThat(LocalEtag.normalize(null)).isNull();
        assertThat(LocalEtag.isMd5Shaped("\"d41d8cd98f00b204e9800998ecf8427e\""))
                .isTrue();
        assertThat(LocalEtag.isMd5Shaped("d41d8cd98f00b204e9800998ecf8427e-12")).isTrue();
        assertThat(LocalEtag.isMd5Shaped("d41d8cd98f00b204e9800998ecf8427e-")).isFalse();
        assertThat(LocalEtag.isMd5Shaped("d41d8cd98f00b204e9800998ecf8427z")).isFalse();
        assertThat(LocalEtag.isMd5Shaped("opaque-etag")).isFalse();
    }

    @Test
    void aMissingFileIsReportedInPlainWords() {
        assertThatThrownBy(() -> LocalEtag.compute(dir.resolve("gone"), false, 0))
                .isInstanceOf(ObitoxException.class)
                .extracting(e -> ((ObitoxException) e).code())
                .isEqualTo("FILE_NOT_FOUND");
    }
}
