package io.obitox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.obitox.common.Messages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * picocli's usage errors said again from the bundle: said in English, every sentence must come out exactly as
 * picocli prints it (which proves the sentence was read back right), and in German none may stay English.
 */
class ParseErrorsTest {
    /** Wrong command lines of each kind picocli complains about. */
    private static final List<String[]> WRONG = List.of(
            new String[] {"ls", "--x"},
            new String[] {"ls", "--x", "--y"},
            new String[] {"ls", "--jsn"},
            new String[] {"uplod"},
            new String[] {"mb", "a", "b"},
            new String[] {"mb", "a", "b", "c"},
            new String[] {"upload"},
            new String[] {"cors", "setup"},
            new String[] {"cors", "verify", "--browser-timeout", "abc"},
            new String[] {"cors", "restore", "--id", "x"},
            new String[] {"multipart", "abort", "--older-than", "x"},
            new String[] {"presign", "a/b", "--method", "POST"},
            new String[] {"cors", "verify", "--bucket"},
            new String[] {"cors", "verify", "--bucket", "--json"},
            new String[] {"cors", "verify", "--bucket", "a", "--bucket", "b"});

    @Test
    void inEnglishEverySentenceIsPicocliesOwnByteForByte() throws Exception {
        for (String[] args : WRONG) {
            CommandLine cl = Cli.commandLine(null, args);
            ParameterException ex = parse(cl, args);

            StringWriter picocli = new StringWriter();
            cl.setErr(new PrintWriter(picocli, true));
            int picocliExit = cl.getParameterExceptionHandler().handleParseException(ex, args);
            StringWriter ours = new StringWriter();
            cl.setErr(new PrintWriter(ours, true));
            boolean known = ParseErrors.print(ex, Messages.english());

            assertThat(known)
                    .as("%s: %s is known", String.join(" ", args), ex.getMessage())
                    .isTrue();
            assertThat(ours.toString()).as(String.join(" ", args)).isEqualTo(picocli.toString());
            assertThat(picocliExit).isEqualTo(CommandLine.ExitCode.USAGE);
        }
    }

    @Test
    void inGermanNoSentenceStaysEnglish() {
        Messages german = Messages.of(Locale.GERMAN);
        for (String[] args : WRONG) {
            ParameterException ex = parse(Cli.commandLine(null, args), args);
            String said = ParseErrors.translate(ex, german);
            assertThat(said)
                    .as(String.join(" ", args))
                    .isNotNull()
                    .isNotEqualTo(ex.getMessage())
                    .doesNotContain("option '")
                    .doesNotContain("cli.parse")
                    .doesNotContainPattern("(?i)unknown|missing|invalid|expected|unmatched|specified");
        }
    }

    @Test
    void anInvalidPositionalValueNamesItsIndexLabelAndReason() {
        CommandLine cl = Cli.commandLine(null, new String[] {"ls"});
        ParameterException ex = new ParameterException(
                cl, "Invalid value for positional parameter at index 1 (<count>): 'x' is not an int");
        assertThat(ParseErrors.translate(ex, Messages.of(Locale.GERMAN)))
                .startsWith("Ungültiger Wert für den Parameter <count> an Position 1: ")
                .contains("x")
                .doesNotContain("{", "is not an int");
        assertThat(ParseErrors.translate(ex, Messages.english())).isEqualTo(ex.getMessage());
    }

    @Test
    void aSentenceNotKnownHereIsLeftToPicocli() {
        CommandLine cl = Cli.commandLine(null, new String[] {"ls"});
        ParameterException ex = new ParameterException(cl, "Something new in picocli 5");
        assertThat(ParseErrors.translate(ex, Messages.of(Locale.GERMAN))).isNull();
        ParameterException reason = new ParameterException(cl, "Invalid value for option '--max': too shiny");
        assertThat(ParseErrors.translate(reason, Messages.of(Locale.GERMAN))).isNull();
    }

    private static ParameterException parse(CommandLine cl, String[] args) {
        ParameterException ex = catchThrowableOfType(ParameterException.class, () -> cl.parseArgs(args));
        assertThat(ex).as("%s is wrong usage", String.join(" ", args)).isNotNull();
        return ex;
    }
}
