import io.obitox.validation.Corpus;
import io.obitox.validation.Programs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The labelled benchmark corpus: N files of 56 kinds in realistic proportions, sizes log-uniform between 512 B and
 * 128 KiB, 15 % of them with the extension of another kind and 5 % with none (so neither tool can lean on names).
 * The label is what the content really is. Deterministic for a given seed.
 */
final class CorpusGenerator {
    record Kind(String label, String ext, int weight, IntFunction<byte[]> make) {}

    private final Random random;

    CorpusGenerator(long seed) {
        this.random = new Random(seed);
    }

    List<Kind> kinds() {
        List<Kind> k = new ArrayList<>();
        // photos and pictures
        k.add(new Kind("jpeg", "jpg", 120, n -> pad(Corpus.jpeg(), n)));
        k.add(new Kind("png", "png", 60, n -> pad(Corpus.png(), n)));
        k.add(new Kind("gif", "gif", 10, n -> pad(Corpus.gif(), n)));
        k.add(new Kind("webp", "webp", 15, n -> pad(Corpus.webp(), n)));
        k.add(new Kind("bmp", "bmp", 3, n -> Corpus.image("bmp")));
        k.add(new Kind("tiff", "tif", 3, n -> Corpus.image("tiff")));
        k.add(new Kind("heic", "heic", 15, n -> pad(Corpus.isoMedia("heic", "mif1", "heic"), n)));
        k.add(new Kind("avif", "avif", 5, n -> pad(Corpus.isoMedia("avif", "avif", "mif1", "miaf"), n)));
        k.add(new Kind("svg", "svg", 5, n -> text("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"10\" height=\"10\">\n", "<rect width=\"1\" height=\"1\"/>\n", "</svg>\n", n)));
        // documents
        k.add(new Kind("pdf", "pdf", 60, n -> pad(Corpus.pdf(), n)));
        k.add(new Kind("docx", "docx", 30, n -> office("word", n, false)));
        k.add(new Kind("docx-late", "docx", 5, n -> office("word", Math.max(n, 70_000), true)));
        k.add(new Kind("docx-late", "docx", 5, n -> thumbnailFirst("word", Math.max(n, 70_000))));
        k.add(new Kind("xlsx", "xlsx", 20, n -> office("xl", n, false)));
        k.add(new Kind("pptx", "pptx", 10, n -> office("ppt", n, false)));
        k.add(new Kind("odt", "odt", 5, n -> Corpus.odt()));
        k.add(new Kind("epub", "epub", 5, n -> Corpus.epub()));
        k.add(new Kind("doc", "doc", 5, n -> Programs.ole(Programs.WORD_CLSID, "WordDocument")));
        k.add(new Kind("xls", "xls", 5, n -> Programs.ole("00020820-0000-0000-C000-000000000046", "Workbook")));
        k.add(new Kind("text", "txt", 50, n -> text("", "The quick brown fox jumps over the lazy dog. ", "\n", n)));
        k.add(new Kind("csv", "csv", 20, n -> text("id,name,amount\n", "1,alpha,3.50\n", "", n)));
        k.add(new Kind("json", "json", 20, n -> text("{\"items\": [\n", "  {\"id\": 1, \"name\": \"a\"},\n",
                "  {\"id\": 2}\n]}\n", n)));
        k.add(new Kind("html", "html", 15, n -> text("<!DOCTYPE html>\n<html><head><title>t</title></head><body>\n",
                "<p>Hello</p>\n", "</body></html>\n", n)));
        k.add(new Kind("xml", "xml", 10, n -> text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<root>\n",
                "  <item>1</item>\n", "</root>\n", n)));
        // media
        k.add(new Kind("mp4", "mp4", 25, n -> pad(Corpus.isoMedia("isom", "isom", "iso2", "avc1", "mp41"), n)));
        k.add(new Kind("mp4", "mp4", 10, n -> pad(Corpus.isoMedia("mp42", "mp42", "isom"), n)));
        k.add(new Kind("mp4", "mp4", 5, n -> pad(Corpus.isoMedia("avc1", "avc1", "isom"), n)));
        k.add(new Kind("m4v", "m4v", 3, n -> pad(Corpus.isoMedia("M4V ", "M4V ", "M4A ", "mp42", "isom"), n)));
        k.add(new Kind("m4a", "m4a", 8, n -> pad(Corpus.isoMedia("M4A ", "M4A ", "mp42", "isom"), n)));
        k.add(new Kind("mov", "mov", 15, n -> pad(Corpus.isoMedia("qt  ", "qt  "), n)));
        k.add(new Kind("3gp", "3gp", 3, n -> pad(Corpus.isoMedia("3gp4", "3gp4", "isom"), n)));
        k.add(new Kind("webm", "webm", 8, n -> pad(Corpus.matroska("webm"), n)));
        k.add(new Kind("mkv", "mkv", 8, n -> pad(Corpus.matroska("matroska"), n)));
        k.add(new Kind("mp3", "mp3", 20, n -> Corpus.concat(Corpus.mp3WithId3(), Corpus.mp3Frames(1 + n / 417))));
        k.add(new Kind("mp3", "mp3", 10, n -> Corpus.mp3Frames(2 + n / 417)));
        k.add(new Kind("wav", "wav", 8, n -> Corpus.wav()));
        k.add(new Kind("avi", "avi", 5, n -> pad(Corpus.avi(), n)));
        k.add(new Kind("flac", "flac", 5, n -> pad(flac(), n)));
        k.add(new Kind("ogg", "ogg", 5, n -> pad(ogg(), n)));
        // archives
        k.add(new Kind("zip", "zip", 25, n -> zip(n)));
        k.add(new Kind("gzip", "gz", 10, n -> pad(new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 3}, n)));
        k.add(new Kind("bzip2", "bz2", 3, n -> pad(ascii("BZh91AY&SY"), n)));
        k.add(new Kind("xz", "xz", 3, n -> pad(new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 0, 4}, n)));
        k.add(new Kind("7z", "7z", 3, n -> pad(new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4},
                n)));
        k.add(new Kind("tar", "tar", 5, n -> tar(n)));
        // programs
        k.add(new Kind("pe", "exe", 12, n -> pad(Programs.pe(true, false), n)));
        k.add(new Kind("pe", "exe", 4, n -> pad(Programs.pe(false, false), n)));
        k.add(new Kind("pe", "dll", 4, n -> pad(Programs.pe(true, true), n)));
        k.add(new Kind("elf", "", 6, n -> pad(Programs.elf(true, true, 2), n)));
        k.add(new Kind("elf", "so", 6, n -> pad(Programs.elf(true, true, 3), n)));
        k.add(new Kind("macho", "", 2, n -> pad(Programs.machO(true, true, 2), n)));
        k.add(new Kind("macho", "", 1, n -> pad(Programs.machO(false, false, 2), n)));
        k.add(new Kind("macho", "dylib", 1, n -> pad(Programs.machO(true, true, 6), n)));
        k.add(new Kind("macho", "", 2, n -> pad(Programs.fatMachO(false), n)));
        k.add(new Kind("java-class", "class", 3, n -> Corpus.javaClass()));
        k.add(new Kind("jar", "jar", 4, n -> Corpus.jar()));
        k.add(new Kind("apk", "apk", 2, n -> Corpus.apk()));
        k.add(new Kind("script", "sh", 6, n -> text("#!/bin/sh\n", "echo hello\n", "", n)));
        k.add(new Kind("script", "py", 6, n -> text("#!/usr/bin/env python3\n", "print('hello')\n", "", n)));
        k.add(new Kind("lnk", "lnk", 2, n -> Programs.lnk()));
        k.add(new Kind("msi", "msi", 2, n -> Programs.msi()));
        // the rest: unknown binary data and empty files
        k.add(new Kind("unknown", "bin", 20, n -> Corpus.random(n, random.nextLong())));
        k.add(new Kind("empty", "txt", 3, n -> new byte[0]));
        return k;
    }

    /** Writes the corpus and returns path → label, in creation order. */
    Map<Path, String> generate(Path dir, int files) throws IOException {
        List<Kind> kinds = kinds();
        int total = kinds.stream().mapToInt(Kind::weight).sum();
        Map<Path, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < files; i++) {
            int pick = random.nextInt(total);
            Kind kind = null;
            for (Kind k : kinds) {
                pick -= k.weight();
                if (pick < 0) {
                    kind = k;
                    break;
                }
            }
            int size = (int) Math.round(Math.exp(Math.log(512) + random.nextDouble() * (Math.log(131_072) - Math.log(512))));
            String ext = kind.ext();
            double r = random.nextDouble();
            if (r < 0.15) {
                ext = kinds.get(random.nextInt(kinds.size())).ext(); // another kind's extension
            } else if (r < 0.20) {
                ext = "";
            }
            Path p = dir.resolve(String.format("d%02d/f%05d%s", i % 50, i, ext.isEmpty() ? "" : "." + ext));
            Files.createDirectories(p.getParent());
            Files.write(p, kind.make().apply(size));
            labels.put(p, kind.label());
        }
        return labels;
    }

    private byte[] pad(byte[] head, int size) {
        if (size <= head.length) {
            return head;
        }
        byte[] out = new byte[size];
        System.arraycopy(head, 0, out, 0, head.length);
        byte[] tail = new byte[size - head.length];
        random.nextBytes(tail);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    private static byte[] text(String head, String line, String tail, int size) {
        StringBuilder sb = new StringBuilder(head);
        while (sb.length() + tail.length() < size) {
            sb.append(line);
        }
        return sb.append(tail).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] office(String part, int size, boolean contentTypesLast) {
        String main = switch (part) {
            case "word" -> "word/document.xml";
            case "xl" -> "xl/workbook.xml";
            default -> "ppt/presentation.xml";
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            if (!contentTypesLast) {
                put(z, "[Content_Types].xml", ascii("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas."
                        + "openxmlformats.org/package/2006/content-types\"/>"), false);
            }
            if (contentTypesLast) {
                // as streaming writers produce it: media first (deflated, sizes only in a data descriptor after the
                // data), [Content_Types].xml last
                put(z, part + "/media/image1.png", randomBytes(Math.max(0, size - 1500)), false);
            }
            put(z, "_rels/.rels", ascii("<?xml version=\"1.0\"?><Relationships/>"), false);
            put(z, main, ascii("<?xml version=\"1.0\"?><doc/>"), false);
            if (!contentTypesLast) {
                // the layout Office writes: content types, relationships, main part, then media
                put(z, part + "/media/image1.png", randomBytes(Math.max(0, size - 1500)), true);
            }
            if (contentTypesLast) {
                put(z, "[Content_Types].xml", ascii("<?xml version=\"1.0\"?><Types/>"), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A package as streaming writers produce it: the first entry a large deflated {@code docProps/thumbnail.jpeg}
     * (sizes only in the data descriptor after its data), the parts after it, {@code [Content_Types].xml} last.
     */
    private byte[] thumbnailFirst(String part, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            put(z, "docProps/thumbnail.jpeg", pad(Corpus.jpeg(), Math.max(0, size - 1500)), false);
            put(z, "_rels/.rels", ascii("<?xml version=\"1.0\"?><Relationships/>"), false);
            put(z, part + "/document.xml", ascii("<?xml version=\"1.0\"?><doc/>"), false);
            put(z, "[Content_Types].xml", ascii("<?xml version=\"1.0\"?><Types/>"), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private byte[] zip(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            put(z, "readme.txt", ascii("hello"), false);
            put(z, "data/blob.bin", randomBytes(Math.max(0, size - 300)), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private byte[] tar(int size) {
        byte[] header = new byte[512];
        byte[] name = ascii("hello.txt");
        System.arraycopy(name, 0, header, 0, name.length);
        System.arraycopy(ascii("0000644\0" + "0001750\0" + "0001750\0"), 0, header, 100, 24);
        System.arraycopy(ascii(String.format("%011o\0", 5)), 0, header, 124, 12);
        System.arraycopy(ascii(String.format("%011o\0", 1_700_000_000L)), 0, header, 136, 12);
        header[156] = '0';
        System.arraycopy(ascii("ustar\u000000"), 0, header, 257, 8);
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        System.arraycopy(ascii(String.format("%06o\0 ", sum)), 0, header, 148, 8);
        byte[] body = new byte[Math.max(1024, (size / 512 + 1) * 512)];
        System.arraycopy(ascii("hello"), 0, body, 0, 5);
        return Corpus.concat(header, body);
    }

    private static byte[] flac() {
        ByteBuffer b = ByteBuffer.allocate(42);
        b.put(ascii("fLaC")).put((byte) 0x80).put((byte) 0).put((byte) 0).put((byte) 34);
        b.putShort((short) 4096).putShort((short) 4096);
        return b.array();
    }

    private static byte[] ogg() {
        byte[] page = new byte[58];
        System.arraycopy(ascii("OggS"), 0, page, 0, 4);
        page[5] = 2;
        page[26] = 1;
        page[27] = 30;
        System.arraycopy(ascii("\u0001vorbis"), 0, page, 28, 7);
        return page;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
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
}
