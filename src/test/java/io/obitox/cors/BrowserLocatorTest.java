package io.obitox.cors;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestPaths;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the browser is looked for, in order: the Settings path, PATH, the install locations. */
class BrowserLocatorTest {
    private final Path dir = TestPaths.newDir("browser-locator");

    private Path file(String relative, boolean executable) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(executable ? "rwx------" : "rw-------"));
        return p;
    }

    @Test
    void theSettingsPathComesFirstThenPathThenTheInstallLocations() throws Exception {
        Path configured = file("custom/my-chrome", true);
        Path onPath = file("bin/google-chrome", true);
        Path installed = file("opt/chromium", true);
        String path = dir.resolve("empty") + File.pathSeparator + dir.resolve("bin");

        assertThat(new BrowserLocator(() -> Optional.of(configured.toString()), path, List.of(installed))
                        .locate()
                        .executable())
                .isEqualTo(configured);
        assertThat(new BrowserLocator(Optional::empty, path, List.of(installed))
                        .locate()
                        .executable())
                .isEqualTo(onPath);
        assertThat(new BrowserLocator(Optional::empty, "", List.of(installed))
                        .locate()
                        .executable())
                .isEqualTo(installed);
    }

    @Test
    void aSettingsPathThatIsNotAnExecutableIsReportedAndTheSearchGoesOn() throws Exception {
        Path notExecutable = file("custom/chrome.txt", false);
        Path onPath = file("bin/chromium", true);

        BrowserLocator.Result r = new BrowserLocator(
                        () -> Optional.of(notExecutable.toString()),
                        dir.resolve("bin").toString(),
                        List.of())
                .locate();

        assertThat(r.executable()).isEqualTo(onPath);
        assertThat(r.problem()).contains(notExecutable.toString()).contains("not an executable file");
    }

    @Test
    void nothingFoundSaysWhereItLooked() throws Exception {
        file("bin/chromium", false); // not executable: not a browser
        Path missing = dir.resolve("opt/google/chrome/chrome");

        BrowserLocator.Result r =
                new BrowserLocator(() -> Optional.of("  "), dir.resolve("bin").toString(), List.of(missing)).locate();

        assertThat(r.found()).isFalse();
        assertThat(r.problem()).isEmpty();
        assertThat(r.searched()).anySatisfy(s -> assertThat(s).startsWith("PATH (chromium"));
        assertThat(r.searched()).contains(missing.toString());
    }

    @Test
    void theInstallLocationsOfEachSystemAreKnown() {
        assertThat(BrowserLocator.installLocations("Linux")).contains(Path.of("/usr/bin/chromium"));
        assertThat(BrowserLocator.installLocations("Mac OS X"))
                .contains(Path.of("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"));
    }
}
