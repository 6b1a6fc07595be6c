package io.obitox.validation;

import io.obitox.common.TextRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates what the user dropped or named (the plan's {@code validateFiles}): files and folders, folders walked
 * recursively by {@link FolderWalker}, results streamed to a {@link BatchListener} as they come.
 *
 * <p>One walker task feeds a bounded queue ({@value #QUEUE_CAPACITY} files) that {@code parallelism} worker tasks
 * drain, all on the given executor; {@link #start} returns at once. Memory stays bounded for a 100,000-file drop:
 * besides the queue only the set of visited folders and the map of keys seen so far (for DUPLICATE_KEY, about 100
 * bytes per file) grow with the batch. Thread-safe; any number of batches may run at once.
 */
public final class BatchValidator {
    public static final int QUEUE_CAPACITY = 512;
    private static final Logger log = LoggerFactory.getLogger(BatchValidator.class);
    private static final Item END = new Item(null, null, null);

    private final FileValidator validator;
    private final Executor executor;
    private final int parallelism;

    public BatchValidator(FileValidator validator, Executor executor, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.validator = validator;
        this.executor = executor;
        this.parallelism = parallelism;
    }

    /** Starts the batch in the background and returns its handle at once. */
    public BatchHandle start(BatchRequest request, BatchListener listener) {
        Run run = new Run(request, listener);
        try {
            executor.execute(run::walk);
            for (int i = 0; i < parallelism; i++) {
                executor.execute(run::work);
            }
        } catch (RejectedExecutionException e) {
            run.handle.cancel();
            run.handle.completion.completeExceptionally(e);
        }
        return run.handle;
    }

    /**
     * Validates everything and returns the verdicts sorted by path. Blocks until done; meant for the CLI and
     * for short lists (a large drop in the UI should use {@link #start} and stream).
     */
    public BatchResult validateFiles(BatchRequest request) {
        List<ValidationResult> valid = new ArrayList<>();
        List<ValidationResult> invalid = new ArrayList<>();
        List<SkippedPath> skipped = new ArrayList<>();
        BatchHandle handle = start(request, new BatchListener() {
            @Override
            public void onResult(ValidationResult r) {
                (r.valid() ? valid : invalid).add(r);
            }

            @Override
            public void onSkipped(SkippedPath s) {
                skipped.add(s);
            }
        });
        BatchProgress progress;
        try {
            progress = handle.completion().join();
        } catch (CompletionException e) {
            handle.cancel();
            throw e;
        }
        // the listener ran on other threads; completion() happens-after every call, so the lists are complete
        Comparator<ValidationResult> byPath = Comparator.comparing(r -> r.path().toString());
        valid.sort(byPath);
        invalid.sort(byPath);
        return new BatchResult(valid, invalid, skipped, progress);
    }

    public BatchResult validateFiles(List<Path> paths, ValidationPolicy policy) {
        return validateFiles(new BatchRequest(paths, policy));
    }

    private record Item(Path path, String relativePath, Path duplicateOf) {}

    /** One batch: the queue between the walker and the workers, and the listener's lock. */
    private final class Run {
        final BatchHandle handle = new BatchHandle();
        final BatchRequest request;
        final BatchListener listener;
        final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        final AtomicInteger running = new AtomicInteger(parallelism + 1);
        final Object listenerLock = new Object();
        /** Keys seen so far → first file; touched by the walker thread only. */
        final Map<String, Path> keys = new HashMap<>();

        Run(BatchRequest request, BatchListener listener) {
            this.request = request;
            this.listener = listener;
        }

        void walk() {
            FolderWalker walker = new FolderWalker(
                    request.policy().includeHidden(),
                    request.policy().followLinks(),
                    handle::isCancelled,
                    new WalkSink());
            try {
                walker.walk(request.paths());
            } catch (InterruptedException e) {
                handle.cancel();
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("Folder walk failed", e);
                handle.cancel();
            } finally {
                handle.walkDone.set(true);
                try {
                    int ends = 0;
                    while (ends < parallelism && put(END)) {
                        ends++; // one END per worker
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                finish();
            }
        }

        /** Blocks while the queue is full; gives up (false) once the batch is cancelled. */
        private boolean put(Item item) throws InterruptedException {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (handle.isCancelled()) {
                    return false;
                }
            }
            return true;
        }

        void work() {
            try {
                while (true) {
                    Item item = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (item == END) {
                        return; // the walker puts one END per worker after the last file
                    }
                    if (item == null) {
                        if (handle.isCancelled()) {
                            return;
                        }
                        continue;
                    }
                    if (handle.isCancelled()) {
                        continue; // drain without checking
                    }
                    publish(check(item));
                }
            } catch (InterruptedException e) {
                handle.cancel();
                Thread.currentThread().interrupt();
            } finally {
                finish();
            }
        }

        private ValidationResult check(Item item) {
            ValidationResult r =
                    validator.validate(item.path(), item.relativePath(), request.keyPrefix(), request.policy());
            if (item.duplicateOf() == null || r.error() != null) {
                return r;
            }
            return r.rejectedFor(ValidationIssue.of(
                    ValidationCode.DUPLICATE_KEY,
                    TextRef.of(
                            "val.duplicateKey",
                            r.objectKey(),
                            item.duplicateOf().toString()),
                    "objectKey",
                    r.objectKey(),
                    "otherPath",
                    item.duplicateOf().toString()));
        }

        private void publish(ValidationResult r) {
            handle.checked.incrementAndGet();
            if (r.valid()) {
                handle.valid.incrementAndGet();
                handle.validBytes.addAndGet(Math.max(0, r.size()));
            } else {
                handle.invalid.incrementAndGet();
            }
            deliver(() -> listener.onResult(r));
        }

        private void deliver(Runnable call) {
            synchronized (listenerLock) {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    log.warn("Batch listener failed; going on", e);
                }
            }
        }

        private void finish() {
            if (running.decrementAndGet() == 0) {
                synchronized (listenerLock) {
                    // taking the lock orders every listener call before completion (see validateFiles)
                    handle.completion.complete(handle.snapshot(true));
                }
            }
        }

        /** Runs on the walker thread. */
        private final class WalkSink implements FolderWalker.Sink {
            @Override
            public boolean file(Path path, String relativePath) throws InterruptedException {
                String key = ObjectKeys.key(
                        request.keyPrefix(), relativePath, request.policy().sanitizeNames());
                Path first = keys.putIfAbsent(key, path);
                handle.found.incrementAndGet();
                return put(new Item(path, relativePath, first));
            }

            @Override
            public void skipped(SkippedPath skipped) {
                handle.skipped.incrementAndGet();
                deliver(() -> listener.onSkipped(skipped));
            }

            @Override
            public void unreadableFolder(Path path, String relativePath, String reason) {
                rejectUnread(
                        path,
                        relativePath,
                        ValidationIssue.of(
                                ValidationCode.UNREADABLE,
                                TextRef.of("val.folderUnreadable", reason),
                                "reason",
                                reason));
            }

            @Override
            public void linkOutside(Path link, String relativePath, Path target) {
                rejectUnread(
                        link,
                        relativePath,
                        ValidationIssue.of(
                                ValidationCode.LINK_OUTSIDE_FOLDER,
                                TextRef.of("val.linkOutside", target.toString()),
                                "target",
                                target.toString()));
            }

            /** A path rejected without reading it (nothing to detect, no key). */
            private void rejectUnread(Path path, String relativePath, ValidationIssue issue) {
                handle.found.incrementAndGet();
                Path name = path.getFileName();
                publish(new ValidationResult(
                        path,
                        relativePath,
                        -1,
                        null,
                        null,
                        null,
                        FileNames.sanitize(name == null ? "" : name.toString()),
                        null,
                        issue,
                        List.of(),
                        null));
            }
        }
    }
}
