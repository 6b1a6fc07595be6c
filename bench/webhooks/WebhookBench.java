import com.sun.net.httpserver.HttpServer;
import io.obitox.app.AppContext;
import io.obitox.app.AppHome;
import io.obitox.profile.AwsSharedFiles;
import io.obitox.profile.ProfileDraft;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.storage.Provider;
import io.obitox.testing.S3ProxyServer;
import io.obitox.transfer.Transfer;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.UploadRequest;
import io.obitox.webhook.DeliveryState;
import io.obitox.webhook.WebhookService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the webhook dispatcher: (1) deliveries per second draining a backlog to a local receiver, with one and
 * with four endpoints; (2) the time from a transfer's completion (its stored completed_at, set just before the
 * commit that also writes the outbox row) to the receiver reading the upload.completed request, for uploads one at
 * a time and in a burst. Not part of the test suite; run through {@code bench/webhooks/run.sh}.
 */
public final class WebhookBench {
    private static final String START = "<!-- webhooks:start -->";
    private static final String END = "<!-- webhooks:end -->";
    private static final Pattern TRANSFER_ID = Pattern.compile("\"transferId\":\"([^\"]+)\"");

    private final Map<String, Instant> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private HttpServer receiver;

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new WebhookBench().run(
                Path.of(opt.getOrDefault("work", "bench/.work/webhooks")),
                opt.containsKey("docs") ? Path.of(opt.get("docs")) : null,
                Integer.parseInt(opt.getOrDefault("events", "5000")),
                Integer.parseInt(opt.getOrDefault("uploads", "200")),
                Integer.parseInt(opt.getOrDefault("burst", "200")),
                Integer.parseInt(opt.getOrDefault("runs", "3")));
        System.exit(0);
    }

    private void run(Path work, Path docs, int events, int uploads, int burst, int runs) throws Exception {
        startReceiver();
        Path dir = work.resolve("run-" + System.currentTimeMillis());
        List<double[]> drain1 = new ArrayList<>();
        List<double[]> drain4 = new ArrayList<>();
        List<List<Long>> sequential = new ArrayList<>();
        List<List<Long>> bursty = new ArrayList<>();
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("bench");
            // warm-up (JIT, connection pools), not reported
            throughput(dir.resolve("warmup-1"), 1500, 1);
            throughput(dir.resolve("warmup-4"), 1500, 4);
            latency(dir.resolve("warmup-lat"), s3, 50, false);
            for (int run = 1; run <= runs; run++) {
                Path r = dir.resolve("run" + run);
                drain1.add(throughput(r.resolve("throughput-1"), events, 1));
                drain4.add(throughput(r.resolve("throughput-4"), events, 4));
                sequential.add(latency(r.resolve("latency-seq"), s3, uploads, false));
                bursty.add(latency(r.resolve("latency-burst"), s3, burst, true));
                System.err.printf(Locale.ROOT, "run %d: %.0f/s (1 endpoint), %.0f/s (4), median %.1f ms (one at a "
                                + "time), %.1f ms (burst)%n", run, drain1.get(run - 1)[0], drain4.get(run - 1)[0],
                        pct(sorted(sequential.get(run - 1)), 50) / 1000.0, pct(sorted(bursty.get(run - 1)), 50) / 1000.0);
            }
        } finally {
            receiver.stop(0);
        }
        List<String> rows = new ArrayList<>();
        rows.add(drainRow(events, 1, drain1));
        rows.add(drainRow(events, 4, drain4));
        rows.add(latencyRow("one upload at a time, " + uploads + " files", sequential));
        rows.add(latencyRow("burst: " + burst + " files queued at once", bursty));
        String section = section(rows, events, runs, drain1, drain4, sequential);
        System.out.println(section);
        if (docs != null) {
            writeSection(docs, section);
            System.err.println("wrote the Webhooks section of " + docs);
        }
    }

    private static String drainRow(int events, int endpoints, List<double[]> runs) {
        List<Double> rate = runs.stream().map(r -> r[0]).sorted().toList();
        List<Double> cpu = runs.stream().map(r -> r[2]).sorted().toList();
        return String.format(Locale.ROOT, "| drain %d queued events, %d endpoint(s) | %,.0f deliveries/s | runs: %s; "
                        + "%.2f ms CPU per delivery (sender, H2 and receiver in one process) |", events, endpoints,
                median(rate), String.join(", ", runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r[0])).toList()),
                median(cpu));
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<Long> sorted(List<Long> l) {
        List<Long> s = new ArrayList<>(l);
        s.sort(null);
        return s;
    }

    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        receiver.setExecutor(Executors.newFixedThreadPool(16));
        receiver.createContext("/", ex -> {
            Instant at = Instant.now();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = TRANSFER_ID.matcher(body);
            if (m.find()) {
                arrivals.putIfAbsent(m.group(1), at);
            }
            received.incrementAndGet();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
    }

    private String url(int n) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/" + n;
    }

    private static AppContext open(Path home) {
        return AppContext.open(
                new AppHome(home), Clock.systemUTC(), new AwsSharedFiles(home.resolve("aws/credentials"),
                        home.resolve("aws/config")));
    }

    /** Queues {@code events} test events over {@code endpoints} endpoints, then times the drain. */
    private double[] throughput(Path home, int events, int endpoints) throws Exception {
        try (AppContext app = open(home)) {
            WebhookService hooks = app.webhooks();
            if (System.getProperty("bench.parallel") != null) {
                String[] pe = System.getProperty("bench.parallel").split("/");
                hooks.applySettings(hooks.settings().withParallelism(Integer.parseInt(pe[0]), Integer.parseInt(pe[1])));
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < endpoints; i++) {
                ids.add(hooks.add(url(i), null).endpoint().id());
            }
            for (int i = 0; i < events; i++) {
                hooks.sendTest(ids.get(i % endpoints));
            }
            received.set(0);
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            hooks.start();
            while (received.get() < events) {
                Thread.sleep(1);
                if (System.nanoTime() - t0 > Duration.ofMinutes(5).toNanos()) {
                    throw new IllegalStateException("drain took over 5 minutes");
                }
            }
            while (hooks.log(events).stream().anyMatch(d -> d.status() != DeliveryState.DELIVERED)) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuMillisPerDelivery = (cpuNanos() - cpu0) / 1e6 / events;
            return new double[] {events / seconds, seconds, cpuMillisPerDelivery};
        }
    }

    /** Real uploads; milliseconds from each transfer's completed_at to its event reaching the receiver. */
    private List<Long> latency(Path home, S3ProxyServer s3, int files, boolean burst) throws Exception {
        arrivals.clear();
        try (AppContext app = open(home)) {
            StorageProfile p = app.profiles()
                    .add(new ProfileDraft("bench", Provider.GENERIC, s3.endpoint().toString(), null, true, "bench",
                            ProfileDraft.CredentialMode.KEYS, null, s3.accessKey(), s3.secretKey(), null));
            app.webhooks().add(url(0), null);
            TransferService transfers = app.transfers();
            Path src = Files.createDirectories(home.resolve("src"));
            List<UploadRequest> requests = new ArrayList<>();
            for (int i = 0; i < files; i++) {
                Path f = src.resolve("f" + i + ".txt");
                Files.writeString(f, "file " + i);
                requests.add(new UploadRequest(f, TargetRef.profile(p.id()), "bench", "lat/f" + i + ".txt", "text/plain"));
            }
            List<String> ids = new ArrayList<>();
            if (burst) {
                ids.addAll(transfers.enqueue(requests).transferIds());
                transfers.awaitSettled(ids, Duration.ofMinutes(5));
            } else {
                for (UploadRequest r : requests) {
                    List<String> one = transfers.enqueue(List.of(r)).transferIds();
                    transfers.awaitSettled(one, Duration.ofMinutes(1));
                    ids.addAll(one);
                }
            }
            long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!arrivals.keySet().containsAll(ids) && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            List<Long> micros = new ArrayList<>();
            for (String id : ids) {
                Transfer t = new io.obitox.transfer.TransferRepository(app.database()).find(id).orElseThrow();
                Instant arrived = arrivals.get(id);
                if (arrived == null) {
                    throw new IllegalStateException("no delivery for transfer " + id);
                }
                micros.add(Duration.between(t.completedAt(), arrived).toNanos() / 1000);
            }
            return micros;
        }
    }

    /** CPU time of this whole process (dispatcher, H2 and the receiver). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Median of the runs' medians; p95 and max over all samples. */
    private static String latencyRow(String what, List<List<Long>> runs) {
        List<Double> medians = runs.stream().map(r -> pct(sorted(r), 50) / 1000.0).sorted().toList();
        List<Long> all = sorted(runs.stream().flatMap(List::stream).toList());
        return String.format(Locale.ROOT, "| completion → delivery, %s | median %.1f ms | runs: %s ms; p95 %.1f ms, "
                        + "max %.1f ms over all runs |", what, median(medians),
                String.join(", ", runs.stream().map(r -> String.format(Locale.ROOT, "%.1f", pct(sorted(r), 50) / 1000.0))
                        .toList()), pct(all, 95) / 1000.0, all.get(all.size() - 1) / 1000.0);
    }

    private static long pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static String section(
            List<String> rows, int events, int runs, List<double[]> drain1, List<double[]> drain4,
            List<List<Long>> sequential) throws IOException {
        io.obitox.webhook.WebhookSettings d = io.obitox.webhook.WebhookSettings.defaults();
        double best = Math.max(median(drain1.stream().map(r -> r[0]).sorted().toList()),
                median(drain4.stream().map(r -> r[0]).sorted().toList()));
        double one = median(drain1.stream().map(r -> r[0]).sorted().toList());
        double lat = median(sequential.stream().map(r -> pct(sorted(r), 50) / 1000.0).sorted().toList());
        StringBuilder md = new StringBuilder(START + "\n## Webhooks\n\n");
        md.append("`bench/webhooks/run.sh` (").append(LocalDate.now()).append("; ").append(machine()).append("; load "
                + "average ").append(loadAverage()).append(" at the end). Median of ").append(runs).append(" runs "
                + "after a warm-up. Real components: the dispatcher of an `AppContext` on a fresh app home (H2 file, "
                + "default settings: ").append(d.parallelism()).append(" deliveries in flight, ").append(d.perEndpoint())
                .append(" per endpoint), signing every request, to a local JDK `HttpServer` receiver answering 204 "
                + "on 127.0.0.1 in the same process; real uploads to an in-process S3Proxy.\n\n");
        md.append("| measurement | result | detail |\n|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append("\nThe drain rows time ").append(events).append(" events queued while the dispatcher was stopped, "
                + "from its start to the last row recorded DELIVERED. Completion is the transfer's stored "
                + "`completed_at`, taken just before the commit that marks it done and writes the outbox row; "
                + "delivery is the receiver reading the request.\n\n");
        double four = median(drain4.stream().map(r -> r[0]).sorted().toList());
        md.append("Wall-clock figures move with other load on this shared 2-CPU machine (see the load average); the "
                + "CPU per delivery much less.\n\n");
        md.append(String.format(Locale.ROOT, "Targets (issue 7): ≥ 500 deliveries/s to a local receiver: %s (%,.0f/s "
                        + "with one endpoint, %,.0f/s with four); median completion → delivery < 50 ms: %s (%.1f ms, "
                        + "uploads one at a time).%n", one >= 500 && four >= 500 ? "met" : best >= 500 ? "met with "
                        + (one >= 500 ? "one endpoint" : "four endpoints") + " only" : "**not met**", one, four,
                lat < 50 ? "met" : "**not met**", lat));
        md.append(END).append('\n');
        return md.toString();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String machine() throws IOException {
        String cpu = "unknown CPU";
        Path info = Path.of("/proc/cpuinfo");
        if (Files.exists(info)) {
            cpu = Files.readAllLines(info).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(cpu);
        }
        return Runtime.getRuntime().availableProcessors() + " CPUs, " + cpu + ", Java "
                + System.getProperty("java.version");
    }

    /** Replaces what is between the markers, or appends the section when they are absent. */
    static void writeSection(Path docs, String section) throws IOException {
        String text = Files.exists(docs) ? Files.readString(docs) : "# Benchmarks\n";
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start >= 0 && end > start) {
            int after = end + END.length();
            if (after < text.length() && text.charAt(after) == '\n') {
                after++;
            }
            text = text.substring(0, start) + section + text.substring(after);
        } else {
            text = (text.endsWith("\n") ? text : text + "\n") + "\n" + section;
        }
        Files.createDirectories(docs.toAbsolutePath().getParent());
        Files.writeString(docs, text);
    }
}
