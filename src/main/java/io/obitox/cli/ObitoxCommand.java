package io.obitox.cli;

import io.obitox.app.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command; its subcommands are added in {@link Cli}. Without a command it prints the usage. */
@Command(
        name = "obitox",
        mixinStandardHelpOptions = true,
        versionProvider = ObitoxCommand.VersionProvider.class,
        description = {
            "ObitoX: uploads to S3-compatible storage (AWS S3, Cloudflare R2, MinIO, Ceph, Backblaze B2).",
            "Run without a command to open the window."
        },
        footer = {"", "Exit status: 0 success, 1 failure, 2 wrong usage.", "Data folder: --home DIR or OBITOX_HOME."})
public final class ObitoxCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description = "App home (database, logs, sandbox data). Default: the OS's per-user data folder.")
    String home;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command.");
    }

    /** {@code --version}: the version stamped by the build. */
    public static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ObitoX " + Version.current(), "Java " + System.getProperty("java.version")};
        }
    }
}
