package io.obitox.cli;

import io.obitox.common.Messages;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli's own complaints about the arguments ({@code Unknown option: '--x'}, {@code Missing required parameter: …},
 * {@code Invalid value for option …}) in the language of the run. picocli writes them in English only, and its
 * exceptions carry no more than that sentence, so the known sentences are read back and said again from the bundle.
 *
 * <p>In English picocli prints them itself, byte for byte as before (scripts and tests read them); a sentence not
 * known here stays picocli's English rather than becoming a guess. Like picocli, the sentence is followed by its "did
 * you mean" suggestions or else by the usage help (which is in the run's language already), exit status 2.
 */
final class ParseErrors implements IParameterExceptionHandler {
    /** A picocli sentence and how to say it from the bundle: the key and its arguments from the match. */
    private record Sentence(Pattern english, String key, Function<Matcher, Object[]> args) {
        Sentence(String english, String key, Function<Matcher, Object[]> args) {
            this(Pattern.compile(english), key, args);
        }
    }

    /** picocli 4.7's sentences (CommandLine's Interpreter and exceptions) that name no list; a new one may add others. */
    private static final List<Sentence> SENTENCES = List.of(
            new Sentence(
                    "^Missing required parameter for option '([^']+)' \\(([^)]*)\\)$",
                    "cli.parse.optionValueMissing",
                    m -> new Object[] {m.group(1), m.group(2)}),
            new Sentence(
                    "^Expected parameter for option '([^']+)' but found '(.*)'$", "cli.parse.optionValueExpected", m ->
                            new Object[] {m.group(1), m.group(2)}),
            new Sentence("^option '([^']+)' \\(([^)]*)\\) should be specified only once$", "cli.parse.optionTwice", m ->
                    new Object[] {m.group(1), m.group(2)}),
            new Sentence("^option '([^']+)' should be specified only once$", "cli.parse.flagTwice", m ->
                    new Object[] {m.group(1)}),
            new Sentence("^Missing required subcommand$", "cli.parse.subcommandMissing", m -> new Object[0]));

    /** {@code Missing required option: '--origin=ORIGIN'}, and the plurals with a list. */
    private static final Pattern MISSING = Pattern.compile("^Missing required (options?|parameters?): (.+)$");

    private static final Map<String, String> MISSING_KEY = Map.of(
            "option", "cli.parse.missingOption",
            "options", "cli.parse.missingOptions",
            "parameter", "cli.parse.missingParameter",
            "parameters", "cli.parse.missingParameters");

    /** A name in picocli's list of missing options or parameters (names have no quotes inside). */
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private static final Pattern INVALID_OPTION = Pattern.compile("^Invalid value for option '([^']+)': (.*)$");
    private static final Pattern INVALID_PARAMETER =
            Pattern.compile("^Invalid value for positional parameter at index (\\d+) \\(([^)]*)\\): (.*)$");
    private static final Pattern NOT_A = Pattern.compile("^'(.*)' is not an? (int|long|double)$");
    private static final Map<String, String> NOT_A_KEY = Map.of(
            "int", "cli.parse.notAnInt",
            "long", "cli.parse.notALong",
            "double", "cli.parse.notADouble");
    private static final Pattern NOT_ONE_OF =
            Pattern.compile("^expected one of \\[(.*)\\] \\(case-insensitive\\) but was '(.*)'$");
    private static final Pattern UNMATCHED = Pattern.compile("^Unmatched arguments? (?:at|from) index (\\d+): ");

    private final IParameterExceptionHandler picocli;
    private final Supplier<Messages> messages;

