package io.obitox.cli.kit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.obitox.common.Json;
import io.obitox.common.Messages;
import io.obitox.common.TerminalText;
import io.obitox.common.UserMessage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes command results: aligned tables and JSON on stdout, progress, warnings and errors on stderr.
 *
 * <p>Human output passes through {@link TerminalText}: keys and names come from servers and files, and a control or
 * direction character in one must not drive the terminal. Table cells are escaped whole (line breaks too); lines keep
 * their line breaks, so a command that prints a value which may hold one escapes the value itself. JSON keeps every
 * value exact and writes DEL, C1 and direction controls as backslash-u escapes (JSON escapes C0 already).
 */
public final class Output {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Supplier<Messages> messages;

    /** Created on first JSON output only: Jackson is hundreds of classes most commands never need. */
    private static final class Mapper {
        static final ObjectMapper JSON = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

        static {
            JSON.getFactory().setCharacterEscapes(new TerminalSafeEscapes());
        }
    }

    /** JSON's own escapes plus backslash-u escapes for what {@link TerminalText} escapes beyond C0. */
    private static final class TerminalSafeEscapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        TerminalSafeEscapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch <= Character.MAX_VALUE && TerminalText.isUnsafe((char) ch)
                    ? new SerializedString(String.format("\\u%04x", ch))
                    : null;
        }
    }

    /** Output whose warnings and errors are labelled in the OS's language. */
    public Output(PrintWriter out, PrintWriter err) {
        this(out, err, CliContext::systemMessages);
    }

    /**
     * @param messages the language of the labels ({@code Warning:}, {@code Error [CODE]:}, {@code Fix:}) and of
     *     messages made from keys; asked only when one is written
     */
    public Output(PrintWriter out, PrintWriter err, Supplier<Messages> messages) {
        this.out = out;
        this.err = err;
        this.messages = messages;
    }

    public void println(String line) {
        out.println(TerminalText.escapeLines(line));
        out.flush();
    }

    /** Text as is (its own line breaks), controls escaped: a diff, a block of lines. */
    public void print(String text) {
        out.print(TerminalText.escapeLines(text));
        out.flush();
    }

    public void json(Object value) {
        try {
            out.println(Mapper.JSON.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Columns padded to the widest cell; the last column is not padded. */
    public void table(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        if (header != null) {
            all.add(header);
        }
        for (List<String> r : rows) {
            List<String> cells = new ArrayList<>(r.size());
            r.forEach(c -> cells.add(TerminalText.escape(c)));
            all.add(cells);
        }
        int cols = all.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[cols];
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i) == null ? 0 : r.get(i).length());
            }
        }
        for (List<String> r : all) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i) == null ? "" : r.get(i);
                sb.append(cell);
                if (i < r.size() - 1) {
                    sb.append(" ".repeat(width[i] - cell.length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
    }

    public void progress(String line) {
        err.println(TerminalText.escapeLines(line));
        err.flush();
    }

    public void warn(String line) {
        err.println(messages.get().get("cli.output.warning", TerminalText.escapeLines(line)));
        err.flush();
    }

    /**
     * {@code Error [CODE]: message} and {@code Fix: …} in the user's language: the code stays as it is (scripts and
     * searches match it), a message made from keys is rendered in that language, one made of English text stays so.
     */
    public void error(UserMessage m) {
        Messages texts = messages.get();
        err.println(texts.get("cli.output.error", m.code(), TerminalText.escapeLines(texts.message(m))));
        String fix = texts.fix(m);
        if (fix != null && !fix.isBlank()) {
            err.println(texts.get("cli.output.fix", TerminalText.escapeLines(fix)));
        }
        err.flush();
    }

    /** The language of the labels, for a prompt written before any other output. */
    public Messages messages() {
        return messages.get();
    }

    public PrintWriter stdout() {
        return out;
    }

    public PrintWriter stderr() {
        return err;
    }

    public void flush() {
        out.flush();
        err.flush();
    }
}
