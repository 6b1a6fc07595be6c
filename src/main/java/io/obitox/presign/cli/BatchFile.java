package io.obitox.presign.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.cli.kit.CliFailure;
import io.obitox.common.Json;
import io.obitox.common.ObitoxException;
import io.obitox.common.Sizes;
import io.obitox.common.TextRef;
import io.obitox.presign.LinkMethod;
import io.obitox.presign.LinkRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code --batch FILE.json}: an array of {@code {"key", "method", "size", "contentType", "contentMd5"}} (or an
 * object with such an array under {@code "files"}); the feature plan's {@code filename}/{@code fileSize} spellings
 * are accepted too. Only the key is required.
 */
final class BatchFile {
    private static final ObjectMapper JSON = Json.newMapper();

    private BatchFile() {}

    static List<LinkRequest> read(Path file, LinkMethod defaultMethod) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw invalid(file, TextRef.of("cli.error.batchFile.missing"), e);
        } catch (JsonProcessingException e) {
            throw invalid(
                    file,
                    TextRef.of(
                            "cli.error.batchFile.notJson",
                            String.valueOf(e.getLocation().getLineNr()),
                            String.valueOf(e.getLocation().getColumnNr())),
                    e);
        } catch (IOException e) {
            throw invalid(file, TextRef.of("cli.error.batchFile.unreadable", String.valueOf(e.getMessage())), e);
        }
        JsonNode array = root != null && root.isObject() ? root.get("files") : root;
        if (array == null || !array.isArray()) {
            throw invalid(file, TextRef.of("cli.error.batchFile.noArray"), null);
        }
        List<LinkRequest> out = new ArrayList<>();
        int n = 0;
        for (JsonNode f : array) {
            n++;
            if (!f.isObject()) {
                throw invalid(
                        file,
                        TextRef.of("cli.error.batchFile.notAnObject", String.valueOf(n), "{\"key\": \"a.jpg\"}"),
                        null);
            }
            String key = text(f, "key", "filename");
            String method = text(f, "method");
            out.add(new LinkRequest(
                    key,
                    method == null ? defaultMethod : method(file, n, method),
                    size(file, n, f.has("size") ? f.get("size") : f.get("fileSize")),
                    text(f, "contentType"),
                    text(f, "contentMd5")));
        }
        return out;
    }

    private static String text(JsonNode f, String... names) {
        for (String name : names) {
            JsonNode v = f.get(name);
            if (v != null && !v.isNull()) {
                return v.asText();
            }
        }
        return null;
    }

    private static LinkMethod method(Path file, int n, String text) {
        try {
            return LinkMethod.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(file, TextRef.of("cli.error.batchFile.badMethod", String.valueOf(n), text), e);
        }
    }

    private static Long size(Path file, int n, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        try {
            return Sizes.parse(v.asText());
        } catch (IllegalArgumentException e) {
            throw invalid(file, TextRef.of("cli.error.batchFile.badSize", String.valueOf(n), v.asText()), e);
        }
    }

    private static ObitoxException invalid(Path file, TextRef problem, Exception cause) {
        return CliFailure.of(
                "INVALID_BATCH_FILE",
                TextRef.of("cli.error.batchFile.invalidBatchFile", file, problem),
                TextRef.of("cli.error.batchFile.invalidBatchFile.fix"),
                cause);
    }
}
