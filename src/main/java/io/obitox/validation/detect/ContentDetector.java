package io.obitox.validation.detect;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Finds what a file really is from its bytes, never from its name alone.
 *
 * <p>Order: our own signatures for the formats that matter for uploads and security (images, media containers,
 * ZIP- and OLE-based documents, every kind of executable), then a text check, then Apache Tika's magic database
 * for everything else. Only the head is read ({@value #HEAD} bytes), plus, for ZIP, the end of the file (central
 * directory), for OLE one directory sector, and for a PE the header the DOS stub points to when it lies further in.
 * The answer depends on the bytes alone; {@link #contentTypeFor} adds what the name says where it is compatible.
 *
 * <p>Thread-safe and stateless apart from the shared {@link TypeRegistry}; one instance serves all threads. All
 * {@code detect} methods block on file I/O.
 */
public final class ContentDetector {
    /** Bytes read from the start of every file. */
    public static final int HEAD = 8192;

    private final TypeRegistry registry;

    public ContentDetector(TypeRegistry registry) {
        this.registry = registry;
    }

    public TypeRegistry registry() {
        return registry;
    }

    /**
     * Detects a file's type. Refuses anything but a regular file: opening a FIFO would block until a writer comes.
     *
     * @throws IOException when the file cannot be read, or is not a regular file
     */
    public DetectedType detect(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Not a regular file: " + file);
        }
        return detectRegularFile(file);
    }

    /** Detects the type of a file the caller has already checked to be a regular file. */
    public DetectedType detectRegularFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return detect(Source.of(channel, channel.size()));
        }
    }

    /** Detects the type of content held in memory (tests, benchmarks, previews). */
    public DetectedType detect(byte[] content) {
        try {
            return detect(Source.of(content));
        } catch (IOException e) {
            throw new IllegalStateException("in-memory read failed", e);
        }
    }

    DetectedType detect(Source src) throws IOException {
        long size = src.size();
        if (size == 0) {
            return DetectedType.EMPTY;
        }
        byte[] head = new byte[(int) Math.min(size, HEAD)];
        int n = src.read(0, head, 0, head.length);
        if (n <= 0) {
            return DetectedType.EMPTY; // shrank to nothing since we asked its size
        }
        DetectedType type = sniff(head, n, src);
        if (type == null) {
            type = TextSniffer.sniff(head, n, n == size);
        }
        if (type == null) {
            type = iso9660(src);
        }
        if (type == null) {
            type = registry.magic(head, n);
        }
        return type;
    }

    private static DetectedType sniff(byte[] h, int n, Source src) throws IOException {
        long size = src.size();
        DetectedType t = Signatures.images(h, n, size);
        if (t == null) {
            t = Media.riff(h, n);
        }
        if (t == null && ZipInspector.isZip(h, n)) {
            t = ZipInspector.inspect(h, n, src);
        }
        if (t == null) {
            t = Media.isoMedia(h, n);
        }
        if (t == null) {
            t = Media.matroska(h, n);
        }
        if (t == null) {
            t = Media.id3(h, n, size);
        }
        if (t == null) {
            t = executable(h, n, src);
        }
        if (t == null && OleInspector.isOle(h, n)) {
            t = OleInspector.inspect(h, n, src);
        }
        if (t == null) {
            t = Signatures.installers(h, n);
        }
        if (t == null) {
            t = Signatures.archivesAndDocuments(h, n);
        }
        if (t == null) {
            t = Media.ogg(h, n);
        }
        if (t == null) {
            t = Media.mpegFrames(h, n, size);
        }
        if (t == null) {
            t = Media.legacyQuickTime(h, n, size);
        }
        return t;
    }

    private static DetectedType executable(byte[] h, int n, Source src) throws IOException {
        DetectedType t = Executables.windows(h, n, src);
        if (t == null) {
            t = Executables.elf(h, n);
        }
        if (t == null) {
            t = Executables.machO(h, n);
        }
        if (t == null) {
            t = Executables.fatOrClass(h, n);
        }
        if (t == null) {
            t = Executables.shebang(h, n);
        }
        if (t == null) {
            t = Executables.windowsShortcut(h, n);
        }
        return t;
    }

    /** ISO 9660 disc images carry their signature at 32 KiB, beyond the head. */
    private static DetectedType iso9660(Source src) throws IOException {
        if (src.size() >= 32_774 && Bytes.at(src.readAt(32_769, 5), 5, 0, "CD001")) {
            return DetectedType.of("application/x-iso9660-image", "detect.iso9660DiscImage");
        }
        return null;
    }

    /**
     * The Content-Type to store a file with: the detected type, made more specific by the name when the name's type
     * is a kind of the detected one (text named {@code .css} → text/css, XML named {@code .svg} → image/svg+xml, an
     * OLE2 file named {@code .msg} → Outlook message), as Tika's own detection does. Unknown binary data stays
     * {@code application/octet-stream} whatever it is called.
     */
    public String contentTypeFor(DetectedType type, String name) {
        String detected = type.mediaType();
        if (name == null || detected.equals(DetectedType.UNKNOWN.mediaType()) || type == DetectedType.EMPTY) {
            return type == DetectedType.EMPTY && name != null ? emptyType(name) : detected;
        }
        String byName = registry.typeForName(name);
        if (!byName.equals(detected) && registry.isA(byName, detected)) {
            return byName;
        }
        return detected;
    }

    /** An empty file has no content to contradict its name; text types by name, else octet-stream. */
    private String emptyType(String name) {
        String byName = registry.typeForName(name);
        return registry.isA(byName, "text/plain") ? byName : DetectedType.UNKNOWN.mediaType();
    }
}
