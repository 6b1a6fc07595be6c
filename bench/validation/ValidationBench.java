import io.obitox.validation.BatchRequest;
import io.obitox.validation.BatchResult;
import io.obitox.validation.BatchValidator;
import io.obitox.validation.FileValidator;
import io.obitox.validation.ValidationPolicy;
import io.obitox.validation.detect.ContentDetector;
import io.obitox.validation.detect.TypeRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Collectors;

/**
 * Detection speed and accuracy of ObitoX against {@code file --mime-type} (libmagic) on one labelled corpus.
 * Not part of the test suite; run through {@code bench/validation/run.sh}. See README.md next to this file.
 */
public final class ValidationBench {
    /** What each label may be called; both tools' vocabularies (Tika's and libmagic's names for the same format). */
    static final Map<String, Set<String>> ACCEPTED = new LinkedHashMap<>();

    static {
        accept("jpeg", "image/jpeg");
        accept("png", "image/png");
        accept("gif", "image/gif");
        accept("webp", "image/webp");
        accept("bmp", "image/bmp", "image/x-ms-bmp");
        accept("tiff", "image/tiff");
        accept("heic", "image/heic", "image/heif");
        accept("avif", "image/avif");
        accept("svg", "image/svg+xml");
        accept("pdf", "application/pdf");
        accept("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        // docx whose naming entries lie beyond the first 64 KiB ([Content_Types].xml last, media first)
        accept("docx-late", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        accept("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        accept("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation");
        accept("odt", "application/vnd.oasis.opendocument.text");
        accept("epub", "application/epub+zip");
        accept("doc", "application/msword");
        accept("xls", "application/vnd.ms-excel");
        accept("text", "text/plain");
        accept("csv", "text/csv");
        accept("json", "application/json");
        accept("html", "text/html");
        accept("xml", "application/xml", "text/xml");
        accept("mp4", "video/mp4");
        accept("m4v", "video/x-m4v");
        accept("m4a", "audio/mp4", "audio/x-m4a");
        accept("mov", "video/quicktime");
        accept("3gp", "video/3gpp");
        accept("webm", "video/webm");
        accept("mkv", "video/x-matroska");
        accept("mp3", "audio/mpeg");
        accept("wav", "audio/vnd.wave", "audio/x-wav", "audio/wav");
        accept("avi", "video/x-msvideo");
        accept("flac", "audio/x-flac", "audio/flac");
        accept("ogg", "audio/ogg", "audio/vorbis", "application/ogg");
        accept("zip", "application/zip");
        accept("gzip", "application/gzip", "application/x-gzip");
        accept("bzip2", "application/x-bzip2");
        accept("xz", "application/x-xz");
        accept("7z", "application/x-7z-compressed");
        accept("tar", "application/x-tar");
        accept("pe", "application/x-msdownload", "application/x-dosexec",
                "application/vnd.microsoft.portable-executable");
        accept("elf", "application/x-executable", "application/x-sharedlib", "application/x-pie-executable",
                "application/x-elf");
        accept("macho", "application/x-mach-o-executable", "application/x-mach-o-dylib",
                "application/x-mach-o-universal", "application/x-mach-binary", "application/x-mach-o");
        accept("java-class", "application/java-vm", "application/x-java-applet");
        accept("jar", "application/java-archive", "application/x-java-archive");
        accept("apk", "application/vnd.android.package-archive");
        accept("script", "application/x-sh", "text/x-shellscript", "text/x-python", "text/x-script.python");
        accept("lnk", "application/x-ms-shortcut");
        accept("msi", "application/x-ms-installer", "application/x-msi");
        accept("unknown", "application/octet-stream");
        accept("empty", "application/x-empty", "inode/x-empty");
    }

    static void accept(String label, String... types) {
        ACCEPTED.put(label, Set.of(types));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        Path corpus = Path.of(opt.getOrDefault("corpus", "bench/.work/validation-corpus"));
        int files = Integer.parseInt(opt.getOrDefault("files", "10000"));
        int runs = Integer.parseInt(opt.getOrDefault("runs", "5"));
        int threads = Integer.parseInt(
                opt.getOrDefault("threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
        Path docs = opt.containsKey("docs") ? Path.of(opt.get("docs")) : null;
        String cliClasspath = opt.get("cli-classpath");

        String loadAtStart = loadAverage();
        Map<Path, String> labels = loadOrGenerate(corpus, files);
        List<Path> paths = new ArrayList<>(labels.keySet());
        Path list = corpus.resolve("list.txt");
        Files.write(list, paths.stream().map(Path::toString).toList());
        long bytes = 0;
        for (Path p : paths) {
            bytes += Files.readAllBytes(p).length; // warms the page cache
        }
        System.err.printf("corpus: %d files, %.1f MiB, %d threads%n", paths.size(), bytes / 1048576.0, threads);

        ContentDetector detector = new ContentDetector(new TypeRegistry());
        ExecutorService pool = Executors.newCachedThreadPool();
        BatchValidator batch = new BatchValidator(new FileValidator(detector), pool, threads);
        ForkJoinPool fj = new ForkJoinPool(threads);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        Map<Path, String> ours = detectAll(detector, paths); // warm-up (JIT, Tika tables)
        Map<Path, String> magic = command(List.of("file", "--mime-type", "-f", list.toString())).types();
        Map<String, List<double[]>> rates = new LinkedHashMap<>();
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            long cpu = mx.getCurrentThreadCpuTime();
            ours = detectAll(detector, paths);
            record(rates, ONE_THREAD, paths.size(), t, (mx.getCurrentThreadCpuTime() - cpu) / 1e9);

            t = System.nanoTime();
            Result file = command(List.of("file", "--mime-type", "-f", list.toString()));
            magic = file.types();
            record(rates, FILE_ONE, paths.size(), t, file.cpuSeconds());

            t = System.nanoTime();
            cpu = os.getProcessCpuTime();
            fj.submit(() -> paths.parallelStream().forEach(p -> detect(detector, p))).get();
            record(rates, "ObitoX detection, " + threads + " threads", paths.size(), t,
                    (os.getProcessCpuTime() - cpu) / 1e9);

            t = System.nanoTime();
            Result xargs = command(List.of("sh", "-c", "xargs -P " + threads + " -n 500 file --mime-type < " + list));
            record(rates, "file --mime-type, " + threads + " processes (xargs -P " + threads + " -n 500)",
                    paths.size(), t, xargs.cpuSeconds());

            t = System.nanoTime();
            cpu = os.getProcessCpuTime();
            BatchResult result = batch.validateFiles(new BatchRequest(List.of(corpus.resolve("files")),
                    policyForBench()));
            record(rates, "ObitoX full validation (walk, stat, detect, policy), " + threads + " workers",
                    result.progress().checked(), t, (os.getProcessCpuTime() - cpu) / 1e9);
        }
        if (cliClasspath != null) {
            for (int r = 0; r < Math.min(runs, 3); r++) {
                Path home = Files.createTempDirectory("obitox-bench-home");
                long t = System.nanoTime();
                Result cli = command(List.of("java", "-cp", cliClasspath, "-Dlogback.configurationFile="
                        + Path.of("bench/validation/logback-quiet.xml").toAbsolutePath(), "io.obitox.app.Launcher",
                        "validate", "--json", "--home", home.toString(), corpus.resolve("files").toString()));
                record(rates, "`obitox validate --json` (CLI, JVM start included)", paths.size(), t,
                        cli.cpuSeconds());
                deleteTree(home);
            }
        }
        pool.shutdownNow();
        fj.shutdownNow();

        saveRaw(corpus.resolveSibling("validation-results.tsv"), rates);
        String section = report(labels, ours, magic, rates, paths.size(), bytes, threads, runs, loadAtStart);
        System.out.println(section);
        if (docs != null) {
            writeSection(docs, section);
            System.err.println("wrote the Validation section of " + docs);
        }
    }

    /** The default policy but with hidden files included and no key checks, so every corpus file counts. */
    static ValidationPolicy policyForBench() {
        return new ValidationPolicy("Bench", null, 0, List.of(), List.of(), true, true, true, false);
    }

    static Map<Path, String> detectAll(ContentDetector detector, List<Path> paths) {
        Map<Path, String> out = new HashMap<>();
        for (Path p : paths) {
            out.put(p, detect(detector, p));
        }
        return out;
    }

    static String detect(ContentDetector detector, Path p) {
        try {
            return detector.detectRegularFile(p).mediaType();
        } catch (IOException e) {
            return "error";
        }
    }

    /** What a command printed as "path: type" lines (the type up to any ", annotation"), and its CPU time. */
    record Result(Map<Path, String> types, double cpuSeconds) {}

    /** Runs a command under /usr/bin/time (user + system CPU of it and its children). */
    static Result command(List<String> command) throws IOException, InterruptedException {
        Path times = Files.createTempFile("bench-time", ".txt");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", times.toString()));
        timed.addAll(command);
        Process p = new ProcessBuilder(timed).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<Path, String> out = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int colon = line.lastIndexOf(": ");
                if (colon > 0) {
                    String type = line.substring(colon + 2).trim();
                    int comma = type.indexOf(',');
                    out.put(Path.of(line.substring(0, colon)), comma > 0 ? type.substring(0, comma) : type);
                }
            }
        }
        int exit = p.waitFor();
        // `obitox validate` exits 1 when it rejects files (the corpus has programs); anything else is a failure
        if (exit != 0 && !(exit == 1 && command.contains("validate"))) {
            throw new IllegalStateException("exit status " + exit + " from " + String.join(" ", command.subList(0,
                    Math.min(3, command.size()))) + " …");
        }
        String[] cpu = Files.readString(times).trim().split("\\s+");
        Files.delete(times);
        return new Result(out, Double.parseDouble(cpu[cpu.length - 2]) + Double.parseDouble(cpu[cpu.length - 1]));
    }

    static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static final String ONE_THREAD = "ObitoX detection, 1 thread";
    static final String FILE_ONE = "`file --mime-type -f list` (1 process)";

    /** Keeps {files per wall second, files per CPU second}. */
    static void record(Map<String, List<double[]>> rates, String name, long files, long startNanos, double cpu) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        rates.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {files / seconds, files / cpu});
        System.err.printf("%-75s %8.0f files/s %8.0f files/CPU-s%n", name, files / seconds, files / cpu);
    }

