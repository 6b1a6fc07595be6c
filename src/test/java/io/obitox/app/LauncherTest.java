package io.obitox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.Launcher.Decision;
import io.obitox.cli.Cli;
import io.obitox.testing.TestPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LauncherTest {

    private static Decision decide(String... args) {
        return Launcher.decide(args, Cli::isCommand, Launcher::isExistingPath);
    }

    @Test
    void noArgumentsOpensTheWindow() {
        Decision d = decide();
        assertThat(d.gui()).isTrue();
        assertThat(d.files()).isEmpty();
        assertThat(d.homeOption()).isNull();
    }

    @Test
    void onlyAHomeOptionStillOpensTheWindowOnThatHome() {
        assertThat(decide("--home", "/data/x")).isEqualTo(new Decision(true, "/data/x", java.util.List.of()));
        assertThat(decide("--home=/data/y")).isEqualTo(new Decision(true, "/data/y", java.util.List.of()));
    }

    @Test
    void aKnownCommandRunsTheCli() {
        for (String command : new String[] {"profile", "ls", "mb", "rm", "stat", "sandbox"}) {
            assertThat(decide(command).gui()).as(command).isFalse();
        }
        assertThat(decide("--home", "/data/x", "ls", "bucket"))
                .isEqualTo(new Decision(false, "/data/x", java.util.List.of()));
        assertThat(decide("--help").gui()).isFalse();
        assertThat(decide("--version").gui()).isFalse();
    }

    @Test
    void existingFilesOpenTheWindowWithThoseFiles() throws IOException {
        Path dir = TestPaths.newDir("launcher-files");
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        Path b = Files.writeString(dir.resolve("b.txt"), "b");
        Decision d = decide(a.toString(), "--home", "/data/z", b.toString());
        assertThat(d.gui()).isTrue();
        assertThat(d.homeOption()).isEqualTo("/data/z");
        assertThat(d.files()).containsExactly(a, b);
        assertThat(decide(dir.toString()).files()).as("a dropped folder").containsExactly(dir);
    }

    @Test
    void aCommandNameWinsOverAFileOfTheSameName() {
        Decision d = Launcher.decide(new String[] {"ls"}, Cli::isCommand, path -> true);
        assertThat(d.gui()).isFalse();
    }

    @Test
    void anUnknownWordGoesToTheCliWhichReportsItAsWrongUsage() {
        Decision d = decide("frobnicate");
        assertThat(d.gui()).isFalse();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.run(new String[] {"frobnicate"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(exit).isEqualTo(Cli.USAGE);
        assertThat(err.toString()).contains("frobnicate");
    }

    @Test
    void aHomeOptionWithoutAFolderGoesToTheCliInsteadOfOpeningTheDefaultHome() {
        assertThat(decide("--home").gui()).isFalse();
        StringWriter err = new StringWriter();
        int exit = Cli.run(new String[] {"--home"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(exit).isEqualTo(Cli.USAGE);
        assertThat(err.toString()).contains("--home");
    }

    @Test
    void aMissingPathOrAnOptionIsNotTakenForAFile() {
        assertThat(decide("/no/such/file.jpg").gui()).isFalse();
        assertThat(decide("-x").gui()).isFalse();
        assertThat(Launcher.isExistingPath("bad\0path")).isFalse();
    }
}
