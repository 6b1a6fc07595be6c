package io.obitox.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.obitox.common.Json;
import io.obitox.common.ObitoxException;
import io.obitox.common.Sizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of a policy, used in the database and in policy files for {@code --policy FILE}:
 *
 * <pre>{@code
 * {"name": "Photos", "maxSize": "25M", "minSize": 1, "allowedTypes": ["image/*"],
 *  "allowedExtensions": ["jpg", "png"], "blockExecutables": true, "sanitizeNames": true,
 *  "includeHidden": false, "rejectTypeMismatch": true, "followLinks": false}
 * }</pre>
 *
 * Sizes are bytes or strings with a unit ({@code 25M}, {@code 1.5GiB}); {@code maxSize} null or missing means no
 * limit. Missing switches take the defaults (block programs, sanitize names, skip hidden files, mismatch a warning,
 * links kept inside dropped folders).
 * Unknown fields are an error, so a typo never silently weakens a policy.
 */
public final class PolicyJson {
    private static final ObjectMapper JSON = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> FIELDS = Set.of(
            "name",
            "maxSize",
            "minSize",
            "allowedTypes",
            "allowedExtensions",
            "blockExecutables",
            "sanitizeNames",
            "includeHidden",
            "rejectTypeMismatch",
            "followLinks");

    private PolicyJson() {}

    public static String write(ValidationPolicy p) {
        try {
            return JSON.writeValueAsString(toMap(p));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The policy's settings in file order, for embedding in other JSON. */
    public static Map<String, Object> toMap(ValidationPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("maxSize", p.maxSize());
        m.put("minSize", p.minSize());
        m.put("allowedTypes", p.allowedTypes());
        m.put("allowedExtensions", p.allowedExtensions());
        m.put("blockExecutables", p.blockExecutables());
        m.put("sanitizeNames", p.sanitizeNames());
        m.put("includeHidden", p.includeHidden());
        m.put("rejectTypeMismatch", p.rejectTypeMismatch());
        m.put("followLinks", p.followLinks());
        return m;
    }

    /** Reads a policy file; its name defaults to the file name without {@code .json}. */
    public static ValidationPolicy read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ObitoxException(
                    "POLICY_NOT_FOUND", "The policy file " + file + " does not exist.", "Check the path.", e);
        } catch (IOException e) {
            throw new ObitoxException(
                    "INVALID_POLICY", "The policy file " + file + " cannot be read: " + e.getMessage(), "", e);
        }
        String fileName =
                file.getFileName() == null ? "policy" : file.getFileName().toString();
        return read(text, fileName.replaceFirst("(?i)\\.json$", ""), "file " + file);
    }

    /**
     * @param defaultName used when the JSON has no name
     * @param source what to call the JSON in messages (a file name, "the database")
     */
    public static ValidationPolicy read(String json, String defaultName, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid(source, "it is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw invalid(source, "it must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw invalid(
                        source,
                        "'" + field + "' is not a policy setting (settings: " + String.join(", ", FIELDS) + ")");
            }
        }
        String name = root.hasNonNull("name") ? root.get("name").asText() : defaultName;
        Long maxSize = size(root.get("maxSize"), "maxSize", source);
        Long minSize = size(root.get("minSize"), "minSize", source);
        ValidationPolicy p = new ValidationPolicy(
                name,
                maxSize,
                minSize == null ? 0 : minSize,
                strings(root.get("allowedTypes"), "allowedTypes", source),
                strings(root.get("allowedExtensions"), "allowedExtensions", source),
                bool(root.get("blockExecutables"), true, "blockExecutables", source),
                bool(root.get("sanitizeNames"), true, "sanitizeNames", source),
                bool(root.get("includeHidden"), false, "includeHidden", source),
                bool(root.get("rejectTypeMismatch"), false, "rejectTypeMismatch", source),
                bool(root.get("followLinks"), false, "followLinks", source));
        List<String> problems = p.problems();
        if (!problems.isEmpty()) {
            throw invalid(source, String.join(" ", problems));
        }
        return p;
    }

    private static Long size(JsonNode n, String field, String source) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Sizes.parse(n.asText());
            } catch (IllegalArgumentException e) {
                throw invalid(source, field + ": " + e.getMessage());
            }
        }
        throw invalid(source, field + " must be a number of bytes or a size like \"25M\"");
    }

    private static List<String> strings(JsonNode n, String field, String source) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isTextual()) {
            for (String s : n.asText().split(",")) {
                out.add(s.trim());
            }
            return out;
        }
        if (!n.isArray()) {
            throw invalid(source, field + " must be a list of strings");
        }
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw invalid(source, field + " must be a list of strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    private static boolean bool(JsonNode n, boolean fallback, String field, String source) {
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw invalid(source, field + " must be true or false");
        }
        return n.asBoolean();
    }

    private static ObitoxException invalid(String source, String why) {
        return new ObitoxException(
                "INVALID_POLICY",
                "The policy " + source + " is not usable: " + why + ".",
                "Fix the policy JSON; see docs/validation.md for the settings.");
    }
}
