package io.obitox.transfer;

/**
 * How a file is cut: one PUT, or {@code partCount} parts of {@code partSize} bytes (the last one shorter). All parts
 * but the last have the same size, as R2 requires.
 */
public record PartPlan(boolean multipart, long partSize, int partCount, long size) {

    /** Plans {@code size} bytes: single PUT below the threshold, else parts of at least 5 MiB, at most 10,000. */
    public static PartPlan of(long size, TransferSettings s) {
        if (size < s.multipartThreshold()) {
            return new PartPlan(false, size, 1, size);
        }
        long partSize = Math.max(s.partSize(), TransferSettings.MIN_PART_SIZE);
        if (ceilDiv(size, partSize) > TransferSettings.MAX_PARTS) {
            // grow in whole MiB so the part count fits; very large files get larger parts
            long needed = ceilDiv(size, TransferSettings.MAX_PARTS);
            partSize = ceilDiv(needed, 1L << 20) << 20;
        }
        if (partSize > TransferSettings.MAX_PART_SIZE) {
            throw new IllegalArgumentException("File too large for S3 multipart upload: " + size + " bytes");
        }
        return new PartPlan(true, partSize, (int) Math.max(1, ceilDiv(size, partSize)), size);
    }

    /** Byte offset of part {@code number} (1-based). */
    public long offset(int number) {
        return (number - 1) * partSize;
    }

    /** Length of part {@code number} (1-based); the last one holds the rest. */
    public long length(int number) {
        if (!multipart) {
            return size;
        }
        return Math.min(partSize, size - offset(number));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
