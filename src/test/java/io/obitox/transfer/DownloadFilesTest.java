package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys made into local paths for downloads (issue 18): never outside the chosen folder, every name safe. */
class DownloadFilesTest {
    @TempDir
    Path root;

    @Test
    void unsafeKeysStayInsideTheFolderWithSafeNames() {
        String longName = "n".repeat(296) + ".txt";
        List<String> keys = List.of(
                "../x",
                "../../../../etc/passwd",
                "/etc/shadow",
                "a//b",
                "./a/./c",
                "..\\..\\win.ini",
                "CON.txt",
                "dir/nul",
                longName,
                "bell\u0007\u001b[31m.txt",
                "right\u202eexe.txt",
                "..",
                "",
                "trailing.  ");
        Path base = root.toAbsolutePath().normalize();
        for (String k : keys) {
            Path p = DownloadFiles.inside(root, k);
            assertThat(p.startsWith(base) && !p.equals(base)).as(k + " -> " + p).isTrue();
            for (Path segment : base.relativize(p)) {
                String s = segment.toString();
                assertThat(s).as(k).isNotIn("..", ".", "");
                assertThat(s.getBytes(StandardCharsets.UTF_8).length)
                        .as(k)
                        .isLessThanOrEqualTo(255 - DownloadFiles.PART_SUFFIX.length());
                assertThat(s.codePoints().filter(c -> c < 0x20 || c == 0x7f || c == 0x202e))
                        .as(k)
                        .isEmpty();
            }
        }
        assertThat(DownloadFiles.inside(root, "../x")).isEqualTo(base.resolve("x"));
        assertThat(DownloadFiles.inside(root, "a//b")).isEqualTo(base.resolve("a/b"));
        assertThat(DownloadFiles.inside(root, "CON.txt")).isEqualTo(base.resolve("_CON.txt"));
        assertThat(DownloadFiles.inside(root, longName).getFileName().toString())
                .endsWith(".txt");
    }

    @Test
    void keepBothPicksTheFirstFreeNameOnDiskAndInTheRun() throws Exception {
        Path a = Files.writeString(root.resolve("a.txt"), "x");
        Files.writeString(root.resolve("a (1).txt"), "x");
        Set<Path> taken = new HashSet<>(Set.of(root.resolve("a (2).txt")));
        assertThat(DownloadFiles.keepBoth(a, taken)).isEqualTo(root.resolve("a (3).txt"));
        assertThat(DownloadFiles.keepBoth(root.resolve("README"), Set.of())).isEqualTo(root.resolve("README (1)"));
    }

    @Test
    void thePartFileSitsBesideTheDestination() {
        assertThat(DownloadFiles.partFile(root.resolve("d/movie.mkv")))
                .isEqualTo(root.resolve("d/movie.mkv.obitox-part"));
    }
}
