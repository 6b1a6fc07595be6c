package io.obitox.watch;

import io.obitox.sync.ExcludeRules;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The reconciling scan: walks the watched folder and hands every file the ledger does not know as it is now (new,
 * changed, or failed before) to the {@link Settler}. 500 paths per ledger query and nothing else is kept, so a tree
 * of 100,000 files costs one walk and 200 indexed queries, not 100,000 objects. Confined to the watch's thread.
 */
final class FolderScan {
    private final Watch watch;
    private final WatchLedger ledger;
    private final Settler settler;
    private final Predicate<Path> skipFolder;
    private final BooleanSupplier stopped;

    /**
     * @param skipFolder folders neither walked nor watched ({@code .uploaded/}, folders the rules exclude whole)
     * @param stopped ends the walk early when true
     */
    FolderScan(Watch watch, WatchLedger ledger, Settler settler, Predicate<Path> skipFolder, BooleanSupplier stopped) {
        this.watch = watch;
        this.ledger = ledger;
        this.settler = settler;
        this.skipFolder = skipFolder;
        this.stopped = stopped;
    }

    /**
     * Walks the folder; files that cannot be read are passed over (the next scan tries them again).
     *
     * @throws IOException when the folder itself cannot be walked (gone, permission denied)
     */
    void run(long nowMillis) throws IOException {
        Map<String, Settler.Candidate> chunk = new HashMap<>();
        Files.walkFileTree(
                watch.folder(), Set.of(), watch.recursive() ? Integer.MAX_VALUE : 1, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                        return !d.equals(watch.folder()) && skipFolder.test(d)
                                ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                        if (a.isRegularFile()) {
                            chunk.put(
                                    ExcludeRules.relativePath(watch.folder(), f),
                                    new Settler.Candidate(
                                            f, a.size(), a.lastModifiedTime().toMillis()));
                            if (chunk.size() >= WatchLedger.CHUNK) {
                                offer(chunk, nowMillis);
                            }
                        }
                        return stopped.getAsBoolean() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        offer(chunk, nowMillis);
    }

    private void offer(Map<String, Settler.Candidate> chunk, long now) {
        Map<String, WatchLedger.Entry> known = ledger.lookup(watch.id(), chunk.keySet());
        for (var e : chunk.entrySet()) {
            WatchLedger.Entry had = known.get(e.getKey());
            Settler.Candidate c = e.getValue();
            if (had == null || !had.sameFile(c.size(), c.mtime()) || had.outcome() == WatchLedger.Outcome.FAILED) {
                settler.found(c.path(), c.size(), c.mtime(), now);
            }
        }
        chunk.clear();
    }
}
