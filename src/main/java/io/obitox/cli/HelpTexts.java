package io.obitox.cli;

import io.obitox.common.Messages;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Puts the usage help into the user's language (issue 20). The texts live in {@code messages.properties} under
 * {@code cli.help.*}:
 *
 * <ul>
 *   <li>options and positional parameters name theirs with {@code descriptionKey}; picocli reads them from the
 *       bundle given to the tree here (and its own {@code mixinStandardHelpOptions.*} for {@code -h}/{@code -V});
 *   <li>a command's {@code description} and {@code footer} are a key each, replaced here by the text (one line of
 *       the text per line of help, the first one being what the parent's command list shows). Picocli's own
 *       per-command keys ({@code obitox.upload.usage.description}) would work too, but the keys would then be built
 *       from command names and appear nowhere in the code, where MessagesTest looks for every key;
 *   <li>the headings picocli writes itself ({@code Usage:}, {@code Commands:}).
 * </ul>
 *
 * <p>Help uses the OS's language: showing it must not open the app home, where the setting {@code ui.language} is.
 */
final class HelpTexts {
    /** Keys picocli looks up itself in the bundle (the descriptions of {@code -h} and {@code -V}). */
    static final List<String> PICOCLI_KEYS =
            List.of("mixinStandardHelpOptions.help", "mixinStandardHelpOptions.version");

    private HelpTexts() {}

    /** Gives the whole tree (subcommands already added) its texts in {@code messages}' language. */
    static void apply(CommandLine root, Messages messages) {
        for (String key : PICOCLI_KEYS) {
            if (!messages.bundle().containsKey(key)) {
                throw new IllegalStateException("Missing help text " + key); // picocli would fall back to English
            }
        }
        root.setResourceBundle(messages.bundle());
        String usage = messages.get("cli.help.heading.usage");
        String commands = messages.get("cli.help.heading.commands");
        apply(root, messages, usage, commands);
    }

    private static void apply(CommandLine cl, Messages messages, String usage, String commands) {
        CommandSpec spec = cl.getCommandSpec();
        UsageMessageSpec help = spec.usageMessage();
        help.description(texts(messages, help.description()));
        help.footer(texts(messages, help.footer()));
        // picocli's headings are format strings ending in %n where a line break follows
        help.synopsisHeading(usage + " ");
        help.commandListHeading(commands + "%n");
        for (CommandLine sub : cl.getSubcommands().values()) {
            // an alias maps to the same CommandLine: once is enough, but twice does no harm either
            apply(sub, messages, usage, commands);
        }
    }

    /** A key's text split into its lines, or the lines as they are when they are not a key. */
    private static String[] texts(Messages messages, String[] lines) {
        if (lines.length == 1
                && lines[0].startsWith("cli.help.")
                && messages.bundle().containsKey(lines[0])) {
            return messages.get(lines[0]).split("\n", -1);
        }
        return lines;
    }
}
