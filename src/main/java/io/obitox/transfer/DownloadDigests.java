package io.obitox.transfer;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.zip.Checksum;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/**
 * The content proofs an object offers (issue 18), as digests fed with its bytes in order: the MD5 when the ETag is
 * the content's, SHA-256 when it carries {@code x-amz-meta-sha256}, a full-object CRC when the server returned one.
 * Fed either while a whole-object GET streams in (no second read of the file) or by {@link DownloadCheck} reading
 * the finished file. Not thread-safe: one feeder at a time.
 */
final class DownloadDigests {
    final ObjectFacts facts;
    final MessageDigest md5;
    final MessageDigest sha256;
    final FullObjectChecksum full;
    final Long expectedCrc;
    final Checksum crc;
    private long fed;

    DownloadDigests(ObjectFacts facts, boolean providerEtagIsMd5) {
        this.facts = facts;
        this.md5 = providerEtagIsMd5 && facts.etagLooksLikeMd5() ? SourceFile.md5() : null;
        this.sha256 = facts.sha256() != null ? SourceFile.sha256() : null;
        FullObjectChecksum f = null;
        Long expected = null;
        if (facts.fullCrc32c() != null) {
            f = new FullObjectChecksum(ChecksumAlgorithm.CRC32_C);
            expected = f.decode(facts.fullCrc32c());
        } else if (facts.fullCrc64nvme() != null) {
            f = new FullObjectChecksum(ChecksumAlgorithm.CRC64_NVME);
            expected = f.decode(facts.fullCrc64nvme());
        }
        this.full = expected == null ? null : f;
        this.expectedCrc = expected;
        this.crc = expected == null ? null : f.newChecksum();
    }

    /** Whether there is anything to compute (else the size is the only proof). */
    boolean any() {
        return md5 != null || sha256 != null || crc != null;
    }

    /** The next bytes of the object, in order; {@code b}'s position is left where it was. */
    void update(ByteBuffer b) {
        fed += b.remaining();
        if (crc != null) {
            crc.update(b.duplicate());
        }
        if (sha256 != null) {
            sha256.update(b.duplicate());
        }
        if (md5 != null) {
            md5.update(b.duplicate());
        }
    }

    void update(byte[] b, int off, int len) {
        fed += len;
        if (crc != null) {
            crc.update(b, off, len);
        }
        if (sha256 != null) {
            sha256.update(b, off, len);
        }
        if (md5 != null) {
            md5.update(b, off, len);
        }
    }

    /** How many bytes were fed: the digests describe a whole file only when this is its size. */
    long fed() {
        return fed;
    }

    /** Starts again from the first byte (a retried GET). */
    void reset() {
        fed = 0;
        if (crc != null) {
            crc.reset();
        }
        if (sha256 != null) {
            sha256.reset();
        }
        if (md5 != null) {
            md5.reset();
        }
    }
}
