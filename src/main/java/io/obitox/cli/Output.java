package io.obitox.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.obitox.common.Json;
import io.obitox.common.UserMessage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Writes command results: aligned tables and JSON on stdout, progress, warnings and errors on stderr. */
public final class Output {
    private final PrintWriter out;
    private final PrintWriter err;

    /** Created on first JSON output only: Jackson is hundreds of classes most commands never need. */
    private static final class Mapper {
        static final ObjectMapper JSON = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public Output(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public void println(String line) {
        out.println(line);
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
        all.addAll(rows);
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
        err.println(line);
        err.flush();
    }

    public void warn(String line) {
        err.println("Warning: " + line);
        err.flush();
    }

    public void error(UserMessage m) {
        err.println("Error [" + m.code() + "]: " + m.message());
        if (m.fix() != null && !m.fix().isBlank()) {
            err.println("Fix: " + m.fix());
        }
        err.flush();
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
