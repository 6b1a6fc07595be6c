package io.obitox.presign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.obitox.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Links as JSON (the CLI's {@code --json} and the view's export share one shape) and as CSV. The files hold full
 * URLs, which are secrets until they expire: they are written only where the user asks, owner-only where the file
 * system allows.
 */
public final class LinkExport {
    private static final ObjectMapper JSON = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> CSV_HEADER = List.of(
            "key", "method", "url", "headers", "expiresAt", "expiresInSeconds", "bucket", "explanation", "warnings");

    private LinkExport() {}

    /**
     * One object per link: {@code key, method, url, headers} (the signed headers the caller must send, each with
     * exactly this value), {@code expiresAt, expiresInSeconds}, {@code requiredHeaders} (the same map, by the name
     * object settings gave it), then {@code bucket},
     * {@code explanation} ({@code source, throughputBytesPerSecond, samples, sizeBytes, buffer, rawSeconds, clamp,
     * cutByCredentials, text}) and {@code warnings}.
     */
    public static List<Map<String, Object>> toJson(List<PresignedLink> links) {
        List<Map<String, Object>> out = new ArrayList<>(links.size());
        for (PresignedLink l : links) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", l.key());
            m.put("method", l.method().name());
            m.put("url", l.url());
            m.put("headers", l.headers());
            m.put("expiresAt", l.expiresAt().toString());
            m.put("expiresInSeconds", l.expiresInSeconds());
            m.put("requiredHeaders", l.headers()); // the same as "headers", under the name issue 16 gave it
            m.put("bucket", l.bucket());
            m.put("explanation", explanation(l.explanation()));
            m.put("warnings", l.warnings());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> explanation(ExpiryExplanation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", e.sourceName());
        if (e.auto()) {
            m.put("throughputBytesPerSecond", Math.round(e.estimate().bytesPerSecond()));
            m.put("samples", e.estimate().samples());
            if (e.estimate().network() != null) {
                m.put("network", e.estimate().network().label());
            }
            m.put("buffer", e.buffer());
        }
        m.put("sizeBytes", e.sizeBytes());
        m.put("rawSeconds", e.rawSeconds());
        m.put("clamp", e.clamp().name().toLowerCase(Locale.ROOT));
        m.put("cutByCredentials", e.cutByCredentials());
        if (e.credentialsExpireAt() != null) {
            m.put("credentialsExpireAt", e.credentialsExpireAt().toString());
        }
        m.put("text", e.text());
        return m;
    }

    public static String json(List<PresignedLink> links) {
        try {
            return JSON.writeValueAsString(toJson(links)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4180 CSV with a header row; headers as {@code Name: value} joined by {@code "; "}. */
    public static String csv(List<PresignedLink> links) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", CSV_HEADER)).append("\r\n");
        for (PresignedLink l : links) {
            List<String> cells = List.of(
                    l.key(),
                    l.method().name(),
                    l.url(),
                    l.headers().entrySet().stream()
                            .map(h -> h.getKey() + ": " + h.getValue())
                            .collect(Collectors.joining("; ")),
                    l.expiresAt().toString(),
                    Long.toString(l.expiresInSeconds()),
                    l.bucket(),
                    l.explanation().text(),
                    String.join(" ", l.warnings()));
            sb.append(cells.stream().map(LinkExport::cell).collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return sb.toString();
    }

    /** One URL per line, for pasting into a message or a script. */
    public static String urls(List<PresignedLink> links) {
        return links.stream().map(PresignedLink::url).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Writes {@code text} to {@code file} atomically, owner-only where POSIX permissions exist. Blocking. */
    public static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".links", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * True when a spreadsheet could take the cell for a formula (keys are user data, so a key {@code =HYPERLINK(…)}
     * must stay text): = + - @ first, also after leading spaces, TABs or line breaks, which Excel and LibreOffice skip;
     * and a cell starting with TAB or CR, which some importers turn into a new cell or row.
     */
    static boolean isFormulaLike(String v) {
        if (v.isEmpty()) {
            return false;
        }
        if (v.charAt(0) == '\t' || v.charAt(0) == '\r') {
            return true;
        }
        int i = 0;
        while (i < v.length() && " \t\r\n".indexOf(v.charAt(i)) >= 0) {
            i++;
        }
        return i < v.length() && "=+-@".indexOf(v.charAt(i)) >= 0;
    }

    private static String cell(String value) {
        String v = value == null ? "" : value;
        if (isFormulaLike(v)) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