    /**
     * @param picocli picocli's own handler, for English and for sentences not known here
     * @param messages the language of the run, asked when an error is printed
     */
    ParseErrors(IParameterExceptionHandler picocli, Supplier<Messages> messages) {
        this.picocli = picocli;
        this.messages = messages;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) throws Exception {
        Messages texts = messages.get();
        if (texts.locale().getLanguage().equals(Messages.LANGUAGES.get(0)) || !print(ex, texts)) {
            return picocli.handleParseException(ex, args);
        }
        CommandLine cmd = ex.getCommandLine();
        CommandLine.IExitCodeExceptionMapper mapper = cmd.getExitCodeExceptionMapper();
        return mapper != null ? mapper.getExitCode(ex) : cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * Prints what picocli's handler prints, in {@code texts}' language: the sentence, then the suggestions or the
     * usage help. False, printing nothing, when the sentence is not one known here.
     */
    static boolean print(ParameterException ex, Messages texts) {
        String sentence = translate(ex, texts);
        if (sentence == null) {
            return false;
        }
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText(sentence));
        if (!suggest(ex, texts, err)) {
            cmd.usage(err, cmd.getColorScheme());
        }
        err.flush();
        return true;
    }

    /** picocli's sentence in {@code texts}' language, or null when it is not one known here. */
    static String translate(ParameterException ex, Messages texts) {
        String english = ex.getMessage() == null ? "" : ex.getMessage();
        if (ex instanceof UnmatchedArgumentException u) {
            return unmatched(u, english, texts);
        }
        Matcher m = INVALID_OPTION.matcher(english);
        if (m.matches()) {
            String why = reason(m.group(2), texts);
            return why == null ? null : texts.get("cli.parse.invalidOption", m.group(1), why);
        }
        m = INVALID_PARAMETER.matcher(english);
        if (m.matches()) {
            String why = reason(m.group(3), texts);
            return why == null ? null : texts.get("cli.parse.invalidParameter", m.group(1), m.group(2), why);
        }
        m = MISSING.matcher(english);
        if (m.matches()) {
            return texts.get(MISSING_KEY.get(m.group(1)), quoteAll(m.group(2), texts));
        }
        for (Sentence s : SENTENCES) {
            m = s.english().matcher(english);
            if (m.matches()) {
                return texts.get(s.key(), s.args().apply(m));
            }
        }
        return null;
    }

    private static String unmatched(UnmatchedArgumentException u, String english, Messages texts) {
        List<String> words = u.getUnmatched();
        String quoted = String.join(
                ", ", words.stream().map(w -> texts.get("cli.parse.quoted", w)).toList());
        if (u.isUnknownOption()) {
            return english.startsWith("Unknown option")
                    ? texts.get(words.size() == 1 ? "cli.parse.unknownOption" : "cli.parse.unknownOptions", quoted)
                    : null;
        }
        Matcher m = UNMATCHED.matcher(english);
        if (!m.find()) {
            return null;
        }
        String key = words.size() == 1 ? "cli.parse.unmatchedArgument" : "cli.parse.unmatchedArguments";
        return texts.get(key, m.group(1), quoted);
    }

    /** Why a value was refused, or null when picocli's reason is not one known here. */
    private static String reason(String english, Messages texts) {
        Matcher m = NOT_A.matcher(english);
        if (m.matches()) {
            return texts.get(NOT_A_KEY.get(m.group(2)), m.group(1));
        }
        m = NOT_ONE_OF.matcher(english);
        if (m.matches()) {
            return texts.get("cli.parse.notOneOf", m.group(1), m.group(2));
        }
        return null;
    }

    /** picocli's {@code 'a', 'b'} (names of options and parameters, without quotes inside) quoted as the language does. */
    private static String quoteAll(String list, Messages texts) {
        Matcher m = QUOTED.matcher(list);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(texts.get("cli.parse.quoted", m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** picocli's "did you mean" line for an unknown word or option, in the language; false when it has none. */
    private static boolean suggest(ParameterException ex, Messages texts, PrintWriter err) {
        if (!(ex instanceof UnmatchedArgumentException u) || u.getSuggestions().isEmpty()) {
            return false;
        }
        List<String> suggestions = u.getSuggestions();
        if (u.isUnknownOption()) {
            err.println(texts.get("cli.parse.possibleSolutions", String.join(", ", suggestions)));
        } else {
            String name = u.getCommandLine().getCommandSpec().name();
            String alternatives = suggestions.stream()
                    .map(s -> name == null || name.isBlank() ? s : name + " " + s)
                    .reduce((a, b) -> texts.get("cli.parse.or", a, b))
                    .orElseThrow();
            err.println(texts.get("cli.parse.didYouMean", alternatives));
        }
        err.flush();
        return true;
    }
}
