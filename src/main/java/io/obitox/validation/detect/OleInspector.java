package io.obitox.validation.detect;

import static io.obitox.validation.detect.Bytes.at;
import static io.obitox.validation.detect.Bytes.u16le;
import static io.obitox.validation.detect.Bytes.u32le;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * OLE2 compound files (legacy Office documents, Windows Installer packages, Outlook messages) share one header. The
 * root directory entry's class id says which it is; where it is empty, the names of the first streams do. Reads one
 * directory sector besides the head.
 */
final class OleInspector {
    private static final int[] SIGNATURE = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

    private OleInspector() {}

    static boolean isOle(byte[] h, int n) {
        return at(h, n, 0, SIGNATURE);
    }

    static DetectedType inspect(byte[] h, int n, Source src) throws IOException {
        if (n < 0x50) {
            return generic();
        }
        int shift = u16le(h, 0x1E);
        if (shift != 9 && shift != 12) {
            return generic();
        }
        long sector = u32le(h, 0x30);
        long position = (sector + 1) << shift;
        if (sector >= 0xFFFFFFFAL || position + 128 > src.size()) {
            return generic();
        }
        byte[] dir = src.readAt(position, 512);
        if (dir.length < 128) {
            return generic();
        }
        String clsid = guid(dir, 0x50);
        switch (clsid) {
            case "000C1084-0000-0000-C000-000000000046":
                return DetectedType.program("application/x-ms-installer", "detect.windowsInstallerPackageMsi");
            case "000C1086-0000-0000-C000-000000000046":
                return DetectedType.program("application/x-ms-installer", "detect.windowsInstallerPatchMsp");
            case "000C1082-0000-0000-C000-000000000046":
                return DetectedType.program("application/x-ms-installer", "detect.windowsInstallerTransformMst");
            case "00020906-0000-0000-C000-000000000046":
                return word();
            case "00020820-0000-0000-C000-000000000046":
            case "00020810-0000-0000-C000-000000000046":
                return excel();
            case "64818D10-4F9B-11CF-86EA-00AA00B929E8":
                return powerpoint();
            default:
                break;
        }
        for (int e = 128; e + 128 <= dir.length; e += 128) {
            switch (entryName(dir, e)) {
                case "WordDocument":
                    return word();
                case "Workbook":
                case "Book":
                    return excel();
                case "PowerPoint Document":
                    return powerpoint();
                case "__properties_version1.0":
                    return DetectedType.of("application/vnd.ms-outlook", "detect.outlookMessage");
                default:
                    break;
            }
        }
        return generic();
    }

    private static String entryName(byte[] dir, int entry) {
        int len = u16le(dir, entry + 0x40);
        if (len < 2 || len > 64) {
            return "";
        }
        return new String(dir, entry, len - 2, StandardCharsets.UTF_16LE);
    }

    /** Microsoft GUID layout: three little-endian groups, then eight bytes in order. */
    private static String guid(byte[] b, int off) {
        return String.format(
                java.util.Locale.ROOT,
                "%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X",
                u32le(b, off),
                u16le(b, off + 4),
                u16le(b, off + 6),
                b[off + 8],
                b[off + 9],
                b[off + 10],
                b[off + 11],
                b[off + 12],
                b[off + 13],
                b[off + 14],
                b[off + 15]);
    }

    private static DetectedType word() {
        return DetectedType.of("application/msword", "detect.word972003Document");
    }

    private static DetectedType excel() {
        return DetectedType.of("application/vnd.ms-excel", "detect.excel972003Workbook");
    }

    private static DetectedType powerpoint() {
        return DetectedType.of("application/vnd.ms-powerpoint", "detect.powerpoint972003Presentation");
    }

    private static DetectedType generic() {
        return DetectedType.of("application/x-tika-msoffice", "detect.ole2CompoundDocument");
    }
}
