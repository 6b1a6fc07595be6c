package io.obitox.validation.detect;

import static io.obitox.validation.detect.Bytes.at;
import static io.obitox.validation.detect.Bytes.u16be;
import static io.obitox.validation.detect.Bytes.u16le;
import static io.obitox.validation.detect.Bytes.u32be;
import static io.obitox.validation.detect.Bytes.u32le;

import io.obitox.common.TextRef;
import java.io.IOException;
import java.util.Locale;

/**
 * Programs recognised by their content, whatever the file is called: Windows PE and DOS executables, ELF, Mach-O
 * (32/64-bit, both byte orders, universal "fat" binaries), Java class files, {@code #!} scripts and Windows shortcuts.
 * Each method returns null when the bytes are not of its kind.
 */
final class Executables {
    private static final String[] MACHO_TYPES = {
        "application/x-mach-o", "application/x-mach-o-object", "application/x-mach-o-executable",
        "application/x-mach-o-fvmlib", "application/x-mach-o-core", "application/x-mach-o-preload",
        "application/x-mach-o-dylib", "application/x-mach-o-dylinker", "application/x-mach-o-bundle",
        "application/x-mach-o-dylib-stub", "application/x-mach-o-dsym", "application/x-mach-o-kext-bundle"
    };
    /** What each Mach-O file type is, as bundle keys (in the order of {@link #MACHO_TYPES}). */
    static final String[] MACHO_NAMES = {
        "detect.machO.file",
        "detect.machO.object",
        "detect.machO.executable",
        "detect.machO.fvmlib",
        "detect.machO.core",
        "detect.machO.preload",
        "detect.machO.dylib",
        "detect.machO.dylinker",
        "detect.machO.bundle",
        "detect.machO.dylibStub",
        "detect.machO.dsym",
        "detect.machO.kext"
    };

    private Executables() {}

    /** {@code MZ}: a PE (Windows program or DLL) when the PE header is where the DOS header says, else DOS. */
    static DetectedType windows(byte[] h, int n, Source src) throws IOException {
        if (!at(h, n, 0, "MZ")) {
            return null;
        }
        if (n >= 0x40) {
            long peOffset = u32le(h, 0x3C);
            if (peOffset >= 0x40 && peOffset + 26 <= src.size()) {
                byte[] pe = peOffset + 26 <= n ? slice(h, (int) peOffset, 26) : src.readAt(peOffset, 26);
                if (pe.length >= 26 && at(pe, pe.length, 0, 'P', 'E', 0, 0)) {
                    boolean dll = (u16le(pe, 22) & 0x2000) != 0;
                    int magic = u16le(pe, 24);
                    String bits = magic == 0x20B ? "PE32+" : magic == 0x10B ? "PE32" : "PE";
                    return DetectedType.program(
                            "application/x-msdownload", dll ? "detect.windowsDll" : "detect.windowsProgram", bits);
                }
            }
        }
        // A bare "MZ" also starts some text; only binary content counts as a DOS program.
        if (TextSniffer.looksLikeText(h, n)) {
            return null;
        }
        return DetectedType.program("application/x-dosexec", "detect.dosWindowsProgramMz");
    }

    static DetectedType elf(byte[] h, int n) {
        if (!at(h, n, 0, 0x7F, 'E', 'L', 'F')) {
            return null;
        }
        if (n < 18) {
            return DetectedType.program("application/x-elf", "detect.elfBinary");
        }
        String bits = h[4] == 2 ? "64" : "32";
        int type = h[5] == 2 ? u16be(h, 16) : u16le(h, 16);
        switch (type) {
            case 1:
                return DetectedType.program("application/x-object", "detect.elfObject", bits);
            case 2:
                return DetectedType.program("application/x-executable", "detect.elfExecutable", bits);
            case 3:
                return DetectedType.program("application/x-sharedlib", "detect.elfShared", bits);
            case 4:
                return DetectedType.of("application/x-coredump", "detect.elfCore", bits);
            default:
                return DetectedType.program("application/x-elf", "detect.elfBits", bits);
        }
    }

