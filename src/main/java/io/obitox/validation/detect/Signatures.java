package io.obitox.validation.detect;

import static io.obitox.validation.detect.Bytes.at;
import static io.obitox.validation.detect.Bytes.u16le;
import static io.obitox.validation.detect.Bytes.u32le;

/**
 * Formats with a fixed signature at a fixed offset: images, archives and compressors, and Linux/macOS installer
 * packages. Checked before Tika because they are common and because Tika's full magic scan costs far more per file.
 */
final class Signatures {
    private Signatures() {}

    static DetectedType images(byte[] h, int n, long size) {
        if (at(h, n, 0, 0xFF, 0xD8, 0xFF)) {
            return DetectedType.of("image/jpeg", "detect.jpegImage");
        }
        if (at(h, n, 0, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n')) {
            return DetectedType.of("image/png", "detect.pngImage");
        }
        if (at(h, n, 0, "GIF87a") || at(h, n, 0, "GIF89a")) {
            return DetectedType.of("image/gif", "detect.gifImage");
        }
        if (at(h, n, 0, "II*\0") || at(h, n, 0, "MM\0*")) {
            return DetectedType.of("image/tiff", "detect.tiffImage");
        }
        if (at(h, n, 0, "BM") && n >= 18) {
            long declared = u32le(h, 2);
            long header = u32le(h, 14);
            if (declared == size
                    || header == 12
                    || header == 40
                    || header == 52
                    || header == 56
                    || header == 108
                    || header == 124) {
                return DetectedType.of("image/bmp", "detect.bmpImage");
            }
        }
        if (at(h, n, 0, 0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', '\r', '\n', 0x87, '\n')) {
            return DetectedType.of("image/jp2", "detect.jpeg2000Image");
        }
        if (at(h, n, 0, "8BPS")) {
            return DetectedType.of("image/vnd.adobe.photoshop", "detect.photoshopImage");
        }
        if (at(h, n, 0, 0, 0, 1, 0) && n >= 22) {
            int count = u16le(h, 4);
            int planes = u16le(h, 10);
            if (count > 0 && count < 256 && planes <= 1 && h[9] == 0) {
                return DetectedType.of("image/vnd.microsoft.icon", "detect.windowsIcon");
            }
        }
        return null;
    }

    static DetectedType archivesAndDocuments(byte[] h, int n) {
        if (at(h, n, 0, 0x1F, 0x8B)) {
            return DetectedType.of("application/gzip", "detect.gzipCompressedData");
        }
        if (at(h, n, 0, "BZh") && n > 3 && h[3] >= '1' && h[3] <= '9') {
            return DetectedType.of("application/x-bzip2", "detect.bzip2CompressedData");
        }
        if (at(h, n, 0, 0xFD, '7', 'z', 'X', 'Z', 0)) {
            return DetectedType.of("application/x-xz", "detect.xzCompressedData");
        }
        if (at(h, n, 0, 0x28, 0xB5, 0x2F, 0xFD)) {
            return DetectedType.of("application/zstd", "detect.zstandardCompressedData");
        }
        if (at(h, n, 0, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            return DetectedType.of("application/x-7z-compressed", "detect.7ZipArchive");
        }
        if (at(h, n, 0, "Rar!\u001A\u0007")) {
            return DetectedType.of("application/x-rar-compressed", "detect.rarArchive");
        }
        if (at(h, n, 257, "ustar")) {
            return DetectedType.of("application/x-tar", "detect.tarArchive");
        }
        if (at(h, n, 0, "MSCF\0\0\0\0")) {
            return DetectedType.of("application/vnd.ms-cab-compressed", "detect.windowsCabinetArchive");
        }
        if (pdf(h, n)) {
            return DetectedType.of("application/pdf", "detect.pdfDocument");
        }
        if (at(h, n, 0, "SQLite format 3\0")) {
            return DetectedType.of("application/x-sqlite3", "detect.sqliteDatabase");
        }
        if (at(h, n, 0, "fLaC")) {
            return DetectedType.of("audio/x-flac", "detect.flacAudio");
        }
        return null;
    }

    /** {@code %PDF-} at the start, or after a byte-order mark or blank lines (readers accept both). */
    private static boolean pdf(byte[] h, int n) {
        int i = at(h, n, 0, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        while (i < n && i < 1024 && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n')) {
            i++;
        }
        return at(h, n, i, "%PDF-");
    }

    /** Linux and macOS installer packages: they run code with root rights when installed. */
    static DetectedType installers(byte[] h, int n) {
        if (at(h, n, 0, "!<arch>\n")) {
            return at(h, n, 8, "debian-binary")
                    ? DetectedType.program("application/x-debian-package", "detect.debianPackageDeb")
                    : DetectedType.of("application/x-archive", "detect.arArchive");
        }
        if (at(h, n, 0, 0xED, 0xAB, 0xEE, 0xDB)) {
            return DetectedType.program("application/x-rpm", "detect.rpmPackage");
        }
        if (at(h, n, 0, "xar!") && n >= 8 && Bytes.u16be(h, 4) >= 28) {
            return DetectedType.program("application/x-xar", "detect.macosInstallerPackageXar");
        }
        return null;
    }
}
