package io.obitox.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where tests keep their files: under {@code target/}, never in a system temp folder that is deleted before
 * {@code SecretLeakTest} can look at it, and never in the developer's real home.
 */
public final class TestPaths {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestPaths() {}

    public static Path target() {
        Path here = Path.of("").toAbsolutePath();
        return here.resolve("target");
    }

    /** App homes of tests: {@code target/test-homes/NAME-N}, fresh for each call. */
    public static Path homes() {
        return target().resolve("test-homes");
    }

    public static Path newDir(String name) {
        try {
            Path dir = homes().resolve(name + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a tree of small text files under {@code root}, each given as {@code "relative/path=content"}; folders
     * are made as needed. Returns {@code root}.
     */
    public static Path writeTree(Path root, String... files) {
        try {
            for (String file : files) {
                int eq = file.indexOf('=');
                Path f = root.resolve(file.substring(0, eq));
                Files.createDirectories(f.getParent());
                Files.writeString(f, file.substring(eq + 1));
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
