package io.obitox.validation;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Real minimal files, built in code: images written by ImageIO, ZIP packages written by java.util.zip with the
 * parts Office/ODF/EPUB/JAR/APK need, and byte-exact headers for media containers. Programs are in {@link Programs}.
 */
public final class Corpus {
    private Corpus() {}

    public static Path write(Path dir, String name, byte[] content) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- images

    public static byte[] image(String format) {
        BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0xFF8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] jpeg() {
        return image("jpeg");
    }

    public static byte[] png() {
        return image("png");
    }

    public static byte[] gif() {
        return image("gif");
    }

    /** A 1×1 lossless WebP (the image browsers' WebP feature tests decode). */
    public static byte[] webp() {
        return Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    }

    // ---- documents

    /** One empty page, with a correct cross-reference table. */
    public static byte[] pdf() {
        StringBuilder sb = new StringBuilder("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>"
        };
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = sb.toString().getBytes(StandardCharsets.ISO_8859_1).length;
            sb.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = sb.toString().getBytes(StandardCharsets.ISO_8859_1).length;
        sb.append("xref\n0 4\n0000000000 65535 f \n");
        for (int off : offsets) {
            sb.append(String.format("%010d 00000 n \n", off));
        }
        sb.append("trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] zip(String... namesAndContents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i + 1 < namesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(namesAndContents[i]));
                z.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static final String CT = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/%s\" ContentType=\"%s\"/></Types>";
    private static final String RELS = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            + "officeDocument\" Target=\"%s\"/></Relationships>";

    public static byte[] docx() {
        return ooxml(
                "word/document.xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                        + "<w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>",
                false,
                0);
    }

    public static byte[] xlsx() {
        return ooxml(
                "xl/workbook.xml",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>",
                false,
                0);
    }

    public static byte[] pptx() {
        return ooxml(
                "ppt/presentation.xml",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                "<p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"/>",
                false,
                0);
    }

    /**
     * A docx whose {@code [Content_Types].xml} is the LAST entry, after {@code paddingBytes} of stored (incompressible)
     * media, as some writers produce: a scan of the head sees only a ZIP.
     */
    public static byte[] docxContentTypesLast(int paddingBytes) {
        return ooxml(
                "word/document.xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body/>"
                        + "</w:document>",
                true,
                paddingBytes);
    }

    private static byte[] ooxml(String part, String type, String xml, boolean typesLast, int padding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            if (!typesLast) {
                put(z, "[Content_Types].xml", String.format(CT, part, type).getBytes(StandardCharsets.UTF_8), false);
            }
            if (padding > 0) {
                byte[] media = new byte[padding];
                new Random(7).nextBytes(media);
                put(z, part.substring(0, part.indexOf('/')) + "/media/image1.bin", media, true);
            }
            put(z, part, xml.getBytes(StandardCharsets.UTF_8), false);
            put(z, "_rels/.rels", String.format(RELS, part).getBytes(StandardCharsets.UTF_8), false);
            if (typesLast) {
                put(z, "[Content_Types].xml", String.format(CT, part, type).getBytes(StandardCharsets.UTF_8), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** ODF and EPUB: a stored {@code mimetype} entry first, as their specs require. */
    public static byte[] mimetypePackage(String mimetype, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            put(z, "mimetype", mimetype.getBytes(StandardCharsets.US_ASCII), true);
            for (int i = 0; i + 1 < more.length; i += 2) {
                put(z, more[i], more[i + 1].getBytes(StandardCharsets.UTF_8), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] odt() {
        return mimetypePackage(
                "application/vnd.oasis.opendocument.text",
                "content.xml",
                "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>",
                "META-INF/manifest.xml",
                "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>");
    }

    public static byte[] epub() {
        return mimetypePackage(
                "application/epub+zip",
                "META-INF/container.xml",
                "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"/>",
                "OEBPS/content.opf",
                "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\"/>");
    }

    /** A JAR with a manifest and a real class file (this class's bytes). */
    public static byte[] jar() {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.obitox.validation.Corpus");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream j = new JarOutputStream(out, m)) {
            j.putNextEntry(new ZipEntry("io/obitox/validation/Corpus.class"));
            j.write(javaClass());
            j.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] apk() {
        return zip(
                "AndroidManifest.xml", "\u0003\u0000\b\u0000", "classes.dex", "dex\n035\u0000", "resources.arsc", "");
    }

    public static byte[] msix() {
        return zip(
                "AppxManifest.xml",
                "<Package xmlns=\"http://schemas.microsoft.com/appx/manifest/foundation/windows10\"/>",
                "AppxBlockMap.xml",
                "<BlockMap/>",
                "[Content_Types].xml",
                "<Types/>");
    }

    /** The bytes of a compiled class from the test class path (a real Java class file). */
    public static byte[] javaClass() {
        try (InputStream in = Corpus.class.getResourceAsStream("Corpus.class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(ZipOutputStream z, String name, byte[] data, boolean stored) throws IOException {
        ZipEntry e = new ZipEntry(name);
        if (stored) {
            CRC32 crc = new CRC32();
            crc.update(data);
            e.setMethod(ZipEntry.STORED);
            e.setSize(data.length);
            e.setCompressedSize(data.length);
            e.setCrc(crc.getValue());
        }
        z.putNextEntry(e);
        z.write(data);
        z.closeEntry();
    }

    // ---- audio and video

    static byte[] box(String type, byte[]... payload) {
        int len = 8;
        for (byte[] p : payload) {
            len += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(len).putInt(len).put(ascii(type));
        for (byte[] p : payload) {
            b.put(p);
        }
        return b.array();
    }

    /** ISO media: ftyp (major brand, minor version, compatible brands), moov/mvhd, mdat. */
    public static byte[] isoMedia(String major, String... compatible) {
        ByteArrayOutputStream ftyp = new ByteArrayOutputStream();
        ftyp.writeBytes(ascii(major));
        ftyp.writeBytes(new byte[] {0, 0, 2, 0});
        for (String c : compatible) {
            ftyp.writeBytes(ascii(c));
        }
        byte[] mvhd = new byte[100];
        mvhd[3] = 0; // version 0, flags 0
        ByteBuffer.wrap(mvhd, 12, 8).putInt(1000).putInt(0); // timescale, duration
        return concat(box("ftyp", ftyp.toByteArray()), box("moov", box("mvhd", mvhd)), box("mdat", new byte[64]));
    }

    /** A QuickTime movie from before ftyp: the moov atom comes first. */
    public static byte[] legacyQuickTime() {
        return concat(box("moov", box("mvhd", new byte[100])), box("mdat", new byte[32]));
    }

    /** EBML header with the given DocType, then a Segment with an Info element. */
    public static byte[] matroska(String docType) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes(new byte[] {0x42, (byte) 0x86, (byte) 0x81, 1}); // EBMLVersion 1
        h.writeBytes(new byte[] {0x42, (byte) 0xF7, (byte) 0x81, 1}); // EBMLReadVersion 1
        h.writeBytes(new byte[] {0x42, (byte) 0xF2, (byte) 0x81, 4}); // EBMLMaxIDLength 4
        h.writeBytes(new byte[] {0x42, (byte) 0xF3, (byte) 0x81, 8}); // EBMLMaxSizeLength 8
        h.writeBytes(new byte[] {0x42, (byte) 0x82, (byte) (0x80 | docType.length())});
        h.writeBytes(ascii(docType));
        h.writeBytes(new byte[] {0x42, (byte) 0x87, (byte) 0x81, 4}); // DocTypeVersion
        h.writeBytes(new byte[] {0x42, (byte) 0x85, (byte) 0x81, 2}); // DocTypeReadVersion
        byte[] header = h.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) (0x80 | header.length)});
        out.writeBytes(header);
        out.writeBytes(new byte[] {
            0x18,
            0x53,
            (byte) 0x80,
            0x67,
            0x01,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF
        }); // Segment, unknown size
        out.writeBytes(
                new byte[] {0x15, 0x49, (byte) 0xA9, 0x66, (byte) 0x84, 0x2A, (byte) 0xD7, (byte) 0xB1, (byte) 0x83
                }); // Info with a TimecodeScale start
        return out.toByteArray();
    }

    /** MPEG-1 layer III frames at 128 kbit/s, 44.1 kHz (417 bytes each), silent. */
    public static byte[] mp3Frames(int frames) {
        byte[] out = new byte[417 * frames];
        for (int f = 0; f < frames; f++) {
            out[f * 417] = (byte) 0xFF;
            out[f * 417 + 1] = (byte) 0xFB;
            out[f * 417 + 2] = (byte) 0x90;
            out[f * 417 + 3] = (byte) 0x64;
        }
        return out;
    }

    /** An ID3v2.3 tag with a title frame, then MPEG frames. */
    public static byte[] mp3WithId3() {
        byte[] title = concat(ascii("TIT2"), new byte[] {0, 0, 0, 6, 0, 0, 0}, ascii("Hello"));
        int size = title.length;
        byte[] tag = concat(
                ascii("ID3"), new byte[] {3, 0, 0, 0, 0, (byte) ((size >> 7) & 0x7F), (byte) (size & 0x7F)}, title);
        return concat(tag, mp3Frames(3));
    }

    /** 8 kHz mono 8-bit PCM. */
    public static byte[] wav() {
        ByteBuffer fmt = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) 1)
                .putShort((short) 1)
                .putInt(8000)
                .putInt(8000)
                .putShort((short) 1)
                .putShort((short) 8);
        return riff("WAVE", chunk("fmt ", fmt.array()), chunk("data", new byte[80]));
    }

    public static byte[] avi() {
        byte[] avih = new byte[56];
        return riff("AVI ", chunk("LIST", concat(ascii("hdrl"), chunk("avih", avih))), chunk("LIST", ascii("movi")));
    }

    static byte[] riff(String form, byte[]... chunks) {
        byte[] body = concat(ascii(form), concat(chunks));
        return concat(ascii("RIFF"), le32(body.length), body);
    }

    static byte[] chunk(String id, byte[] data) {
        return concat(ascii(id), le32(data.length), data);
    }

    // ---- helpers

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] head(byte[] data, int n) {
        return java.util.Arrays.copyOf(data, Math.min(n, data.length));
    }

    public static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