    static double median(List<double[]> values, int column) {
        List<Double> v = new ArrayList<>();
        values.forEach(x -> v.add(x[column]));
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    static boolean correct(String label, String type) {
        return type != null && ACCEPTED.getOrDefault(label, Set.of()).contains(type);
    }

    static String report(Map<Path, String> labels, Map<Path, String> ours, Map<Path, String> magic,
            Map<String, List<double[]>> rates, int files, long bytes, int threads, int runs, String loadAtStart)
            throws Exception {
        StringBuilder md = new StringBuilder("## Validation\n\n");
        md.append(String.format(Locale.ROOT, "Measured %s on %s (%d CPUs, load average %s at the start, %s at the end), %s, "
                        + "file %s. Median of %d runs, warm page cache, %d files (%.1f MiB) of %d kinds.%n%n",
                LocalDate.now(), cpuModel(), Runtime.getRuntime().availableProcessors(), loadAtStart, loadAverage(),
                "Java " + System.getProperty("java.version"), fileVersion(), runs, files, bytes / 1048576.0,
                ACCEPTED.size()));
        md.append("| Detector | files/s (wall, median) | files per CPU-second (median) | wall runs |\n"
                + "|---|---:|---:|---|\n");
        for (Map.Entry<String, List<double[]>> e : rates.entrySet()) {
            md.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %s |%n", e.getKey(), median(e.getValue(), 0),
                    median(e.getValue(), 1), e.getValue().stream()
                            .map(v -> String.format(Locale.ROOT, "%.0f", v[0]))
                            .collect(Collectors.joining(", "))));
        }
        double wallRatio = median(rates.get(ONE_THREAD), 0) / median(rates.get(FILE_ONE), 0);
        double cpuRatio = median(rates.get(ONE_THREAD), 1) / median(rates.get(FILE_ONE), 1);
        md.append(String.format(Locale.ROOT, "%nOne ObitoX thread against one `file` process: **%.2f×** the"
                + " throughput (wall), **%.2f×** per CPU-second.%n", wallRatio, cpuRatio));
        md.append("\nRun with `bench/validation/run.sh` (see `bench/validation/README.md`). `file` runs as one process"
                + " over the whole list (`file --mime-type -f list`), the fair single-process comparison, and as "
                + threads + " processes through `xargs -P`. Wall throughput moves with other load on the machine (see"
                + " the load average); files per CPU-second much less. The CLI row includes JVM start and opening the"
                + " app database, a fixed cost of every `obitox` command.\n");

