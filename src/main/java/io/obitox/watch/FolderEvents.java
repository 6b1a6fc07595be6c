package io.obitox.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The JDK {@link WatchService} over a folder and (when recursive) every folder below it; a folder that appears is
 * registered when its event arrives, and the files already in it are handed back so none is missed between its
 * creation and its registration. Folders the rules leave out whole, and the {@code .uploaded} folder, are not
 * watched. One per watch while its folder is there; confined to the watch's thread except {@link #close}, which
 * any thread may call to wake a blocked {@link #poll}.
 */
final class FolderEvents implements AutoCloseable {
    private final Path root;
    private final boolean recursive;
    private final Predicate<Path> skipFolder;
    private final WatchService service;
    private final Map<WatchKey, Path> folders = new HashMap<>();
    private int unwatched; // folders the OS refused to watch (e.g. the inotify limit): only the scan sees them

    /** What {@link #poll} found: files touched, folders that appeared (with their files), and whether events were lost. */
    record Batch(List<Path> files, boolean overflow, boolean rootGone) {}

    /**
     * @param skipFolder folders (absolute) that must not be watched nor walked
     * @throws IOException when the folder cannot be watched (gone, or permission denied)
     */
    FolderEvents(Path root, boolean recursive, Predicate<Path> skipFolder) throws IOException {
        this.root = root;
        this.recursive = recursive;
        this.skipFolder = skipFolder;
        this.service = FileSystems.getDefault().newWatchService();
        try {
            register(root, null);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for events (0 = only what is there) and returns them. Throws {@link
     * ClosedWatchServiceException} once closed.
     */
    Batch poll(long timeoutMillis) throws InterruptedException {
        List<Path> files = new ArrayList<>();
        boolean overflow = false;
        WatchKey key = timeoutMillis <= 0 ? service.poll() : service.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        while (key != null) {
            Path dir = folders.get(key);
            for (WatchEvent<?> ev : key.pollEvents()) {
                if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                    overflow = true;
                    continue;
                }
                if (dir == null || ev.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
                    continue;
                }
                Path child = dir.resolve((Path) ev.context());
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    if (recursive && ev.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                        try {
                            register(child, files);
                        } catch (IOException e) {
                            overflow = true; // the next scan looks again
                        }
                    }
                } else {
                    files.add(child);
                }
            }
            if (!key.reset()) {
                folders.remove(key); // its folder is gone
            }
            key = service.poll();
        }
        boolean rootGone = !Files.isDirectory(root);
        return new Batch(files, overflow, rootGone);
    }

    /** Registers {@code dir} (and, when recursive, every folder below), adding files found to {@code found}. */
    private void register(Path dir, List<Path> found) throws IOException {
        if (!recursive) {
            folders.put(dir.register(service, kinds()), dir);
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(root) && skipFolder.test(d)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                try {
                    folders.put(d.register(service, kinds()), d);
                } catch (IOException e) {
                    if (d.equals(root)) {
                        throw e;
                    }
                    unwatched++; // e.g. fs.inotify.max_user_watches reached: the scan still finds its files
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (found != null && attrs.isRegularFile()) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (file.equals(dir)) {
                    throw exc;
                }
                return FileVisitResult.CONTINUE; // a sub-folder we may not read: the scan reports nothing worse
            }
        });
    }

    int folderCount() {
        return folders.size();
    }

    /** Folders the OS refused to watch (their files are found by the reconciling scan only). */
    int unwatched() {
        return unwatched;
    }

    @SuppressWarnings("unchecked")
    private static WatchEvent.Kind<Path>[] kinds() {
        return new WatchEvent.Kind[] {
            StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE
        };
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException ignored) {
            // nothing to do: the keys are gone with it
        }
    }
}
