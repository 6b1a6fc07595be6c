package io.obitox.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs ObitoX's real entry point ({@code io.obitox.app.Launcher}) in a separate JVM, for tests that kill it with
 * {@code kill -9} or need a second process. Output goes to files next to the home.
 */
public final class ChildProcess {
    private ChildProcess() {}

    public static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return cp;
    }

    public static Process start(Path logDir, String name, Map<String, String> env, List<String> args)
            throws IOException {
        return start(logDir, name, env, List.of(), args);
    }

    /** As {@link #start}, with {@code wrapper} before the java command (e.g. setpriv to drop capabilities). */
    public static Process start(
            Path logDir, String name, Map<String, String> env, List<String> wrapper, List<String> args)
            throws IOException {
        return start(logDir, name, env, wrapper, args, classpath());
    }

    /** The main classes and dependencies only: no test classes, so the app's own logging set-up applies. */
    public static String productionClasspath() {
        return java.util.Arrays.stream(classpath().split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes"))
                .filter(e -> !e.contains("junit") && !e.contains("testfx") && !e.contains("monocle"))
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));
    }

    public static Process start(
            Path logDir,
            String name,
            Map<String, String> env,
            List<String> wrapper,
            List<String> args,
            String classpath)
            throws IOException {
        return start(logDir, name, env, wrapper, List.of(), args, classpath);
    }

    /** The general form: {@code jvmOptions} go before the class path (e.g. a class-data-sharing archive). */
    public static Process start(
            Path logDir,
            String name,
            Map<String, String> env,
            List<String> wrapper,
            List<String> jvmOptions,
            List<String> args,
            String classpath)
            throws IOException {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add("io.obitox.app.Launcher");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        File dir = logDir.toFile();
        dir.mkdirs();
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir, name + ".out")));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(new File(dir, name + ".err")));
        return pb.start();
    }
}
