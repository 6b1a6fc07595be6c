package io.obitox.cors.cli;

import io.obitox.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real command line on a test home, optionally with text on standard input. */
record CliRun(int exit, String out, String err) {

    static CliRun run(Path home, String... args) {
        return runWithInput(home, null, args);
    }

    /** {@code input} becomes System.in for the run (the confirmation question reads it); restored afterwards. */
    static CliRun runWithInput(Path home, String input, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream stdin = System.in;
        if (input != null) {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            int code = Cli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
            return new CliRun(code, out.toString(), err.toString());
        } finally {
            System.setIn(stdin);
        }
    }
}
