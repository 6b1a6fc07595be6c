package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestPaths;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A multipart download's digests fed in order while its parts are written out of order, on several threads, into a
 * real part file (issue 18): the SHA-256 and MD5 are the whole content's; a resumed download's recorded parts are
 * read back; an attempt that fails after its bytes were fed makes the digests unusable (the check reads the file).
 */
class OrderedDigestsTest {
    private static final int PART = 1 << 20;
    private static final int CHUNK = 64 * 1024;

    private final Random random = new Random(18);

    @Test
    void partsWrittenOutOfOrderOnFourThreadsGiveTheWholeContentsDigests() throws Exception {
        byte[] data = bytes(9 * PART + 777);
        Path file = TestPaths.newDir("ordered").resolve("x.obitox-part");
        DownloadDigests digests = new DownloadDigests(facts(data), true);
        try (FileChannel ch = open(file);
                OrderedDigests ordered = new OrderedDigests(digests, ch, data.length, "t").start(List.of())) {
            List<Integer> order = new ArrayList<>(List.of(3, 1, 2, 9, 4, 5, 8, 6, 7, 10));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int n : order) {
                    futures.add(pool.submit(() -> {
                        writePart(ch, ordered, data, n);
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            DownloadDigests fed = ordered.finish(() -> {});

            assertThat(fed).isSameAs(digests);
            assertThat(fed.fed()).isEqualTo(data.length);
            assertThat(hex(fed.sha256.digest()))
                    .isEqualTo(hex(MessageDigest.getInstance("SHA-256").digest(data)));
            assertThat(hex(fed.md5.digest()))
                    .isEqualTo(hex(MessageDigest.getInstance("MD5").digest(data)));
        }
    }

    @Test
    void aResumeReadsTheRecordedPartsBackAndFeedsTheRestAsItArrives() throws Exception {
        byte[] data = bytes(4 * PART);
        Path file = TestPaths.newDir("ordered-resume").resolve("x.obitox-part");
        try (FileChannel ch = open(file)) {
            ch.write(ByteBuffer.wrap(data, 0, PART), 0); // parts 1 and 3 recorded by the killed run
            ch.write(ByteBuffer.wrap(data, 2 * PART, PART), 2L * PART);
            DownloadDigests digests = new DownloadDigests(facts(data), false);
            try (OrderedDigests ordered = new OrderedDigests(digests, ch, data.length, "t")
                    .start(List.of(new long[] {0, PART}, new long[] {2L * PART, 3L * PART}))) {
                writePart(ch, ordered, data, 4);
                writePart(ch, ordered, data, 2);
                DownloadDigests fed = ordered.finish(() -> {});

                assertThat(fed).isNotNull();
                assertThat(hex(fed.sha256.digest()))
                        .isEqualTo(hex(MessageDigest.getInstance("SHA-256").digest(data)));
            }
        }
    }

    @Test
    void anAttemptThatFailsAfterItsBytesWereFedMakesTheDigestsUnusable() throws Exception {
        byte[] data = bytes(2 * PART);
        Path file = TestPaths.newDir("ordered-spoiled").resolve("x.obitox-part");
        try (FileChannel ch = open(file)) {
            DownloadDigests digests = new DownloadDigests(facts(data), false);
            try (OrderedDigests ordered = new OrderedDigests(digests, ch, data.length, "t").start(List.of())) {
                OrderedDigests.Attempt first = ordered.attempt(0);
                ch.write(ByteBuffer.wrap(data, 0, CHUNK), 0);
                first.wrote(data, 0, CHUNK, 0); // at the frontier: fed at once
                first.failed(); // the retry may write other bytes there
                writePart(ch, ordered, data, 1);
                writePart(ch, ordered, data, 2);

                assertThat(ordered.finish(() -> {}))
                        .as("digests of bytes that were written again")
                        .isNull();
            }
        }
    }

    /** Part {@code n} written as RangeGet writes it: chunk by chunk, each chunk told to the attempt. */
    private static void writePart(FileChannel ch, OrderedDigests ordered, byte[] data, int n) throws Exception {
        long start = (long) (n - 1) * PART;
        int end = (int) Math.min(data.length, start + PART);
        OrderedDigests.Attempt a = ordered.attempt(start);
        for (int pos = (int) start; pos < end; pos += CHUNK) {
            int len = Math.min(CHUNK, end - pos);
            ch.write(ByteBuffer.wrap(data, pos, len), pos);
            a.wrote(data, pos, len, pos);
        }
        a.succeeded();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static ObjectFacts facts(byte[] data) throws Exception {
        String md5 = hex(MessageDigest.getInstance("MD5").digest(data));
        String sha = hex(MessageDigest.getInstance("SHA-256").digest(data));
        return new ObjectFacts(data.length, md5, 0, sha, null, null, null, null);
    }

    private static FileChannel open(Path file) throws Exception {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
