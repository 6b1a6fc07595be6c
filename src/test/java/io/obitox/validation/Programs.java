package io.obitox.validation;

import static io.obitox.validation.Corpus.ascii;
import static io.obitox.validation.Corpus.concat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Real minimal programs and installers, byte-exact headers built in code: PE (32/64-bit, program and DLL), ELF,
 * Mach-O thin in both byte orders and universal ("fat"), Windows shortcuts, OLE2 compound files (Word, MSI with its
 * SummaryInformation), Debian and RPM packages.
 */
public final class Programs {
    private Programs() {}

    /** DOS header pointing at a PE header (COFF + optional header); 64-bit or 32-bit, program or DLL. */
    public static byte[] pe(boolean pe64, boolean dll) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("MZ"))
                .putShort((short) 0x90)
                .putShort((short) 3)
                .putShort((short) 0)
                .putShort((short) 4);
        b.putInt(0x3C, 0x80);
        b.position(0x40);
        b.put(ascii("This program cannot be run in DOS mode.\r\r\n$"));
        b.position(0x80);
        b.put(ascii("PE")).put((byte) 0).put((byte) 0);
        b.putShort((short) (pe64 ? 0x8664 : 0x014C)); // machine
        b.putShort((short) 0).putInt(0x5F000000).putInt(0).putInt(0); // sections, time, symbols
        b.putShort((short) (pe64 ? 0xF0 : 0xE0)); // size of optional header
        b.putShort((short) (0x0022 | (dll ? 0x2000 : 0))); // characteristics
        b.putShort((short) (pe64 ? 0x20B : 0x10B)); // optional header magic
        return b.array();
    }

    /** ELF header: 64/32-bit, little/big-endian, e_type 2 (executable), 3 (shared) or 1 (object). */
    public static byte[] elf(boolean wide, boolean little, int type) {
        ByteBuffer b =
                ByteBuffer.allocate(wide ? 64 : 52).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', (byte) (wide ? 2 : 1), (byte) (little ? 1 : 2), 1, 0});
        b.position(16);
        b.putShort((short) type).putShort((short) (wide ? 0x3E : 0x28)).putInt(1);
        return b.array();
    }

    /** Thin Mach-O header (filetype 2 = executable, 6 = dylib), 32/64-bit, big/little-endian. */
    public static byte[] machO(boolean wide, boolean little, int fileType) {
        ByteBuffer b =
                ByteBuffer.allocate(wide ? 32 : 28).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.putInt(wide ? 0xFEEDFACF : 0xFEEDFACE); // written in the file's byte order, as the loader reads it
        b.putInt(wide ? 0x0100000C : 7)
                .putInt(0)
                .putInt(fileType)
                .putInt(0)
                .putInt(0)
                .putInt(0);
        return b.array();
    }

    /** Universal binary: fat header (big-endian) with two architectures; {@code fat64} uses CAFEBABF. */
    public static byte[] fatMachO(boolean fat64) {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.BIG_ENDIAN);
        b.putInt(fat64 ? 0xCAFEBABF : 0xCAFEBABE).putInt(2);
        for (int cpu : new int[] {0x01000007, 0x0100000C}) {
            b.putInt(cpu).putInt(3);
            if (fat64) {
                b.putLong(4096).putLong(32).putInt(12).putInt(0);
            } else {
                b.putInt(4096).putInt(32).putInt(12);
            }
        }
        return concat(b.array(), machO(true, true, 2));
    }

    /** A 76-byte Windows shell link header (ShellLink CLSID), show-normal, no target data. */
    public static byte[] lnk() {
        ByteBuffer b = ByteBuffer.allocate(76).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x4C);
        b.put(new byte[] {0x01, 0x14, 0x02, 0, 0, 0, 0, 0, (byte) 0xC0, 0, 0, 0, 0, 0, 0, 0x46});
        b.putInt(60, 1); // ShowCommand SW_SHOWNORMAL
        return b.array();
    }

    public static final String MSI_CLSID = "000C1084-0000-0000-C000-000000000046";
    public static final String WORD_CLSID = "00020906-0000-0000-C000-000000000046";

    /**
     * An OLE2 compound file (version 3, 512-byte sectors): header, one FAT sector, one directory sector with the
     * root entry (carrying {@code clsid}) and empty streams named {@code streams}.
     */
    public static byte[] ole(String clsid, String... streams) {
        ByteBuffer b = ByteBuffer.allocate(512 * 3).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
        b.putShort(0x18, (short) 0x3E).putShort(0x1A, (short) 3).putShort(0x1C, (short) 0xFFFE);
        b.putShort(0x1E, (short) 9).putShort(0x20, (short) 6);
        b.putInt(0x2C, 1).putInt(0x30, 1).putInt(0x38, 0x1000).putInt(0x3C, -2).putInt(0x44, -2);
        b.putInt(0x4C, 0);
        for (int i = 1; i < 109; i++) {
            b.putInt(0x4C + 4 * i, -1);
        }
        // FAT: sector 0 is the FAT, sector 1 the directory (end of chain)
        b.putInt(512, -3).putInt(516, -2);
        for (int i = 2; i < 128; i++) {
            b.putInt(512 + 4 * i, -1);
        }
        dirEntry(b, 1024, "Root Entry", 5, streams.length > 0 ? 1 : -1, clsid);
        for (int i = 0; i < streams.length && i < 3; i++) {
            dirEntry(b, 1024 + 128 * (i + 1), streams[i], 2, -1, null);
            if (i + 1 < streams.length && i < 2) {
                b.putInt(1024 + 128 * (i + 1) + 0x48, i + 2); // right sibling
            }
        }
        return b.array();
    }

    /**
     * A Windows Installer package as tools see it: the MSI class id on the root storage, a SummaryInformation
     * property set (title, application name) in regular sectors, and an MSI-encoded table stream name.
     */
    public static byte[] msi() {
        byte[] summary = summaryInformation("Installation Database", "Windows Installer XML Toolset");
        ByteBuffer b = ByteBuffer.wrap(java.util.Arrays.copyOf(
                        ole(MSI_CLSID, "\u0005SummaryInformation", "\u4840\u3f3f"), 512 * 2 + 512 + summary.length))
                .order(ByteOrder.LITTLE_ENDIAN);
        int sectors = summary.length / 512;
        for (int s = 0; s < sectors; s++) {
            b.putInt(512 + 4 * (2 + s), s + 1 < sectors ? 3 + s : -2); // FAT chain 2 → 3 → … → end
        }
        int entry = 1024 + 128; // the SummaryInformation entry written by ole()
        b.putInt(entry + 0x74, 2).putInt(entry + 0x78, summary.length);
        b.position(512 * 3);
        b.put(summary);
        return b.array();
    }

    /** An OLE property set stream with the summary-information FMTID, padded to 4096 bytes (no mini stream). */
    static byte[] summaryInformation(String title, String application) {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0xFFFE).putShort((short) 0).putInt(0x00020006);
        b.put(new byte[16]).putInt(1);
        b.put(new byte[] {
            (byte) 0xE0,
            (byte) 0x85,
            (byte) 0x9F,
            (byte) 0xF2,
            (byte) 0xF9,
            0x4F,
            0x68,
            0x10,
            (byte) 0xAB,
            (byte) 0x91,
            0x08,
            0x00,
            0x2B,
            0x27,
            (byte) 0xB3,
            (byte) 0xD9
        });
        b.putInt(48);
        int section = 48;
        byte[][] values = {lpstr(title), lpstr(application)};
        int[] ids = {2, 0x12};
        int offset = 8 + 8 * values.length;
        b.position(section + 8);
        for (int i = 0; i < values.length; i++) {
            b.putInt(ids[i]).putInt(offset);
            offset += values[i].length;
        }
        for (byte[] v : values) {
            b.put(v);
        }
        b.putInt(section, offset).putInt(section + 4, values.length);
        return b.array();
    }

    private static byte[] lpstr(String s) {
        byte[] chars = (s + "\0").getBytes(StandardCharsets.ISO_8859_1);
        int padded = (chars.length + 3) / 4 * 4;
        return ByteBuffer.allocate(8 + padded)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0x1E)
                .putInt(chars.length)
                .put(chars)
                .array();
    }

    private static void dirEntry(ByteBuffer b, int at, String name, int type, int child, String clsid) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_16LE);
        b.position(at);
        b.put(n);
        b.putShort(at + 0x40, (short) n.length);
        b.put(at + 0x42, (byte) type).put(at + 0x43, (byte) 1);
        b.putInt(at + 0x44, -1).putInt(at + 0x48, -1).putInt(at + 0x4C, child);
        if (clsid != null) {
            String[] g = clsid.split("-");
            b.putInt(at + 0x50, (int) Long.parseLong(g[0], 16));
            b.putShort(at + 0x54, (short) Integer.parseInt(g[1], 16));
            b.putShort(at + 0x56, (short) Integer.parseInt(g[2], 16));
            String rest = g[3] + g[4];
            for (int i = 0; i < 8; i++) {
                b.put(at + 0x58 + i, (byte) Integer.parseInt(rest.substring(2 * i, 2 * i + 2), 16));
            }
        }
        b.putInt(at + 0x74, -2);
    }

    public static byte[] deb() {
        return concat(ascii("!<arch>\ndebian-binary   1700000000  0     0     100644  4         `\n2.0\n"));
    }

    public static byte[] rpm() {
        byte[] b = new byte[96];
        b[0] = (byte) 0xED;
        b[1] = (byte) 0xAB;
        b[2] = (byte) 0xEE;
        b[3] = (byte) 0xDB;
        b[4] = 3;
        return b;
    }
}
