package io.obitox.sync;

import io.obitox.transfer.SourceFile;
import java.nio.file.Path;

/**
 * A local file as the identical check sees it without reading it: absolute path, size, mtime (epoch millis) and the
 * transfer engine's sampled fingerprint. The fingerprint covers the whole content of files up to 128 KiB and three
 * 64 KiB samples of larger ones, so a same-size change with the mtime put back is caught for small files but can
 * hide in the unsampled middle of a large one; the listing's ETag check does not have that gap.
 */
public record LocalFile(String sourcePath, long size, long mtime, String fingerprint) {

    /** Reads the file's attributes and samples (not its whole content). */
    public static LocalFile of(Path file) {
        SourceFile.Identity id = SourceFile.identify(file);
        return new LocalFile(file.toAbsolutePath().normalize().toString(), id.size(), id.mtime(), id.fingerprint());
    }
}