    /** Thin Mach-O in either byte order, 32 or 64 bit. */
    static DetectedType machO(byte[] h, int n) {
        if (n < 4) {
            return null;
        }
        long be = u32be(h, 0);
        boolean big = be == 0xFEEDFACEL || be == 0xFEEDFACFL;
        boolean little = be == 0xCEFAEDFEL || be == 0xCFFAEDFEL;
        if (!big && !little) {
            return null;
        }
        boolean wide = be == 0xFEEDFACFL || be == 0xCFFAEDFEL;
        int fileType = n >= 16 ? (int) (big ? u32be(h, 12) : u32le(h, 12)) : 0;
        if (fileType < 0 || fileType >= MACHO_TYPES.length) {
            fileType = 0;
        }
        TextRef desc = TextRef.of(
                "detect.machO",
                wide ? "64" : "32",
                DetectedType.ref(MACHO_NAMES[fileType]),
                DetectedType.ref(big ? "detect.bigEndian" : "detect.littleEndian"));
        return new DetectedType(MACHO_TYPES[fileType], desc, fileType != 4);
    }

    /**
     * {@code CAFEBABE} is both a universal (fat) Mach-O and a Java class file. Like file(1): an architecture count
     * below 20 is a fat binary; a class file has its major version (45 and up) there.
     */
    static DetectedType fatOrClass(byte[] h, int n) {
        if (n < 8) {
            return null;
        }
        long magic = u32be(h, 0);
        if (magic == 0xCAFEBABEL || magic == 0xCAFEBABFL) {
            long count = u32be(h, 4);
            if (count > 0 && count < 20) {
                return DetectedType.program("application/x-mach-o-universal", "detect.machOUniversal", count);
            }
            if (magic == 0xCAFEBABEL && u16be(h, 6) >= 45) {
                return DetectedType.program("application/java-vm", "detect.javaClass", String.valueOf(u16be(h, 6)));
            }
            return null;
        }
        if (magic == 0xBEBAFECAL || magic == 0xBFBAFECAL) {
            long count = u32le(h, 4);
            if (count > 0 && count < 20) {
                return DetectedType.program(
                        "application/x-mach-o-universal", "detect.machOUniversalBinaryLittleEndianHeader");
            }
        }
        return null;
    }

    /** {@code #!/path/to/interpreter}: a script the system runs directly. */
    static DetectedType shebang(byte[] h, int n) {
        if (!at(h, n, 0, "#!")) {
            return null;
        }
        int i = 2;
        while (i < n && (h[i] == ' ' || h[i] == '\t')) {
            i++;
        }
        if (i >= n || h[i] != '/') {
            return null;
        }
        int end = i;
        while (end < n && end < 512 && h[end] != '\n' && h[end] != '\r') {
            end++;
        }
        String[] words = Bytes.ascii(h, i, end - i).trim().split("[ \t]+");
        String interpreter = baseName(words[0]);
        if (interpreter.equals("env")) {
            interpreter = "sh";
            for (int w = 1; w < words.length; w++) {
                if (!words[w].startsWith("-") && !words[w].contains("=")) {
                    interpreter = baseName(words[w]);
                    break;
                }
            }
        }
        String family = interpreter.toLowerCase(Locale.ROOT).replaceAll("[0-9.]+$", "");
        String type;
        switch (family) {
            case "python":
                type = "text/x-python";
                break;
            case "perl":
                type = "text/x-perl";
                break;
            case "ruby":
                type = "text/x-ruby";
                break;
            case "php":
                type = "text/x-php";
                break;
            case "node":
            case "nodejs":
            case "deno":
            case "bun":
                type = "text/javascript";
                break;
            default:
                type = "application/x-sh";
        }
        return DetectedType.program(type, "detect.script", interpreter);
    }

    /** Windows shell link: header size 0x4C and the ShellLink CLSID 00021401-0000-0000-C000-000000000046. */
    static DetectedType windowsShortcut(byte[] h, int n) {
        if (at(h, n, 0, 0x4C, 0, 0, 0, 0x01, 0x14, 0x02, 0, 0, 0, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46)) {
            return DetectedType.program("application/x-ms-shortcut", "detect.windowsShortcutLnk");
        }
        return null;
    }

    private static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }

    private static byte[] slice(byte[] h, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(h, off, out, 0, len);
        return out;
    }
}