        Map<String, int[]> perLabel = new TreeMap<>();
        int okOurs = 0;
        int okMagic = 0;
        Map<String, Map<String, Integer>> oursWrong = new TreeMap<>();
        Map<String, Map<String, Integer>> magicWrong = new TreeMap<>();
        for (Map.Entry<Path, String> e : labels.entrySet()) {
            String label = e.getValue();
            int[] c = perLabel.computeIfAbsent(label, k -> new int[3]);
            c[0]++;
            String o = ours.get(e.getKey());
            String m = magic.get(e.getKey());
            if (correct(label, o)) {
                c[1]++;
                okOurs++;
            } else {
                oursWrong.computeIfAbsent(label, k -> new TreeMap<>()).merge(o, 1, Integer::sum);
            }
            if (correct(label, m)) {
                c[2]++;
                okMagic++;
            } else {
                magicWrong.computeIfAbsent(label, k -> new TreeMap<>()).merge(m, 1, Integer::sum);
            }
        }
        md.append(String.format(Locale.ROOT, "%nAccuracy on the labelled set (content kind, names ignored; 15 %% of the"
                        + " files carry another kind's extension, 5 %% none): **ObitoX %.2f %%** (%d/%d), **file"
                        + " %.2f %%** (%d/%d).%n%n",
                100.0 * okOurs / files, okOurs, files, 100.0 * okMagic / files, okMagic, files));
        double detectOne = median(rates.get(ONE_THREAD), 0);
        md.append(String.format(Locale.ROOT, "Targets: detection ≥ 10,000 files/s on warm cache: %s (1 thread %,.0f"
                        + " files/s wall, %,.0f per CPU-second); ≥ 1.5× `file`: %s (%.2f× wall, %.2f× CPU);"
                        + " accuracy at least file's: %s.%n%n",
                detectOne >= 10_000 ? "met" : "not met in wall time on this run", detectOne,
                median(rates.get(ONE_THREAD), 1), wallRatio >= 1.5 ? "met" : "not met", wallRatio, cpuRatio,
                okOurs >= okMagic ? "met" : "not met"));
        md.append("| Kind | files | ObitoX | file | wrong answers (ObitoX / file) |\n|---|---:|---:|---:|---|\n");
        for (Map.Entry<String, int[]> e : perLabel.entrySet()) {
            int[] c = e.getValue();
            if (c[1] == c[0] && c[2] == c[0]) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s / %s |%n", e.getKey(), c[0], c[1], c[2],
                    oursWrong.getOrDefault(e.getKey(), Map.of()), magicWrong.getOrDefault(e.getKey(), Map.of())));
        }
        md.append("\nKinds not listed were recognised by both tools in every file.\n");
        return md.toString();
    }

    /** The measurements of every run, before any formatting (one line per run: name, files/s, files/CPU-s). */
    static void saveRaw(Path file, Map<String, List<double[]>> rates) throws IOException {
        List<String> lines = new ArrayList<>();
        rates.forEach((name, runs) -> runs.forEach(v -> lines.add(name + "\t" + v[0] + "\t" + v[1])));
        Files.write(file, lines);
    }

    static void writeSection(Path docs, String section) throws IOException {
        String text = Files.exists(docs) ? Files.readString(docs) : "# Benchmarks\n\n";
        int start = text.indexOf("## Validation");
        if (start >= 0) {
            int end = text.indexOf("\n## ", start + 3);
            text = text.substring(0, start) + section + (end >= 0 ? text.substring(end + 1) : "");
        } else {
            text = text.stripTrailing() + "\n\n" + section;
        }
        Files.createDirectories(docs.toAbsolutePath().getParent());
        Files.writeString(docs, text);
    }

    static Map<Path, String> loadOrGenerate(Path corpus, int files) throws IOException {
        Path labelFile = corpus.resolve("labels.tsv");
        if (Files.exists(labelFile)) {
            Map<Path, String> labels = new LinkedHashMap<>();
            for (String line : Files.readAllLines(labelFile)) {
                String[] f = line.split("\t");
                labels.put(Path.of(f[0]), f[1]);
            }
            if (labels.size() == files) {
                return labels;
            }
        }
        if (Files.exists(corpus)) {
            try (var walk = Files.walk(corpus)) {
                for (Path p : walk.sorted(Collections.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(corpus);
        Map<Path, String> labels = new CorpusGenerator(20261128L).generate(corpus.resolve("files"), files);
        Files.write(labelFile, labels.entrySet().stream().map(e -> e.getKey() + "\t" + e.getValue()).toList());
        return labels;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            m.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return m;
    }

    static String cpuModel() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return String.join(" ", Arrays.copyOf(f, 3));
    }

    static String fileVersion() throws Exception {
        Process p = new ProcessBuilder("file", "--version").redirectErrorStream(true).start();
        String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("?");
        p.waitFor();
        return v.replace("file-", "");
    }
}
