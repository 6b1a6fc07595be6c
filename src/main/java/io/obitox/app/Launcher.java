package io.obitox.app;

import io.obitox.app.ui.GuiMain;
import io.obitox.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one entry point: {@code java -jar obitox.jar} opens the GUI, {@code java -jar obitox.jar COMMAND …} runs the
 * CLI. A plain class (not a JavaFX Application) so it starts from a fat jar and from jpackage alike.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        String homeOption = AppHome.homeOption(args);
        List<String> rest = withoutHomeOption(args);
        boolean gui = rest.isEmpty()
                || Files.exists(Path.of(rest.get(0))) && !rest.get(0).startsWith("-") && !Cli.isCommand(rest.get(0));
        AppHome home = AppHome.resolve(homeOption);
        // The log location must be known before the first logger is created.
        System.setProperty("obitox.log.dir", home.logs().toString());
        System.setProperty("obitox.log.name", gui ? "obitox" : "obitox-cli");
        if (gui) {
            GuiMain.launch(home, rest.stream().map(Path::of).toList());
        } else {
            System.exit(Cli.run(args));
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
