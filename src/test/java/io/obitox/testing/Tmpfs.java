package io.obitox.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A tiny tmpfs for disk-full tests (needs root); tests are skipped where it cannot be mounted. */
public final class Tmpfs {
    public static final String FILLER = "filler";

    private Tmpfs() {}

    public static void assumeMounted(Path dir, String size) {
        Assumptions.assumeTrue(
                run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", dir.toString()),
                "cannot mount a tmpfs here (not root?): the disk-full test needs one");
    }

    /** Writes a file until the disk is full. */
    public static void fill(Path dir) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(dir.resolve(FILLER))) {
            for (int i = 0; i < 1_000_000; i++) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
            return;
        }
        throw new IllegalStateException("the tmpfs never filled up");
    }

    public static void unmount(Path dir) {
        if (!run("umount", dir.toString())) {
            run("umount", "-l", dir.toString());
        }
    }

    private static boolean run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
