package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Proves a finished download (issue 18) before it is renamed into place: the size first, then every content proof
 * the object offers ({@link DownloadDigests}): its ETag where that is the MD5 of the content, the {@code
 * x-amz-meta-sha256} ObitoX (and others) write, a full-object CRC32C / CRC64NVME. Digests computed while a
 * whole-object GET streamed in are used as they are; otherwise the file is read once. An object with none of these
 * but a multipart ETag ({@code md5-N}) is proven by the MD5 of its parts' MD5s, computed over the file with the
 * part layout the server gives for {@code HEAD ?partNumber=} (part 1's size and the parts count; every part's size
 * when the layout is not uniform, up to {@value #MAX_PART_HEADS} parts); where the server gives none, the usual
 * uniform layouts are tried; when none gives the ETag the size is the only proof, and the result says so. A difference fails with {@code DOWNLOAD_CORRUPT}. Runs on the
 * job's coordinator; stops within a read when the job is stopped.
 */
final class DownloadCheck {
    /** The most parts whose sizes are asked one HEAD each when part 1's size does not explain the object. */
    static final int MAX_PART_HEADS = 1_000;
    /** The most layouts tried without the server's: each costs one read of the file. */
    static final int MAX_GUESSES = 3;

    private final JobContext job;
    private final Path file;
    private final ObjectFacts facts;

    DownloadCheck(JobContext job, Path file, ObjectFacts facts) {
        this.job = job;
        this.file = file;
        this.facts = facts;
    }

    /**
     * Returns what proved the file, in plain words ("size + MD5 = ETag + SHA-256 metadata").
     *
     * @param streamed digests fed with the whole object while it arrived, or null: the file is read for them
     */
    String verify(DownloadDigests streamed) {
        long size = facts.size();
        long actual;
        try {
            actual = Files.size(file);
        } catch (IOException e) {
            throw DownloadFiles.localWrite(file, e);
        }
        if (actual != size) {
            throw corrupt("it has " + actual + " bytes instead of " + size);
        }
        DownloadDigests d = streamed != null && streamed.fed() == size
                ? streamed
                : new DownloadDigests(facts, job.provider.etagIsMd5(false));
        if (!d.any()) {
            int parts = facts.multipartEtagParts();
            return parts > 0 ? partsProof(parts) : "size only (the object carries no checksum to compare)";
        }
        if (d != streamed && size > 0) {
            SourceFile.read(file, 0, size, b -> {
                job.checkStop();
                d.update(b);
            });
        }
        List<String> proofs = new ArrayList<>();
        proofs.add("size");
        if (d.md5 != null) {
            if (!SourceFile.hex(d.md5.digest()).equals(facts.etag().toLowerCase(Locale.ROOT))) {
                throw corrupt("its MD5 differs from the object's ETag");
            }
            proofs.add("MD5 = ETag");
        }
        if (d.sha256 != null) {
            if (!SourceFile.hex(d.sha256.digest()).equals(facts.sha256())) {
                throw corrupt("its SHA-256 differs from the object's x-amz-meta-sha256");
            }
            proofs.add("SHA-256 metadata");
        }
        if (d.crc != null) {
            if (d.crc.getValue() != d.expectedCrc) {
                throw corrupt("its " + d.full.name() + " differs from the object's full-object checksum");
            }
            proofs.add("full-object " + d.full.name());
        }
        return String.join(" + ", proofs);
    }

    /**
     * The multipart ETag's proof: the MD5 of the parts' MD5s with the layout the server gives; where it gives none
     * (Ceph RGW 16 ignores {@code partNumber} on HEAD and GET), with the few uniform layouts of whole MiB that make
     * exactly that many parts, the usual part sizes first (a match cannot happen by chance, so it proves the content;
     * no match is not a failure, the layout may be another); else size only.
     */
    private String partsProof(int parts) {
        String expected = facts.etag().toLowerCase(Locale.ROOT);
        HeadObjectResponse first = headPart(1);
        if (first == null || first.partsCount() == null || first.partsCount() != parts) {
            for (long p : guessedPartSizes(facts.size(), parts)) {
                if (md5OfParts(uniform(p, parts)).equals(expected)) {
                    return "size + MD5 of " + parts + " parts = ETag (" + (p >> 20) + " MiB parts)";
                }
            }
            return "size only (the server did not give the object's part layout and no usual part size gives its"
                    + " multipart ETag)";
        }
        long[] layout = uniformLayout(first, parts);
        boolean exact = false;
        if (layout == null && parts <= MAX_PART_HEADS) {
            layout = exactLayout(parts);
            exact = true;
        }
        if (layout == null) {
            return "size only (the object's part layout could not be learnt, so its multipart ETag could not be"
                    + " checked)";
        }
        String got = md5OfParts(layout);
        if (!got.equals(expected) && !exact && parts <= MAX_PART_HEADS) {
            long[] real = exactLayout(parts); // part 1's size does not always describe the others
            if (real != null && !java.util.Arrays.equals(real, layout)) {
                got = md5OfParts(real);
            }
        }
        if (got.equals(expected)) {
            return "size + MD5 of " + parts + " parts = ETag";
        }
        if (job.provider.etagIsMd5(true)) {
            throw corrupt("the MD5 of its " + parts + " parts' MD5s differs from the object's ETag");
        }
        return "size only (the multipart ETag is not the MD5 of the parts' MD5s on this server)";
    }

    /**
     * Part sizes of whole MiB that cut {@code size} into exactly {@code parts} parts: the sizes common uploaders use
     * (ObitoX and rclone's defaults, the aws CLI's 8 MiB, 5 MiB, 32/64/100 MiB) first, then the smallest such size;
     * at most {@value #MAX_GUESSES}.
     */
    static List<Long> guessedPartSizes(long size, int parts) {
        List<Long> out = new ArrayList<>();
        long mib = 1L << 20;
        for (long m : new long[] {16, 8, 5, 32, 64, 100, 15, 10, 25, 50, 128, 256, 512}) {
            if (cuts(size, parts, m * mib)) {
                out.add(m * mib);
            }
        }
        long smallest = ((size + parts - 1) / parts + mib - 1) / mib * mib;
        if (cuts(size, parts, smallest) && !out.contains(smallest)) {
            out.add(smallest);
        }
        return out.subList(0, Math.min(MAX_GUESSES, out.size()));
    }

    private static boolean cuts(long size, int parts, long p) {
        return p > 0 && (size + p - 1) / p == parts && (parts == 1 || size > (parts - 1) * p);
    }

    private long[] uniform(long p, int parts) {
        long[] layout = new long[parts];
        java.util.Arrays.fill(layout, p);
        layout[parts - 1] = facts.size() - (parts - 1) * p;
        return layout;
    }

    /** Part 1's size for every part but the last, when that adds up; null when the server gives no layout. */
    private long[] uniformLayout(HeadObjectResponse first, int parts) {
        long p = first.contentLength();
        long last = facts.size() - (parts - 1) * p;
        if (p <= 0 || last <= 0 || last > p) {
            return null;
        }
        long[] layout = new long[parts];
        java.util.Arrays.fill(layout, p);
        layout[parts - 1] = last;
        return layout;
    }

    /** Every part's size, one HEAD each; null when any is missing or they do not add up to the object. */
    private long[] exactLayout(int parts) {
        long[] layout = new long[parts];
        long sum = 0;
        for (int n = 1; n <= parts; n++) {
            HeadObjectResponse h = headPart(n);
            if (h == null || h.partsCount() == null || h.partsCount() != parts || h.contentLength() == null) {
                return null;
            }
            layout[n - 1] = h.contentLength();
            sum += layout[n - 1];
        }
        return sum == facts.size() ? layout : null;
    }

    /** {@code HEAD ?partNumber=n} of the object as it was fetched ({@code If-Match}); null when refused. */
    private HeadObjectResponse headPart(int n) {
        try {
            return job.withRetry(
                    "read the object's part layout",
                    () -> job.s3.headObject(job.headers()
                            .head(software.amazon.awssdk.services.s3.model.HeadObjectRequest.builder()
                                    .bucket(job.transfer.bucket())
                                    .key(job.transfer.key())
                                    .ifMatch("\"" + facts.etag() + "\"")
                                    .partNumber(n))
                            .build()));
        } catch (ObitoxException e) {
            if (e.getCause() instanceof software.amazon.awssdk.services.s3.model.S3Exception s3
                    && s3.statusCode() == 412) {
                throw new UploadJob.SourceChanged("'" + job.transfer.key() + "' was replaced on the server.");
            }
            return null; // a server without part numbers on HEAD: no layout
        }
    }

    /** The multipart ETag the file would have with {@code layout}: hex MD5 of the parts' MD5s, {@code -N}. */
    private String md5OfParts(long[] layout) {
        MessageDigest all = SourceFile.md5();
        long offset = 0;
        for (long length : layout) {
            MessageDigest part = SourceFile.md5();
            SourceFile.read(file, offset, length, b -> {
                job.checkStop();
                part.update(b);
            });
            all.update(part.digest());
            offset += length;
        }
        return SourceFile.hex(all.digest()) + "-" + layout.length;
    }

    private ObitoxException corrupt(String why) {
        return new ObitoxException(
                "DOWNLOAD_CORRUPT",
                "'" + job.transfer.key() + "' arrived damaged: " + why + ". The partial file was discarded.",
                "Retry the download; if it happens again, the object or the connection to the server is at fault.");
    }
}
