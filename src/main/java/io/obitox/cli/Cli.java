package io.obitox.cli;

import io.obitox.app.AppHome;
import io.obitox.app.FrontEnds;
import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.cli.kit.Output;
import io.obitox.cors.cli.CorsCommand;
import io.obitox.objects.cli.ObjectSettingsCommand;
import io.obitox.presign.cli.PresignCommand;
import io.obitox.profile.cli.ProfileCommand;
import io.obitox.storage.S3Errors;
import io.obitox.storage.cli.LsCommand;
import io.obitox.storage.cli.MbCommand;
import io.obitox.storage.cli.RmCommand;
import io.obitox.storage.cli.StatCommand;
import io.obitox.sync.cli.SyncCommand;
import io.obitox.transfer.cli.DownloadCommand;
import io.obitox.transfer.cli.MultipartCommand;
import io.obitox.transfer.cli.TransfersCommand;
import io.obitox.transfer.cli.UploadCommand;
import io.obitox.validation.cli.PolicyCommand;
import io.obitox.validation.cli.ValidateCommand;
import io.obitox.watch.cli.WatchCommand;
import io.obitox.webhook.cli.WebhooksCommand;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs the command line: builds the picocli tree (subcommands get the {@link CliContext} through their
 * constructor), turns failures into a plain {@code Error [CODE]: message / Fix: …} on stderr and an exit code.
 */
public final class Cli {
    public static final int OK = ExitCodes.OK;
    public static final int FAILURE = ExitCodes.FAILURE;
    public static final int USAGE = ExitCodes.USAGE;

    /** Top-level commands, in the order {@code --help} lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            UploadCommand.class,
            DownloadCommand.class,
            SyncCommand.class,
            WatchCommand.class,
            TransfersCommand.class,
            MultipartCommand.class,
            ProfileCommand.class,
            LsCommand.class,
            MbCommand.class,
            RmCommand.class,
            StatCommand.class,
            CorsCommand.class,
            WebhooksCommand.class,
            ValidateCommand.class,
            PolicyCommand.class,
            PresignCommand.class);

    /** Commands of optional packages (an installer may leave the sandbox out); added when present. */
    private static final List<String> OPTIONAL_COMMANDS = List.of("io.obitox.sandbox.cli.SandboxCommand");

    private Cli() {}

    /** The command line for the {@code Launcher} (META-INF/services/io.obitox.app.FrontEnds$CommandLine). */
    public static final class FrontEnd implements FrontEnds.CommandLine {
        @Override
        public boolean isCommand(String word) {
            return Cli.isCommand(word);
        }

        @Override
        public int run(String[] args) {
            return Cli.run(args);
        }
    }

    /**
     * Not a static field: the launcher asks {@link #isCommand} before it has told logback where the log goes, and a
     * logger created then would fix the log in the wrong place.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(Cli.class);
    }

    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        AppHome home = AppHome.resolve(AppHome.homeOption(args));
        try (CliContext ctx = new CliContext(home, out, err)) {
            CommandLine cl = commandLine(ctx, args);
            cl.setOut(out);
            cl.setErr(err);
            // picocli's own usage errors in the language of the help (English ones stay picocli's)
            cl.setParameterExceptionHandler(
                    new ParseErrors(cl.getParameterExceptionHandler(), CliContext::systemMessages));
            cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
                log().warn(
                                "Command failed: {}",
                                String.join(" ", cmd.getCommandSpec().qualifiedName()),
                                ex);
                ctx.out().error(S3Errors.describe(ex));
                return FAILURE;
            });
            return cl.execute(args);
        } catch (RuntimeException e) {
            // opening the app home or database failed before any command ran
            log().warn("CLI start failed", e);
            new Output(out, err).error(S3Errors.describe(e));
            return FAILURE;
        }
    }

    /** True when {@code word} names a top-level command (so {@code obitox ls} is never taken for a file). */
    public static boolean isCommand(String word) {
        return commandNamed(word) != null;
    }

    // from the annotations: building the command tree (what picocli would do) costs a tenth of a second, and the
    // launcher asks this at every start
    private static Class<?> commandNamed(String word) {
        for (Class<?> command : commandClasses()) {
            CommandLine.Command c = command.getAnnotation(CommandLine.Command.class);
            if (c != null && (c.name().equals(word) || List.of(c.aliases()).contains(word))) {
                return command;
            }
        }
        return null;
    }

    /**
     * The command the first word that is not a top-level option names, or null (no command, an option picocli
     * must see with the whole tree such as {@code --help}, or an unknown word).
     */
    static Class<?> namedCommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--home")) {
                i++; // its value, which may look like a command
            } else if (a.startsWith("--home=")) {
                continue;
            } else if (a.startsWith("-")) {
                return null;
            } else {
                return commandNamed(a);
            }
        }
        return null;
    }

    private static List<Class<?>> commandClasses() {
        List<Class<?>> commands = new java.util.ArrayList<>(COMMANDS);
        for (String name : OPTIONAL_COMMANDS) {
            try {
                commands.add(Class.forName(name));
            } catch (ClassNotFoundException absent) {
                // not in this build
            }
        }
        return commands;
    }

    /** The whole command tree (help, completion, tests). */
    static CommandLine commandLine(CliContext ctx) {
        return commandLine(ctx, new String[0]);
    }

    /**
     * The command tree for these arguments: only the command they name when they name one. Building all of the
     * tree costs a tenth of a second of CPU (picocli reflects over every command's annotations), paid at every run;
     * the other commands are only needed for the top-level help and for words that are not commands, where the
     * whole tree is built so that picocli's usage and "did you mean" messages stay complete.
     */
    static CommandLine commandLine(CliContext ctx, String[] args) {
        Class<?> named = namedCommand(args);
        List<Class<?>> commands = named == null ? commandClasses() : List.of(named);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                for (Constructor<?> c : type.getDeclaredConstructors()) {
                    if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
                        c.setAccessible(true);
                        return type.cast(c.newInstance(ctx));
                    }
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine cl = new CommandLine(new ObitoxCommand(), factory);
        for (Class<?> command : commands) {
            try {
                cl.addSubcommand(factory.create(command));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot create command " + command.getName(), e);
            }
        }
        CommandLine profile = cl.getSubcommands().get("profile");
        if (profile != null) {
            // issue 16: 'profile object-settings' lives with the object settings (objects.cli), which depend on
            // the profile package and not the other way round
            try {
                profile.addSubcommand(factory.create(ObjectSettingsCommand.class));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot create command object-settings", e);
            }
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        HelpTexts.apply(cl, CliContext.systemMessages());
        return cl;
    }
}
