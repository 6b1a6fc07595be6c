package io.obitox.cors;

import io.obitox.common.Threads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One headless Chromium/Chrome with a throwaway profile, started for one browser check and always ended by
 * {@link #close()}: the process and its children are killed and the profile folder is deleted. Its console messages
 * (the browser's own CORS errors) are read from its log on standard error.
 *
 * <p>The flags keep it to the check: no first-run, sync, component updates, background networking, QUIC or proxy; the
 * host resolver sends the origins' host names to the loopback page server and every other name nowhere, except the
 * bucket's host. Thread-safe: the log is collected by a reader thread.
 */
final class HeadlessBrowser implements AutoCloseable {
    /** {@code [pid:tid:date:INFO:CONSOLE:line] "message", source: url (line)} */
    private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[^\\]]*\\] \"(.*)\", source: ");

    private static final int KEPT_LOG_LINES = 30;

    private final Process process;
    private final Path profile;
    private final Thread reader;
    private final List<String> console = new ArrayList<>();
    private final Deque<String> lastLines = new ArrayDeque<>();

    private HeadlessBrowser(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
        this.reader = Threads.daemon("obitox-browser-log").newThread(this::readLog);
        reader.start();
    }

    /**
     * Starts {@code executable} on {@code url}.
     *
     * @param hostRules the value of {@code --host-resolver-rules}
     * @param spkiHashes certificate key hashes to accept (the throwaway certificate), may be empty
     */
    static HeadlessBrowser start(Path executable, String url, String hostRules, List<String> spkiHashes) {
        Path profile;
        try {
            profile = Files.createTempDirectory("obitox-browser-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the browser's throwaway profile folder", e);
        }
        List<String> cmd = new ArrayList<>(List.of(
                executable.toString(),
                "--headless",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-breakpad",
                "--disable-extensions",
                "--disable-default-apps",
                "--mute-audio",
                "--no-proxy-server",
                "--password-store=basic",
                "--use-mock-keychain",
                "--user-data-dir=" + profile,
                "--host-resolver-rules=" + hostRules,
                "--enable-logging=stderr",
                "--v=0"));
        if (!spkiHashes.isEmpty()) {
            // honoured only together with --user-data-dir: the exception lives and dies with this profile
            cmd.add("--ignore-certificate-errors-spki-list=" + String.join(",", spkiHashes));
        }
        if (runsAsRoot()) {
            // Chromium refuses to start its sandbox as root (CI containers, the dev box)
            cmd.add("--no-sandbox");
        }
        cmd.add(url);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        if (usesXdgFolders()) {
            // crash reports, dconf and shader caches would otherwise land in the user's home: keep them throwaway
            // too. HOME stays: ~/.pki/nssdb holds the certificate authorities the user trusts (a private storage
            // endpoint's), and the check must trust what the user's browser trusts.
            Map<String, String> env = pb.environment();
            env.put("XDG_CONFIG_HOME", profile.resolve(".config").toString());
            env.put("XDG_CACHE_HOME", profile.resolve(".cache").toString());
            env.put("XDG_DATA_HOME", profile.resolve(".local/share").toString());
        }
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            return new HeadlessBrowser(p, profile);
        } catch (IOException e) {
            deleteTree(profile);
            throw new UncheckedIOException("could not start " + executable + ": " + e.getMessage(), e);
        }
    }

    /** Linux and the BSDs: where Chromium keeps per-user files under HOME and the XDG folders. */
    private static boolean usesXdgFolders() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return !os.contains("win") && !os.contains("mac");
    }

    private static boolean runsAsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private void readLog() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = CONSOLE.matcher(line);
                synchronized (this) {
                    if (m.find()) {
                        console.add(m.group(1));
                    } else {
                        lastLines.addLast(line);
                        if (lastLines.size() > KEPT_LOG_LINES) {
                            lastLines.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process was killed: what was read is kept
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status once it has ended, else -1. */
    int exitStatus() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** The console messages so far, in order. */
    synchronized List<String> console() {
        return List.copyOf(console);
    }

    /** The last lines of its log that were not console messages (why it did not start, say). */
    synchronized List<String> lastLogLines() {
        return List.copyOf(lastLines);
    }

    /** Alive and not a zombie (a zombie has closed its files, only its exit status waits to be collected). */
    private static boolean running(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return h.isAlive(); // no /proc (Windows, macOS) or already gone
        }
    }

    /** Kills the browser and its children, waits for them, reads the rest of its log and deletes the profile. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        // polled, not onExit(): the JDK learns of a grandchild's end by polling with growing pauses, and a killed
        // grandchild stays "alive" to it until init reaps the zombie, seconds in a container
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (all.stream().anyMatch(HeadlessBrowser::running) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(profile);
    }

    private static void deleteTree(Path root) {
        for (int attempt = 0; attempt < 3 && Files.exists(root); attempt++) {
            try (Stream<Path> s = Files.walk(root)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // a child may still be writing: try again
            }
        }
    }
}
