package io.obitox.cli.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.AppHome;
import io.obitox.testing.TestPaths;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command base prints one way or the other and exits as the result says; never opens the app for it. */
class ResultCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Command(name = "count")
    static final class CountCmd extends ResultCommand<Integer> {
        @Option(names = "--json")
        boolean json;

        @Option(names = "--n")
        int n;

        CountCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected Integer act() {
            return n;
        }

        @Override
        protected boolean json() {
            return json;
        }

        @Override
        protected Object toJson(Integer n) {
            return Map.of("count", n);
        }

        @Override
        protected void print(Integer n, Output out) {
            out.table(List.of("COUNT"), List.of(List.of(Integer.toString(n))));
        }

        @Override
        protected int exitCode(Integer n) {
            return n > 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    /** Shows progress while it acts, and goes on after its result is out. */
    @Command(name = "live")
    static final class LiveCmd extends LiveCommand<String> {
        @Option(names = "--json")
        boolean json;

        @Option(names = "-q")
        boolean quiet;

        LiveCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected boolean json() {
            return json;
        }

        @Override
        protected boolean quiet() {
            return quiet;
        }

        @Override
        protected String act() {
            progress("working …");
            return "done";
        }

        @Override
        protected Object toJson(String r) {
            return Map.of("result", r);
        }

        @Override
        protected void print(String r, Output out) {
            out.println(r);
        }

        @Override
        protected void afterOutput(String r) {
            ctx.out().progress("after " + r);
        }
    }

    private int runLive(String... args) {
        AppHome home = AppHome.resolve(TestPaths.newDir("live-command").toString());
        try (CliContext ctx = new CliContext(home, new PrintWriter(out, true), new PrintWriter(err, true))) {
            return new CommandLine(new LiveCmd(ctx)).execute(args);
        }
    }

    private int run(String... args) {
        AppHome home = AppHome.resolve(TestPaths.newDir("result-command").toString());
        try (CliContext ctx = new CliContext(home, new PrintWriter(out, true), new PrintWriter(err, true))) {
            return new CommandLine(new CountCmd(ctx)).execute(args);
        }
    }

    @Test
    void printsForPeopleByDefault() {
        assertThat(run("--n", "3")).isZero();
        assertThat(out.toString()).contains("COUNT").contains("3").doesNotContain("{");
    }

    @Test
    void printsJsonInsteadWhenAsked() {
        assertThat(run("--n", "3", "--json")).isZero();
        assertThat(out.toString().replaceAll("\\s", "")).isEqualTo("{\"count\":3}");
    }

    @Test
    void theResultChoosesTheExitStatus() {
        assertThat(run("--n", "0")).isEqualTo(ExitCodes.FAILURE);
        assertThat(out.toString()).contains("COUNT");
    }

    @Test
    void aLiveCommandShowsProgressThenItsResultThenWhatComesAfter() {
        assertThat(runLive()).isZero();
        assertThat(out.toString()).isEqualTo("done" + System.lineSeparator());
        assertThat(err.toString()).containsSubsequence("working …", "after done");
    }

    @Test
    void quietAndJsonSilenceTheProgressButNotWhatComesAfter() {
        assertThat(runLive("-q")).isZero();
        assertThat(err.toString()).doesNotContain("working").contains("after done");
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(runLive("--json")).isZero();
        assertThat(err.toString()).doesNotContain("working");
        assertThat(out.toString().replaceAll("\\s", "")).isEqualTo("{\"result\":\"done\"}");
    }
}
