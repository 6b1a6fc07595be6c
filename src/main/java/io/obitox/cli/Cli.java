package io.obitox.cli;

import io.obitox.app.AppHome;
import io.obitox.cors.cli.CorsCommand;
import io.obitox.presign.cli.PresignCommand;
import io.obitox.profile.cli.ProfileCommand;
import io.obitox.storage.S3Errors;
import io.obitox.storage.cli.LsCommand;
import io.obitox.storage.cli.MbCommand;
import io.obitox.storage.cli.RmCommand;
import io.obitox.storage.cli.StatCommand;
import io.obitox.transfer.cli.MultipartCommand;
import io.obitox.transfer.cli.TransfersCommand;
import io.obitox.transfer.cli.UploadCommand;
import io.obitox.validation.cli.PolicyCommand;
import io.obitox.validation.cli.ValidateCommand;
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
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    /** Top-level commands, in the order {@code --help} lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            UploadCommand.class,
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
            CommandLine cl = commandLine(ctx);
            cl.setOut(out);
            cl.setErr(err);
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
        // from the annotations: building the command tree (what picocli would do) costs a tenth of a second, and
        // the launcher asks this at every start
        for (Class<?> command : commandClasses()) {
            CommandLine.Command c = command.getAnnotation(CommandLine.Command.class);
            if (c != null && (c.name().equals(word) || List.of(c.aliases()).contains(word))) {
                return true;
            }
        }
        return false;
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

    static CommandLine commandLine(CliContext ctx) {
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
        for (Class<?> command : commandClasses()) {
            try {
                cl.addSubcommand(factory.create(command));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot create command " + command.getName(), e);
            }
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
