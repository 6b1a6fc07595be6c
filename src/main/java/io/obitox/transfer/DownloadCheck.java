package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Checksum;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Proves a finished download (issue 18) before it is renamed into place: the size first, then, in one read of the
 * file, every content proof the object offers: its ETag where that is the MD5 of the content (a single-part object
 * on a provider that makes it so, not SSE-KMS or SSE-C), the {@code x-amz-meta-sha256} ObitoX (and others) write,
 * and a full-object CRC32C / CRC64NVME the server returns. A difference fails with {@code DOWNLOAD_CORRUPT}; an
 * object that offers none is proven by its size only, and says so. Runs on the job's coordinator; stops within a
 * read when the job is stopped.
 */
final class DownloadCheck {
    private final JobContext job;
    private final Path file;
    private final long size;
    private final String etag;
    private final HeadObjectResponse head;

    DownloadCheck(JobContext job, Path file, long size, String etag, HeadObjectResponse head) {
        this.job = job;
        this.file = file;
        this.size = size;
        this.etag = etag;
        this.head = head;
    }

    /** Returns what proved the file, in plain words ("size + MD5 = ETag + SHA-256 metadata"). */
    String verify() {
        long actual;
        try {
            actual = Files.size(file);
        } catch (IOException e) {
            throw DownloadFiles.localWrite(file, e);
        }
        if (actual != size) {
            throw corrupt("it has " + actual + " bytes instead of " + size);
        }
        MessageDigest md5 = etagIsMd5() ? SourceFile.md5() : null;
        String sha256 = hex64(JobContext.metadata(head, JobContext.SHA256_METADATA));
        MessageDigest sha = sha256 != null ? SourceFile.sha256() : null;
        FullObjectChecksum full = fullObjectChecksum();
        Long expectedCrc = full == null ? null : full.decode(crcHeader(full));
        Checksum crc = expectedCrc == null ? null : full.newChecksum();
        List<String> proofs = new ArrayList<>();
        proofs.add("size");
        if (md5 == null && sha == null && crc == null) {
            return "size only (the object carries no checksum to compare)";
        }
        if (size > 0) {
            SourceFile.read(file, 0, size, b -> {
                job.checkStop();
                if (crc != null) {
                    crc.update(b.duplicate());
                }
                if (sha != null) {
                    sha.update(b.duplicate());
                }
                if (md5 != null) {
                    md5.update(b);
                }
            });
        }
        if (md5 != null) {
            if (!SourceFile.hex(md5.digest()).equals(etag.toLowerCase(Locale.ROOT))) {
                throw corrupt("its MD5 differs from the object's ETag");
            }
            proofs.add("MD5 = ETag");
        }
        if (sha != null) {
            if (!SourceFile.hex(sha.digest()).equals(sha256)) {
                throw corrupt("its SHA-256 differs from the object's x-amz-meta-sha256");
            }
            proofs.add("SHA-256 metadata");
        }
        if (crc != null) {
            if (crc.getValue() != expectedCrc) {
                throw corrupt("its " + full.name() + " differs from the object's full-object checksum");
            }
            proofs.add("full-object " + full.name());
        }
        return String.join(" + ", proofs);
    }

    /** A plain MD5 ETag: 32 hex digits, no {@code -N}, a provider that makes it so, no SSE-KMS or SSE-C. */
    private boolean etagIsMd5() {
        String sse = head.serverSideEncryptionAsString();
        boolean kms = sse != null && sse.toLowerCase(Locale.ROOT).contains("kms");
        return etag != null
                && etag.matches("[0-9a-fA-F]{32}")
                && job.provider.etagIsMd5(false)
                && !kms
                && head.sseCustomerAlgorithm() == null;
    }

    private FullObjectChecksum fullObjectChecksum() {
        if (head.checksumType() != ChecksumType.FULL_OBJECT) {
            return null;
        }
        if (head.checksumCRC32C() != null) {
            return new FullObjectChecksum(ChecksumAlgorithm.CRC32_C);
        }
        if (head.checksumCRC64NVME() != null) {
            return new FullObjectChecksum(ChecksumAlgorithm.CRC64_NVME);
        }
        return null;
    }

    private String crcHeader(FullObjectChecksum full) {
        return full.algorithm() == ChecksumAlgorithm.CRC32_C ? head.checksumCRC32C() : head.checksumCRC64NVME();
    }

    private static String hex64(String v) {
        return v != null && v.matches("[0-9a-fA-F]{64}") ? v.toLowerCase(Locale.ROOT) : null;
    }

    private ObitoxException corrupt(String why) {
        return new ObitoxException(
                "DOWNLOAD_CORRUPT",
                "'" + job.transfer.key() + "' arrived damaged: " + why + ". The partial file was discarded.",
                "Retry the download; if it happens again, the object or the connection to the server is at fault.");
    }
}
