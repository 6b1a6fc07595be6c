package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.testing.CliRun;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestPaths;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Live heap per file of the transfer core (issue 14, "bounded memory"): N tiny files (default 20,000; {@code
 * -Dbench.files=N}) uploaded to the in-process S3 proxy, (1) through {@link TransferService} with the app kept open,
 * measuring the heap still live after a full GC once everything settled, and (2) through {@code obitox upload} in
 * process, sampling the live heap after GC every second and reporting the peak above the level after the run. The
 * proxy keeps its objects in memory, so they are deleted before each "after" measurement. A measurement, not a test:
 * {@code mvn -o test -Dtest=EngineMemoryBench -Dtest.excludedGroups=}.
 */
@Tag("bench")
class EngineMemoryBench {
    private static final int FILES = Integer.getInteger("bench.files", 20_000);

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    void liveHeapPerFile() throws Exception {
        Path dir = TestPaths.newDir("engine-memory");
        Path folder = dir.resolve("many");
        Files.createDirectories(folder);
        for (int i = 0; i < FILES; i++) {
            Files.writeString(folder.resolve("file-" + i + ".txt"), "content of file " + i);
        }
        try (S3ProxyServer server = S3ProxyServer.start();
                S3Client s3 = server.client()) {
            server.createBucket("bench");
            engine(server, s3, folder);
            cli(server, s3, dir, folder);
        }
    }

    /**
     * What the app holds because of the queue: (open after the run − closed after the run) − (open before − before
     * opening), so the proxy's own growth (its stored and freed blocks stay in the heap) is left out.
     */
    private static void engine(S3ProxyServer server, S3Client s3, Path folder) throws Exception {
        long before = liveHeap();
        long base;
        long after;
        long millis;
        try (TestApp app = TestApp.create("engine-memory-app")) {
            StorageProfile p = app.addProfile("proxy", server, "bench");
            TransferService service = app.context().transfers();
            service.snapshot("warm-up"); // the database's first queries load their classes
            base = liveHeap();
            long t0 = System.nanoTime();
            List<UploadRequest> requests = new ArrayList<>(FILES);
            for (int i = 0; i < FILES; i++) {
                Path f = folder.resolve("file-" + i + ".txt");
                requests.add(new UploadRequest(f, TargetRef.profile(p.id()), "bench", "e/" + f.getFileName(), null));
            }
            List<String> ids = service.enqueue(requests, 1000, n -> {}).transferIds();
            requests = null;
            assertThat(service.awaitSettled(ids, Duration.ofMinutes(30))).isTrue();
            assertThat(service.snapshot(ids.get(FILES - 1)).orElseThrow().state())
                    .isEqualTo(TransferState.COMPLETED);
            millis = (System.nanoTime() - t0) / 1_000_000;
            ids = null;
            deleteAll(s3, "e/");
            after = liveHeap();
            histogram();
        }
        long closed = liveHeap();
        long held = (after - closed) - (base - before);
        System.out.printf(
                "EngineMemoryBench engine: %d files in %d ms; live heap: before the app %d, app open %d, after the run"
                        + " %d, app closed %d; held by the app for the queue: %d bytes, %.0f bytes per file%n",
                FILES, millis, before, base, after, closed, held, held / (double) FILES);
    }

    private static void cli(S3ProxyServer server, S3Client s3, Path dir, Path folder) throws Exception {
        Path home = dir.resolve("home");
        CliRun.addDefaultProfile(home, server, "bench");
        long base = liveHeap();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(liveHeap(), Math::max);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long t0 = System.nanoTime();
        sampler.start();
        CliRun run = CliRun.run(home, "upload", folder.toString(), "--prefix", "c/", "--quiet", "--json");
        sampler.interrupt();
        sampler.join();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        run.ok();
        assertThat(run.json().get("transfers")).hasSize(FILES);
        run = null;
        long withObjects = liveHeap();
        deleteAll(s3, "c/");
        long after = liveHeap();
        System.out.printf(
                "EngineMemoryBench cli: %d files in %d ms, live heap before %d, peak during the run %d, after the run"
                        + " %d (the proxy's objects %d), peak above the level after the run: %.0f bytes per file%n",
                FILES,
                millis,
                base,
                peak.get(),
                after,
                withObjects - after,
                (peak.get() - withObjects) / (double) FILES);
    }

    /** With {@code -Dbench.histogram=true}: the classes taking the most live heap now (jcmd's histogram). */
    private static void histogram() throws Exception {
        if (!Boolean.getBoolean("bench.histogram")) {
            return;
        }
        Process p = new ProcessBuilder(
                        "jcmd", Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        out.lines()
                .filter(l -> l.contains("io.obitox") || l.contains(" [B ") || l.contains("java.lang.String "))
                .limit(25)
                .forEach(System.out::println);
    }

    private static void deleteAll(S3Client s3, String prefix) {
        s3.listObjectsV2Paginator(b -> b.bucket("bench").prefix(prefix)).forEach(page -> {
            if (!page.contents().isEmpty()) {
                List<ObjectIdentifier> keys = page.contents().stream()
                        .map(o -> ObjectIdentifier.builder().key(o.key()).build())
                        .toList();
                s3.deleteObjects(b -> b.bucket("bench").delete(d -> d.objects(keys)));
            }
        });
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
