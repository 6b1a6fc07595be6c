package io.obitox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class AppHomeTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void homeOptionWinsOverTheEnvironmentAndTheOsFolder() {
        AppHome home =
                AppHome.resolve("/opt/h", Map.of("OBITOX_HOME", "/env/h", "XDG_DATA_HOME", "/xdg"), "Linux", "/u");
        assertThat(home.root()).isEqualTo(Path.of("/opt/h"));
    }

    @Test
    void obitoxHomeVariableWinsOverTheOsFolder() {
        AppHome home = AppHome.resolve(null, Map.of("OBITOX_HOME", "/env/h", "XDG_DATA_HOME", "/xdg"), "Linux", "/u");
        assertThat(home.root()).isEqualTo(Path.of("/env/h"));
        assertThat(AppHome.resolve("  ", Map.of("OBITOX_HOME", "/env/h"), "Linux", "/u")
                        .root())
                .as("a blank --home is ignored")
                .isEqualTo(Path.of("/env/h"));
    }

    @Test
    void relativeHomeOptionIsMadeAbsolute() {
        assertThat(AppHome.resolve("rel/home", NO_ENV, "Linux", "/u").root())
                .isEqualTo(Path.of("rel/home").toAbsolutePath());
    }

    @Test
    void windowsUsesAppData() {
        String appData = "C:\\Users\\ann\\AppData\\Roaming";
        AppHome home = AppHome.resolve(null, Map.of("APPDATA", appData), "Windows 11", "C:\\Users\\ann");
        assertThat(home.root()).isEqualTo(Path.of(appData, "ObitoX"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        AppHome home = AppHome.resolve(null, NO_ENV, "Mac OS X", "/Users/ann");
        assertThat(home.root()).isEqualTo(Path.of("/Users/ann/Library/Application Support/ObitoX"));
    }

    @Test
    void linuxUsesXdgDataHome() {
        AppHome home = AppHome.resolve(null, Map.of("XDG_DATA_HOME", "/home/ann/.data"), "Linux", "/home/ann");
        assertThat(home.root()).isEqualTo(Path.of("/home/ann/.data/obitox"));
    }

    @Test
    void linuxFallsBackToLocalShare() {
        assertThat(AppHome.resolve(null, NO_ENV, "Linux", "/home/ann").root())
                .isEqualTo(Path.of("/home/ann/.local/share/obitox"));
        assertThat(AppHome.resolve(null, Map.of("XDG_DATA_HOME", ""), "Linux", "/home/ann")
                        .root())
                .isEqualTo(Path.of("/home/ann/.local/share/obitox"));
    }

    @Test
    void relativeXdgDataHomeIsIgnoredAsTheSpecRequires() {
        assertThat(AppHome.resolve(null, Map.of("XDG_DATA_HOME", "data"), "Linux", "/home/ann")
                        .root())
                .isEqualTo(Path.of("/home/ann/.local/share/obitox"));
    }

    @Test
    void homeOptionIsFoundInRawArguments() {
        assertThat(AppHome.homeOption(new String[] {"ls", "--home", "/h"})).isEqualTo("/h");
        assertThat(AppHome.homeOption(new String[] {"--home=/h2", "ls"})).isEqualTo("/h2");
        assertThat(AppHome.homeOption(new String[] {"ls", "bucket"})).isNull();
    }

    @Test
    void createMakesEveryFolderPrivateToTheUser() throws IOException {
        Path root = TestPaths.newDir("apphome").resolve("nested/home");
        AppHome home = new AppHome(root).create();
        for (Path dir : new Path[] {home.root(), home.database(), home.logs(), home.sandbox()}) {
            assertThat(dir).isDirectory();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                    .as(dir.toString())
                    .isEqualTo("rwx------");
        }
        assertThat(home.database()).isEqualTo(root.resolve("db"));
    }

    @Test
    void createTightensAnExistingWorldReadableHome() throws IOException {
        Path root = TestPaths.newDir("apphome-open").resolve("home");
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        new AppHome(root).create();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
                .isEqualTo("rwx------");
    }

    @Test
    void aHomeOthersCanWriteIsRefusedWithTheFixAndLeftAsItWas() throws IOException {
        for (String mode : new String[] {"rwxrwxrwx", "rwxrwx---", "rwx---rwx"}) {
            Path root = TestPaths.newDir("apphome-writable").resolve("home");
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString(mode));
            assertThatThrownBy(() -> new AppHome(root).create())
                    .as(mode)
                    .isInstanceOfSatisfying(ObitoxException.class, e -> {
                        assertThat(e.code()).isEqualTo("HOME_NOT_PRIVATE");
                        assertThat(e.getMessage()).contains(root.toString());
                        assertThat(e.fix()).contains("chmod go-w " + root);
                    });
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
                    .as("the user decides; ObitoX does not quietly take over a shared folder")
                    .isEqualTo(mode);
            assertThat(root.resolve("db")).doesNotExist();
        }
    }

    @Test
    void aSubfolderOthersCanWriteIsRefusedToo() throws IOException {
        Path root = TestPaths.newDir("apphome-writable-db").resolve("home");
        AppHome home = new AppHome(root).create();
        Files.setPosixFilePermissions(home.database(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(home::create).isInstanceOfSatisfying(ObitoxException.class, e -> {
            assertThat(e.code()).isEqualTo("HOME_NOT_PRIVATE");
            assertThat(e.fix()).contains("chmod go-w " + home.database());
        });
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void onWindowsTheHomeGetsAnAclForItsOwnerOnly() throws IOException {
        Path root = TestPaths.newDir("apphome-acl").resolve("home");
        AppHome home = new AppHome(root).create();
        for (Path dir : new Path[] {home.root(), home.database(), home.logs(), home.sandbox()}) {
            AclFileAttributeView view = Files.getFileAttributeView(dir, AclFileAttributeView.class);
            UserPrincipal owner = view.getOwner();
            assertThat(view.getAcl()).as(dir.toString()).isNotEmpty().allSatisfy(entry -> {
                assertThat(entry.principal()).isEqualTo(owner);
                assertThat(entry.type()).isEqualTo(AclEntryType.ALLOW);
            });
        }
    }

    @Test
    void anUnusableHomeIsReportedInPlainWords() throws IOException {
        Path file = Files.writeString(TestPaths.newDir("apphome-file").resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> new AppHome(file).create()).isInstanceOfSatisfying(ObitoxException.class, e -> {
            assertThat(e.code()).isEqualTo("HOME_UNUSABLE");
            assertThat(e.fix()).contains("--home");
        });
    }
}
