package io.obitox.app;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The one entry point: {@code java -jar obitox.jar} opens the GUI, {@code java -jar obitox.jar COMMAND …} runs the
 * CLI. A plain class (not a JavaFX Application) so it starts from a fat jar and from jpackage alike. The front ends
 * are found through {@link FrontEnds}, not imported.
 */
public final class Launcher {
    private Launcher() {}

    /**
     * What the arguments ask for: the window (with the files to open in it) or a command-line run.
     *
     * @param homeOption the value of {@code --home}, or null
     */
    record Decision(boolean gui, String homeOption, List<Path> files) {}

    public static void main(String[] args) {
        FrontEnds.CommandLine cli = FrontEnds.find(FrontEnds.CommandLine.class);
        Decision decision = decide(args, cli::isCommand, Launcher::isExistingPath);
        AppHome home = AppHome.resolve(decision.homeOption());
        // The log location must be known before the first logger is created.
        System.setProperty("obitox.log.dir", home.logs().toString());
        System.setProperty("obitox.log.name", decision.gui() ? "obitox" : "obitox-cli");
        if (decision.gui()) {
            FrontEnds.find(FrontEnds.Window.class).launch(home, decision.files());
        } else {
            System.exit(cli.run(args));
        }
    }

    /**
     * No arguments (besides {@code --home DIR}) or an existing file or folder first: the GUI. Anything else goes to
     * the CLI, which runs a known command or reports an unknown word as wrong usage. A known command name always wins
     * over a file of the same name, so {@code obitox ls} in a folder holding a file {@code ls} still lists.
     */
    static Decision decide(String[] args, Predicate<String> isCommand, Predicate<String> isExistingPath) {
        String homeOption = AppHome.homeOption(args);
        if (args.length > 0 && args[args.length - 1].equals("--home")) {
            return new Decision(false, null, List.of()); // "--home" without a folder: let the CLI say so
        }
        List<String> rest = withoutHomeOption(args);
        if (rest.isEmpty()) {
            return new Decision(true, homeOption, List.of());
        }
        String first = rest.get(0);
        boolean file = !first.startsWith("-") && !isCommand.test(first) && isExistingPath.test(first);
        if (!file) {
            return new Decision(false, homeOption, List.of());
        }
        return new Decision(true, homeOption, rest.stream().map(Path::of).toList());
    }

    static boolean isExistingPath(String arg) {
        try {
            return Files.exists(Path.of(arg));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    static List<String> withoutHomeOption(String[] args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--home")) {
                i++;
            } else if (!args[i].startsWith("--home=")) {
                out.add(args[i]);
            }
        }
        return out;
    }
}
