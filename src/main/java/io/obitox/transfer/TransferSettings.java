package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import io.obitox.common.Sizes;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Tunables of the transfer engine. Defaults come from measurements against Ceph RGW and S3Proxy on a 2-core box
 * (see docs/benchmarks.md) and the anchors' defaults (aws CLI 8 MB × 10, rclone 5 MiB × 4, Cyberduck 10 MiB × 10).
 *
 * @param multipartThreshold files of this size and larger go multipart; smaller ones are one PUT
 * @param partSize the base part size; grows for files that would need more than 10,000 parts
 * @param concurrency requests in flight at once, over all files
 * @param maxActiveFiles files being worked on at once (small files each take one request)
 * @param maxAttempts attempts per request for retryable failures (5xx, SlowDown, timeouts, resets)
 * @param backoffBase first retry delay; doubles each attempt, with full jitter
 * @param backoffCap longest retry delay
 * @param autoResume resume interrupted transfers when ObitoX starts
 * @param staleUploadAge incomplete multipart uploads ObitoX started longer ago than this are aborted (R2 auto-aborts
 *     at 7 days)
 * @param bandwidthLimit bytes per second over all transfers; 0 for none
 */
public record TransferSettings(
        long multipartThreshold,
        long partSize,
        int concurrency,
        int maxActiveFiles,
        int maxAttempts,
        Duration backoffBase,
        Duration backoffCap,
        boolean autoResume,
        Duration staleUploadAge,
        long bandwidthLimit) {
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    public static final int MAX_PARTS = 10_000;

    public static TransferSettings defaults() {
        return new TransferSettings(
                16L << 20,
                16L << 20,
                10,
                16,
                6,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                true,
                Duration.ofDays(7),
                0);
    }

    public TransferSettings {
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new ObitoxException(
                    "INVALID_PART_SIZE",
                    "The part size must be between 5 MiB and 5 GiB, not " + Sizes.bytes(partSize) + ".",
                    "Use e.g. --part-size 16M.");
        }
        if (concurrency < 1 || concurrency > 256) {
            throw new ObitoxException(
                    "INVALID_CONCURRENCY",
                    "Concurrency must be between 1 and 256, not " + concurrency + ".",
                    "Use e.g. --concurrency 8.");
        }
        if (multipartThreshold < MIN_PART_SIZE) {
            multipartThreshold = MIN_PART_SIZE;
        }
        maxActiveFiles = Math.max(1, maxActiveFiles);
        maxAttempts = Math.max(1, maxAttempts);
    }

    public TransferSettings withPartSize(long size) {
        return edit(b -> {
            b.multipartThreshold = Math.max(b.multipartThreshold, size);
            b.partSize = size;
        });
    }

    public TransferSettings withConcurrency(int n) {
        return edit(b -> {
            b.concurrency = n;
            b.maxActiveFiles = Math.max(b.maxActiveFiles, n);
        });
    }

    public TransferSettings withRetries(int attempts, Duration base, Duration cap) {
        return edit(b -> {
            b.maxAttempts = attempts;
            b.backoffBase = base;
            b.backoffCap = cap;
        });
    }

    public TransferSettings withMultipartThreshold(long threshold) {
        return edit(b -> b.multipartThreshold = threshold);
    }

    public TransferSettings withAutoResume(boolean on) {
        return edit(b -> b.autoResume = on);
    }

    public TransferSettings withBandwidthLimit(long bytesPerSecond) {
        return edit(b -> b.bandwidthLimit = Math.max(0, bytesPerSecond));
    }

    /** A copy with {@code change} applied, checked by the canonical constructor like any other. */
    private TransferSettings edit(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The fields of one record, changeable for {@link #edit}: the one place the withers name the constructor. */
    private static final class Copy {
        long multipartThreshold;
        long partSize;
        int concurrency;
        int maxActiveFiles;
        int maxAttempts;
        Duration backoffBase;
        Duration backoffCap;
        boolean autoResume;
        Duration staleUploadAge;
        long bandwidthLimit;

        Copy(TransferSettings s) {
            multipartThreshold = s.multipartThreshold;
            partSize = s.partSize;
            concurrency = s.concurrency;
            maxActiveFiles = s.maxActiveFiles;
            maxAttempts = s.maxAttempts;
            backoffBase = s.backoffBase;
            backoffCap = s.backoffCap;
            autoResume = s.autoResume;
            staleUploadAge = s.staleUploadAge;
            bandwidthLimit = s.bandwidthLimit;
        }

        TransferSettings build() {
            return new TransferSettings(
                    multipartThreshold,
                    partSize,
                    concurrency,
                    maxActiveFiles,
                    maxAttempts,
                    backoffBase,
                    backoffCap,
                    autoResume,
                    staleUploadAge,
                    bandwidthLimit);
        }
    }
}
