package io.obitox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.AppHome;
import io.obitox.testing.CliRun;
import io.obitox.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CliTest {
    private final Path home = TestPaths.newDir("cli").resolve("home");

    @Test
    void helpListsEveryCommandAndTouchesNothing() {
        CliRun r = CliRun.run(home, "--help").ok();
        assertThat(r.out())
                .contains("Usage: obitox")
                .contains("profile")
                .contains("ls")
                .contains("mb")
                .contains("rm")
                .contains("stat")
                .contains("sandbox")
                .contains("Exit status: 0 success, 1 failure, 2 wrong usage.");
        assertThat(home).as("--help opens no app home").doesNotExist();
        assertThat(CliRun.run(home, "profile", "--help").ok().out())
                .contains("add")
                .contains("list")
                .contains("test")
                .contains("remove")
                .contains("default");
        assertThat(CliRun.run(home, "ls", "--help").ok().out())
                .contains("--endpoint-url")
                .contains("--profile");
    }

    @Test
    void isCommandKnowsExactlyTheCommandsOfTheTree() {
        var tree = Cli.commandLine(null).getSubcommands().keySet();
        assertThat(tree).contains("upload", "transfers", "sandbox");
        for (String name : tree) {
            assertThat(Cli.isCommand(name)).as(name).isTrue();
        }
        for (String word : new String[] {"photo.jpg", "uploads", "help-me", "", "-h", "obitox"}) {
            assertThat(Cli.isCommand(word)).as(word).isFalse();
        }
    }

    @Test
    void aRunBuildsOnlyTheCommandItNamesAndTheWholeTreeOtherwise() {
        assertThat(Cli.namedCommand(new String[] {"upload", "a.txt"}))
                .isEqualTo(io.obitox.transfer.cli.UploadCommand.class);
        assertThat(Cli.namedCommand(new String[] {"--home", "ls", "stat", "b/k"}))
                .as("the value of --home is not a command")
                .isEqualTo(Cli.namedCommand(new String[] {"stat"}))
                .isNotNull();
        assertThat(Cli.namedCommand(new String[] {"--home=x", "ls"})).isNotNull();
        for (String[] args : new String[][] {{}, {"--help"}, {"--version"}, {"frobnicate"}, {"--home", "x"}}) {
            assertThat(Cli.namedCommand(args)).as(String.join(" ", args)).isNull();
        }
        var one = Cli.commandLine(null, new String[] {"--home", "h", "ls", "--help"});
        assertThat(one.getSubcommands().keySet()).containsExactly("ls");
        var all = Cli.commandLine(null, new String[] {"frobnicate"});
        assertThat(all.getSubcommands().keySet()).contains("upload", "ls", "profile");
        // the command named alone still runs with the options the tree gives it (--home is inherited)
        assertThat(CliRun.run(home, "ls", "--help").ok().out()).contains("--home");
    }

    /**
     * The one-line summaries of the command list in {@code help} (below {@code heading}), each joined from its
     * wrapped lines. picocli shows a command's first description line there, so that line must be a whole sentence.
     */
    static java.util.Map<String, String> commandSummaries(String help, String heading) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        String current = null;
        boolean in = false;
        for (String line : help.split("\\R")) {
            if (line.equals(heading)) {
                in = true;
            } else if (in && line.isBlank()) {
                break;
            } else if (in && line.matches("  \\S.*")) {
                current = line.trim().split("\\s+", 2)[0];
                out.put(current, line.trim().substring(current.length()).trim());
            } else if (in && current != null) {
                out.merge(current, line.trim(), (a, b) -> a + " " + b);
            }
        }
        return out;
    }

    @Test
    void everyCommandInTheListIsSummedUpInWholeSentences() {
        var summaries = commandSummaries(CliRun.run(home, "--help").ok().out(), "Commands:");
        assertThat(summaries).containsKeys("upload", "sync", "download", "stat", "webhooks", "rm");
        summaries.forEach((name, text) -> assertThat(text).as(name).endsWith("."));
        for (String group : new String[] {"transfers", "multipart", "profile", "cors", "webhooks", "watch", "policy"}) {
            var sub = commandSummaries(CliRun.run(home, group, "--help").ok().out(), "Commands:");
            assertThat(sub).as(group).isNotEmpty();
            sub.forEach((name, text) -> assertThat(text).as(group + " " + name).endsWith("."));
        }
    }

    @Test
    void everyOptionAndParameterOfEveryCommandSaysWhatItIs() {
        java.util.List<String> bare = new java.util.ArrayList<>();
        java.util.List<String> cutPaths = new java.util.ArrayList<>();
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>();
        todo.add(Cli.commandLine(null, new String[] {"frobnicate"}));
        while (!todo.isEmpty()) {
            picocli.CommandLine cl = todo.pop();
            todo.addAll(cl.getSubcommands().values());
            var spec = cl.getCommandSpec();
            // picocli may wrap a line after the dot of "~/.aws": the path then reads "~/. aws"
            cl.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF)
                    .lines()
                    .map(String::stripTrailing)
                    .filter(l -> l.endsWith("/.") || l.endsWith("~/"))
                    .forEach(l -> cutPaths.add(spec.qualifiedName() + ": " + l.strip()));
            for (var o : spec.options()) {
                if (!o.usageHelp() && !o.versionHelp() && !described(o.description())) {
                    bare.add(spec.qualifiedName() + " " + o.longestName());
                }
            }
            for (var p : spec.positionalParameters()) {
                if (!described(p.description())) {
                    bare.add(spec.qualifiedName() + " " + p.paramLabel());
                }
            }
        }
        assertThat(bare)
                .as("options and parameters without a description in --help")
                .isEmpty();
        assertThat(cutPaths).as("help lines that cut a path in two").isEmpty();
    }

    private static boolean described(String[] description) {
        return description != null && java.util.Arrays.stream(description).anyMatch(d -> !d.isBlank());
    }

    @Test
    void versionNamesObitoxAndJava() {
        CliRun r = CliRun.run(home, "--version").ok();
        assertThat(r.out()).startsWith("ObitoX ").contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void anUnknownCommandIsWrongUsage() {
        CliRun r = CliRun.run(home, "frobnicate");
        assertThat(r.exit()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("frobnicate");
        r.assertNoStackTrace();
    }

    @Test
    void noCommandOrAMissingSubcommandIsWrongUsage() {
        assertThat(CliRun.run(home).exit()).isEqualTo(Cli.USAGE);
        CliRun r = CliRun.run(home, "profile");
        assertThat(r.exit()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("Missing subcommand");
        CliRun badOption = CliRun.run(home, "ls", "--no-such-option");
        assertThat(badOption.exit()).isEqualTo(Cli.USAGE);
        assertThat(badOption.err()).contains("--no-such-option");
    }

    @Test
    void failuresArePrintedAsCodeMessageAndFixWithoutAStackTrace() {
        CliRun missing =
                CliRun.run(home, "profile", "remove", "No such profile").failsWith("PROFILE_NOT_FOUND");
        assertThat(missing.err())
                .contains("'No such profile'")
                .contains("Fix: List profiles with 'obitox profile list'");
        CliRun sandbox = CliRun.run(home, "profile", "remove", "Sandbox").failsWith("PROFILE_READ_ONLY");
        assertThat(sandbox.err()).contains("cannot be removed");
        CliRun badName = CliRun.run(home, "mb", "Bad_Name").failsWith("INVALID_BUCKET_NAME");
        assertThat(badName.err()).contains("lowercase");
        CliRun badProvider = CliRun.run(
                        home, "profile", "add", "X", "--provider", "nimbus", "--endpoint-url", "http://h")
                .failsWith("INVALID_INPUT");
        assertThat(badProvider.err()).contains("Unknown provider 'nimbus'");
    }

    @Test
    void anUnusableHomeIsAnErrorNotACrash() throws IOException {
        Path file = Files.writeString(TestPaths.newDir("cli-badhome").resolve("home"), "not a folder");
        CliRun r = CliRun.run(file, "profile", "list").failsWith("HOME_UNUSABLE");
        assertThat(r.err()).contains(file.toString());
    }

    @Test
    void aCorruptDatabaseIsRecreatedWithAWarningAndTheCommandStillRuns() throws IOException {
        Path db = new AppHome(home).database();
        Files.createDirectories(db);
        byte[] garbage = new byte[32 * 1024];
        new Random(3).nextBytes(garbage);
        Files.write(db.resolve("obitox.mv.db"), garbage);
        CliRun r = CliRun.run(home, "profile", "list").ok();
        assertThat(r.err())
                .startsWith("Warning: The database could not be opened")
                .contains(".broken-");
        assertThat(r.out()).contains("Sandbox");
        assertThat(CliRun.run(home, "profile", "list").ok().err())
                .as("only once")
                .isEmpty();
    }
}
