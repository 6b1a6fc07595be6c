package io.obitox.cli.kit;

/**
 * The process exit status of every command. Here, beside the commands' other tools, so that a feature's command
 * needs nothing from {@code io.obitox.cli.Cli}, which builds the tree of all of them (a cycle otherwise).
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    /** Wrong usage: picocli's own code for a parse error ({@code CommandLine.ExitCode.USAGE}). */
    public static final int USAGE = picocli.CommandLine.ExitCode.USAGE;

    private ExitCodes() {}
}
