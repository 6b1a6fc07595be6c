package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/** CRC-64/NVME's check value, and the combination of part CRCs into the whole content's (what Complete carries). */
class FullObjectChecksumTest {
    @Test
    void crc64NvmeHasItsCheckValue() {
        Crc64Nvme c = new Crc64Nvme();
        c.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertThat(c.getValue()).isEqualTo(0xae8b14860a799888L);
        c.reset();
        assertThat(c.getValue()).isZero(); // the empty string
        // byte at a time and sliced give the same
        byte[] data = new byte[1031];
        new Random(3).nextBytes(data);
        Crc64Nvme a = new Crc64Nvme();
        a.update(data, 0, data.length);
        Crc64Nvme b = new Crc64Nvme();
        for (byte x : data) {
            b.update(x);
        }
        assertThat(a.getValue()).isEqualTo(b.getValue());
    }

    @Test
    void encodedAsS3SendsIt() {
        // the AWS documentation's example for "Hello world": CRC32C is "crUfeA=="
        FullObjectChecksum c = new FullObjectChecksum(ChecksumAlgorithm.CRC32_C);
        byte[] hello = "Hello world".getBytes(StandardCharsets.US_ASCII);
        assertThat(c.encode(c.of(hello, 0, hello.length))).isEqualTo("crUfeA==");
        assertThat(c.decode("crUfeA==")).isEqualTo(c.of(hello, 0, hello.length));
        assertThat(c.decode("not base64!")).isNull();
        assertThat(c.decode("AAAAAAAAAAA=")).as("8 bytes are not a CRC32C").isNull();
    }

    @ParameterizedTest
    @EnumSource(
            value = ChecksumAlgorithm.class,
            names = {"CRC32_C", "CRC64_NVME"})
    void partCrcsCombineIntoTheWholeContentsCrc(ChecksumAlgorithm algorithm) {
        FullObjectChecksum c = new FullObjectChecksum(algorithm);
        Random r = new Random(11);
        for (int round = 0; round < 20; round++) {
            int parts = 1 + r.nextInt(5);
            int partSize = 1 + r.nextInt(5000);
            int last = 1 + r.nextInt(partSize);
            int total = partSize * (parts - 1) + last;
            byte[] data = new byte[total];
            r.nextBytes(data);
            PartPlan plan = new PartPlan(true, partSize, parts, total);
            FullObjectChecksum sum = new FullObjectChecksum(algorithm);
            for (int n = 1; n <= parts; n++) {
                sum.part(n, c.of(data, (int) plan.offset(n), (int) plan.length(n)));
            }
            assertThat(sum.whole(plan)).isEqualTo(c.of(data, 0, total));
        }
        if (algorithm == ChecksumAlgorithm.CRC32_C) {
            CRC32C jdk = new CRC32C();
            jdk.update(new byte[] {1, 2, 3});
            assertThat(c.of(new byte[] {1, 2, 3}, 0, 3)).isEqualTo(jdk.getValue());
        }
    }

    @Test
    void combiningAcrossGigabytesUsesTheLengthOnly() {
        // CRC(A || zeros(n)) two ways: combined with CRC(zeros(n)) vs. fed byte by byte, for n past 2^32 bits
        FullObjectChecksum c = new FullObjectChecksum(ChecksumAlgorithm.CRC64_NVME);
        byte[] a = {5, 6, 7};
        long zeros = 600L << 20;
        Crc64Nvme z = new Crc64Nvme();
        byte[] block = new byte[1 << 20];
        for (int i = 0; i < 600; i++) {
            z.update(block, 0, block.length);
        }
        Crc64Nvme all = new Crc64Nvme();
        all.update(a, 0, 3);
        for (int i = 0; i < 600; i++) {
            all.update(block, 0, block.length);
        }
        assertThat(c.combine(c.of(a, 0, 3), z.getValue(), zeros)).isEqualTo(all.getValue());
    }
}
