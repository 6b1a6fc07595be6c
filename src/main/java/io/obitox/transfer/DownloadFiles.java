package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import io.obitox.validation.FileNames;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where downloads go on disk (issue 18): object keys made into safe relative paths that never leave the chosen
 * folder, the {@code NAME.obitox-part} file a download is written into, "keep both" names, and the final rename.
 * Stateless and thread-safe.
 */
public final class DownloadFiles {
    /** The suffix of the file a download is written into until it is verified. */
    public static final String PART_SUFFIX = ".obitox-part";

    private DownloadFiles() {}

    /** {@code NAME.obitox-part} beside {@code destination}. */
    public static Path partFile(Path destination) {
        return destination.resolveSibling(destination.getFileName() + PART_SUFFIX);
    }

    /**
     * {@code relativeKey} (a key, or the part of it below the prefix being downloaded) as a path inside {@code root}:
     * split at {@code /} and {@code \}, empty, {@code .} and {@code ..} segments dropped (so {@code ../x} and {@code
     * a//b} stay inside), every segment made safe by {@link FileNames#sanitize} (control characters, reserved names
     * such as {@code CON.txt}, over-long names shortened to 243 bytes keeping the extension, so that the part file's
     * name fits in 255 too). The result is checked
     * to be below {@code root} however the key was written.
     */
    public static Path inside(Path root, String relativeKey) {
        Path base = root.toAbsolutePath().normalize();
        List<String> segments = new ArrayList<>();
        for (String s : relativeKey.split("[/\\\\]")) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                continue;
            }
            segments.add(shorten(FileNames.sanitize(s), FileNames.MAX_BYTES - PART_SUFFIX.length()));
        }
        if (segments.isEmpty()) {
            segments.add(FileNames.FALLBACK);
        }
        Path p = base;
        for (String s : segments) {
            p = p.resolve(s);
        }
        p = p.normalize();
        if (!p.startsWith(base) || p.equals(base)) {
            throw new ObitoxException(
                    "UNSAFE_KEY",
                    "The key '" + relativeKey + "' cannot be written inside " + base + ".",
                    "Download it on its own to a file name you choose.");
        }
        return p;
    }

    /**
     * {@code name} at most {@code max} bytes of UTF-8, so that its part file's name fits too: the base is cut (never
     * inside a character), the extension kept.
     */
    static String shorten(String name, int max) {
        if (FileNames.utf8Length(name) <= max) {
            return name;
        }
        String ext = FileNames.extension(name);
        String tail = ext.isEmpty() || ext.length() > 32 ? "" : name.substring(name.length() - ext.length() - 1);
        StringBuilder base = new StringBuilder();
        int budget = max - FileNames.utf8Length(tail);
        for (int i = 0; i < name.length() - tail.length(); ) {
            int cp = name.codePointAt(i);
            String c = new String(Character.toChars(cp));
            if (FileNames.utf8Length(base + c) > budget) {
                break;
            }
            base.append(c);
            i += Character.charCount(cp);
        }
        return base + tail;
    }

    /**
     * "Keep both": {@code name (1).ext}, {@code name (2).ext}, … the first that exists neither on disk nor among
     * {@code taken} (names other downloads of the same run will use).
     */
    public static Path keepBoth(Path destination, Set<Path> taken) {
        String name = destination.getFileName().toString();
        String ext = FileNames.extension(name);
        String base = ext.isEmpty() ? name : name.substring(0, name.length() - ext.length() - 1);
        for (int i = 1; ; i++) {
            Path candidate = destination.resolveSibling(base + " (" + i + ")" + (ext.isEmpty() ? "" : "." + ext));
            if (!taken.contains(candidate) && !Files.exists(candidate) && !Files.exists(partFile(candidate))) {
                return candidate;
            }
        }
    }

    /**
     * Renames the verified part file into place in one step (a reader sees the old file or the new one, never a
     * mix). {@code replace} false: a file that appeared at {@code destination} meanwhile is kept and the download
     * fails with {@code LOCAL_EXISTS}.
     */
    static void moveIntoPlace(Path part, Path destination, boolean replace) {
        try {
            if (!replace && Files.exists(destination)) {
                throw new FileAlreadyExistsException(destination.toString());
            }
            try {
                Files.move(part, destination, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileAlreadyExistsException e) {
            throw new ObitoxException(
                    "LOCAL_EXISTS",
                    destination + " appeared while it was being downloaded and was kept; the download is in "
                            + part.getFileName() + ".",
                    "Move the file away and retry, or download again with --if-exists overwrite or rename.");
        } catch (IOException e) {
            throw localWrite(destination, e);
        }
    }

    /** A local write that failed, in plain words (a full disk, a folder that cannot be written). */
    static ObitoxException localWrite(Path file, IOException e) {
        return new ObitoxException(
                "LOCAL_WRITE_FAILED",
                "Could not write " + file + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ".",
                "Check that the folder exists, is writable and has free space, then retry.",
                e);
    }
}
