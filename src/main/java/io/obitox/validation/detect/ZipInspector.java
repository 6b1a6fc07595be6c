package io.obitox.validation.detect;

import static io.obitox.validation.detect.Bytes.at;
import static io.obitox.validation.detect.Bytes.u16le;
import static io.obitox.validation.detect.Bytes.u32le;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Tells ZIP-based formats apart (OOXML docx/xlsx/pptx, ODF, EPUB, JAR, APK, MSIX/AppX) from the ZIP central
 * directory, which sits at the END of the file. Scanning the head is not enough: some writers put
 * {@code [Content_Types].xml} last, and Tika's magic window then sees a plain ZIP.
 *
 * <p>Reads the last KiB (the end-of-central-directory record; up to 64 KiB more when the archive has a comment),
 * the central directory itself (at most {@link #MAX_DIRECTORY} bytes) and, for ODF/EPUB, the {@code mimetype} entry.
 */
final class ZipInspector {
    static final int MAX_DIRECTORY = 4 << 20;
    private static final int EOCD = 0x06054b50;
    private static final int CENTRAL = 0x02014b50;

    private ZipInspector() {}

    static boolean isZip(byte[] h, int n) {
        return at(h, n, 0, 'P', 'K', 3, 4) || at(h, n, 0, 'P', 'K', 5, 6) || at(h, n, 0, 'P', 'K', 7, 8);
    }

    static DetectedType inspect(byte[] h, int n, Source src) throws IOException {
        Entries entries = new Entries();
        if (!readCentralDirectory(src, entries)) {
            // no end record (truncated or still being written): all we know is the first local entry
            if (at(h, n, 0, 'P', 'K', 3, 4) && n >= 30) {
                int nameLen = u16le(h, 26);
                if (30 + nameLen <= n) {
                    entries.add(new String(h, 30, nameLen, StandardCharsets.UTF_8), 0);
                }
            }
        }
        if (entries.mimetypeOffset >= 0) {
            String declared = mimetype(src, entries.mimetypeOffset);
            if (declared != null) {
                return describeDeclared(declared);
            }
        }
        if (entries.appx) {
            return DetectedType.program("application/vnd.ms-appx", "detect.windowsAppPackageMsixAppx");
        }
        if (entries.androidManifest || entries.dex) {
            return DetectedType.program("application/vnd.android.package-archive", "detect.androidAppApk");
        }
        if (entries.contentTypes) {
            return office(entries);
        }
        if (entries.manifest || entries.classes) {
            return DetectedType.program("application/java-archive", "detect.javaArchiveJar");
        }
        return DetectedType.of("application/zip", "detect.zipArchive");
    }

    private static DetectedType office(Entries e) {
        if (e.word) {
            return e.macros
                    ? DetectedType.of(
                            "application/vnd.ms-word.document.macroenabled.12", "detect.wordDocumentWithMacros")
                    : DetectedType.of(
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            "detect.wordDocument");
        }
        if (e.excel) {
            return e.macros
                    ? DetectedType.of(
                            "application/vnd.ms-excel.sheet.macroenabled.12", "detect.excelWorkbookWithMacros")
                    : DetectedType.of(
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            "detect.excelWorkbook");
        }
        if (e.powerpoint) {
            return e.macros
                    ? DetectedType.of(
                            "application/vnd.ms-powerpoint.presentation.macroenabled.12",
                            "detect.powerpointPresentationWithMacros")
                    : DetectedType.of(
                            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                            "detect.powerpointPresentation");
        }
        if (e.visio) {
            return DetectedType.of("application/vnd.ms-visio.drawing", "detect.visioDrawing");
        }
        return DetectedType.of("application/x-tika-ooxml", "detect.officeOpenXmlPackage");
    }

    /** Finds the end record, follows it (ZIP64 too) to the central directory and reads the entry names. */
    private static boolean readCentralDirectory(Source src, Entries entries) throws IOException {
        long size = src.size();
        byte[] tail = src.readAt(Math.max(0, size - 1024), 1024);
        long tailStart = Math.max(0, size - tail.length);
        int eocd = findEnd(tail);
        if (eocd < 0 && size > tail.length) {
            int len = (int) Math.min(size, 65_535 + 22 + 20);
            tail = src.readAt(size - len, len);
            tailStart = size - len;
            eocd = findEnd(tail);
        }
        if (eocd < 0) {
            return false;
        }
        long cdSize = u32le(tail, eocd + 12);
        long cdOffset = u32le(tail, eocd + 16);
        long eocdPos = tailStart + eocd;
        if ((cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) && eocd >= 20 && u32le(tail, eocd - 20) == 0x07064b50) {
            long zip64 = Bytes.u64le(tail, eocd - 20 + 8);
            byte[] rec = src.readAt(zip64, 56);
            if (rec.length == 56 && u32le(rec, 0) == 0x06064b50) {
                cdSize = Bytes.u64le(rec, 40);
                cdOffset = Bytes.u64le(rec, 48);
                eocdPos = zip64;
            }
        }
        // Self-extracting or prefixed archives shift every offset: trust the position right before the end record.
        long start = eocdPos - cdSize;
        if (start < 0) {
            return false;
        }
        if (start != cdOffset && cdOffset + cdSize <= size) {
            byte[] probe = src.readAt(cdOffset, 4);
            if (probe.length == 4 && u32le(probe, 0) == CENTRAL) {
                start = cdOffset;
            }
        }
        byte[] cd = src.readAt(start, (int) Math.min(cdSize, MAX_DIRECTORY));
        int p = 0;
        while (p + 46 <= cd.length && u32le(cd, p) == CENTRAL) {
            int nameLen = u16le(cd, p + 28);
            int extraLen = u16le(cd, p + 30);
            int commentLen = u16le(cd, p + 32);
            if (p + 46 + nameLen > cd.length) {
                break;
            }
            String name = new String(cd, p + 46, nameLen, StandardCharsets.UTF_8);
            entries.add(name, u32le(cd, p + 42));
            p += 46 + nameLen + extraLen + commentLen;
        }
        return true;
    }

    private static int findEnd(byte[] tail) {
        for (int i = tail.length - 22; i >= 0; i--) {
            if (tail[i] == 'P' && u32le(tail, i) == EOCD) {
                int commentLen = u16le(tail, i + 20);
                if (i + 22 + commentLen <= tail.length) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The stored {@code mimetype} entry of ODF and EPUB files: its content is the format's media type. */
    private static String mimetype(Source src, long localHeader) throws IOException {
        byte[] lh = src.readAt(localHeader, 30 + 8 + 128);
        if (lh.length < 30 || u32le(lh, 0) != 0x04034b50 || u16le(lh, 8) != 0) {
            return null;
        }
        int nameLen = u16le(lh, 26);
        int extraLen = u16le(lh, 28);
        long dataLen = u32le(lh, 18);
        long data = localHeader + 30 + nameLen + extraLen;
        if (dataLen <= 0 || dataLen > 100) {
            return null;
        }
        byte[] value = src.readAt(data, (int) dataLen);
        String type = new String(value, StandardCharsets.US_ASCII).trim();
        // only package formats may name themselves; a ZIP saying "application/x-msdownload" stays a ZIP
        boolean packageType = type.startsWith("application/vnd.") || type.endsWith("+zip");
        return packageType && type.matches("application/[a-z0-9][a-z0-9.+-]*") ? type : null;
    }

    private static DetectedType describeDeclared(String type) {
        if (type.equals("application/epub+zip")) {
            return DetectedType.of(type, "detect.epub");
        }
        if (type.startsWith("application/vnd.oasis.opendocument.")) {
            return DetectedType.of(
                    type, "detect.openDocument", type.substring("application/vnd.oasis.opendocument.".length()));
        }
        return DetectedType.of(type, "detect.zipPackage", type);
    }

    /** What the entry names tell. */
    private static final class Entries {
        long mimetypeOffset = -1;
        boolean contentTypes;
        boolean word;
        boolean excel;
        boolean powerpoint;
        boolean visio;
        boolean macros;
        boolean manifest;
        boolean classes;
        boolean androidManifest;
        boolean dex;
        boolean appx;

        void add(String name, long localHeaderOffset) {
            switch (name) {
                case "mimetype":
                    mimetypeOffset = localHeaderOffset;
                    return;
                case "[Content_Types].xml":
                    contentTypes = true;
                    return;
                case "META-INF/MANIFEST.MF":
                    manifest = true;
                    return;
                case "AndroidManifest.xml":
                    androidManifest = true;
                    return;
                case "classes.dex":
                    dex = true;
                    return;
                case "AppxManifest.xml":
                case "AppxMetadata/AppxBundleManifest.xml":
                    appx = true;
                    return;
                default:
                    break;
            }
            if (name.startsWith("word/")) {
                word = true;
            } else if (name.startsWith("xl/")) {
                excel = true;
            } else if (name.startsWith("ppt/")) {
                powerpoint = true;
            } else if (name.startsWith("visio/")) {
                visio = true;
            } else if (name.endsWith(".class")) {
                classes = true;
            }
            if (name.endsWith("/vbaProject.bin")) {
                macros = true;
            }
        }
    }
}
