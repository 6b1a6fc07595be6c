package io.obitox.validation;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Expands dropped paths into files, depth first, each folder's entries in name order, files before sub-folders.
 *
 * <p>Links that stay inside the dropped folder are followed (a link to a file uploads the file), and every folder is
 * entered once: folders are identified by their file key (device and inode) or, where the file system has none, their
 * real path, so a link back up the tree cannot loop. A link (or Windows junction) whose target resolves outside the
 * dropped folder is not followed unless {@code followLinks}: it goes to {@link Sink#linkOutside}, because a folder
 * made by someone else can hold {@code notes.txt -> ~/.aws/credentials}. Hidden and system files and folders inside
 * dropped folders are skipped unless the policy includes them. A path the user named directly is always taken,
 * wherever it points: that is the user's own choice. Only one folder listing is held at a time, plus the list of
 * folders still to visit.
 *
 * <p>Used by one thread at a time.
 */
final class FolderWalker {
    /** Where the walk goes; {@link #file} may block (a full queue) and returns false to stop the walk. */
    interface Sink {
        boolean file(Path path, String relativePath) throws InterruptedException;

        void skipped(SkippedPath skipped);

        void unreadableFolder(Path path, String relativePath, String reason);

        /** A link in a dropped folder that leads out of it ({@code target} is its resolved real path). */
        void linkOutside(Path link, String relativePath, Path target);
    }

    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private final boolean includeHidden;
    private final boolean followLinks;
    private final BooleanSupplier cancelled;
    private final Sink sink;
    private final Set<Object> visited = new HashSet<>();

    FolderWalker(boolean includeHidden, boolean followLinks, BooleanSupplier cancelled, Sink sink) {
        this.includeHidden = includeHidden;
        this.followLinks = followLinks;
        this.cancelled = cancelled;
        this.sink = sink;
    }

    void walk(List<Path> roots) throws InterruptedException {
        for (Path root : roots) {
            if (cancelled.getAsBoolean()) {
                return;
            }
            Path fileName = root.getFileName();
            String rel = fileName == null ? "" : fileName.toString();
            BasicFileAttributes attrs = attributes(root);
            if (attrs != null && attrs.isDirectory()) {
                if (!walkTree(root, rel, attrs)) {
                    return;
                }
            } else if (!sink.file(root, rel.isEmpty() ? root.toString() : rel)) {
                return; // missing or special files are reported by the validator, with their reason
            }
        }
    }

    private boolean walkTree(Path root, String rootRel, BasicFileAttributes rootAttrs) throws InterruptedException {
        if (!visited.add(identity(root, rootAttrs))) {
            sink.skipped(new SkippedPath(root, rootRel, "folder already included"));
            return true;
        }
        Path rootReal = followLinks ? null : FolderLinks.realPath(root);
        Deque<Path> dirs = new ArrayDeque<>();
        Deque<String> rels = new ArrayDeque<>();
        dirs.push(root);
        rels.push(rootRel);
        while (!dirs.isEmpty()) {
            Path dir = dirs.pop();
            String dirRel = rels.pop();
            // each entry's name is made once and sorted with it (a comparator making names made two per compare,
            // n log n of them: a folder of 1,000 files made 20,000)
            List<Named> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                for (Path p : stream) {
                    entries.add(new Named(p, p.getFileName().toString()));
                }
            } catch (IOException | RuntimeException e) {
                sink.unreadableFolder(dir, dirRel, reason(e));
                continue;
            }
            entries.sort(Comparator.comparing(Named::name));
            List<Path> subdirs = new ArrayList<>();
            for (Named named : entries) {
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                Path entry = named.path();
                String name = named.name();
                String rel = dirRel.isEmpty() ? name : dirRel + "/" + name;
                if (!includeHidden && FileNames.isHiddenOrSystem(name)) {
                    sink.skipped(new SkippedPath(entry, rel, "hidden or system file"));
                    continue;
                }
                if (rootReal != null) {
                    Path outside = FolderLinks.outsideTarget(entry, rootReal);
                    if (outside != null) {
                        sink.linkOutside(entry, rel, outside);
                        continue;
                    }
                }
                BasicFileAttributes attrs = attributes(entry);
                if (!includeHidden && attrs instanceof DosFileAttributes dos && (dos.isHidden() || dos.isSystem())) {
                    sink.skipped(new SkippedPath(entry, rel, "hidden or system file"));
                } else if (attrs != null && attrs.isDirectory()) {
                    if (visited.add(identity(entry, attrs))) {
                        subdirs.add(entry);
                    } else {
                        sink.skipped(
                                new SkippedPath(entry, rel, "folder already included (a link back into the tree)"));
                    }
                } else if (!sink.file(entry, rel)) {
                    return false;
                }
            }
            for (int i = subdirs.size() - 1; i >= 0; i--) {
                dirs.push(subdirs.get(i));
                rels.push(
                        dirRel.isEmpty()
                                ? subdirs.get(i).getFileName().toString()
                                : dirRel + "/" + subdirs.get(i).getFileName());
            }
        }
        return true;
    }

    /** A folder entry with its name, made once for sorting and walking. */
    private record Named(Path path, String name) {}

    /** The attributes following links, or null when they cannot be read (the validator reports why). */
    private static BasicFileAttributes attributes(Path p) {
        try {
            return WINDOWS
                    ? Files.readAttributes(p, DosFileAttributes.class)
                    : Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Object identity(Path dir, BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        if (key != null) {
            return key;
        }
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
