package io.obitox.cors;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.obitox.common.Json;
import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import io.obitox.common.UserMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A bucket's whole CORS configuration: the rules in the order S3 evaluates them (the first matching rule wins). No
 * rules means "no configuration": applying it deletes the bucket's CORS configuration, since S3 refuses an empty
 * one. JSON as {@code aws s3api get-bucket-cors} prints it.
 */
public record CorsConfig(@JsonProperty("CORSRules") List<CorsRule> rules) {
    /** S3's limits for one configuration. */
    public static final int MAX_RULES = 100;

    public static final int MAX_BYTES = 64 * 1024;

    public static final CorsConfig NONE = new CorsConfig(List.of());

    private static final ObjectMapper JSON = Json.newMapper();
    private static final ObjectMapper PRETTY = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public CorsConfig {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The rule ObitoX manages for browser uploads, if the configuration has one. */
    public Optional<CorsRule> uploadRule() {
        return rules.stream().filter(r -> UploadRules.RULE_ID.equals(r.id())).findFirst();
    }

    public String toJson() {
        return write(JSON);
    }

    /** Indented JSON, one field per line, arrays on one line: what the diff compares. */
    public String toPrettyJson() {
        return write(PRETTY);
    }

    public static CorsConfig fromJson(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        try {
            return JSON.readValue(json, CorsConfig.class);
        } catch (JsonProcessingException e) {
            throw new ObitoxException(
                    "CORS_JSON_INVALID",
                    "The CORS configuration is not valid JSON: " + e.getOriginalMessage() + ".",
                    "Use the format of 'aws s3api get-bucket-cors': {\"CORSRules\": [ … ]}.");
        }
    }

    /**
     * The size in bytes of the XML document S3 receives for this configuration (the 64 KB limit applies to it). Built
     * the way the SDK writes it; exact to within the XML declaration.
     */
    public int xmlBytes() {
        StringBuilder sb = new StringBuilder("<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (CorsRule r : rules) {
            sb.append("<CORSRule>");
            if (r.id() != null) {
                element(sb, "ID", r.id());
            }
            r.allowedHeaders().forEach(v -> element(sb, "AllowedHeader", v));
            r.allowedMethods().forEach(v -> element(sb, "AllowedMethod", v));
            r.allowedOrigins().forEach(v -> element(sb, "AllowedOrigin", v));
            r.exposeHeaders().forEach(v -> element(sb, "ExposeHeader", v));
            if (r.maxAgeSeconds() != null) {
                element(sb, "MaxAgeSeconds", r.maxAgeSeconds().toString());
            }
            sb.append("</CORSRule>");
        }
        sb.append("</CORSConfiguration>");
        return sb.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** Throws {@code CORS_LIMIT} when S3 would refuse this configuration for its size. */
    public void requireWithinLimits() {
        if (rules.size() > MAX_RULES) {
            throw new ObitoxException(
                    UserMessage.of(
                            "CORS_LIMIT",
                            TextRef.of("svc.cors.limit.rules", rules.size(), MAX_RULES),
                            TextRef.of("svc.cors.limit.rules.fix")),
                    null);
        }
        int bytes = xmlBytes();
        if (bytes > MAX_BYTES) {
            throw new ObitoxException(
                    UserMessage.of(
                            "CORS_LIMIT",
                            TextRef.of("svc.cors.limit.bytes", bytes, MAX_BYTES),
                            TextRef.of("svc.cors.limit.bytes.fix")),
                    null);
        }
    }

    /** "none", "1 rule", "3 rules": for history lists and summaries. */
    public String summary() {
        return summaryText().english();
    }

    /** {@link #summary()} for a view to render in the user's language. */
    public TextRef summaryText() {
        return rules.isEmpty()
                ? TextRef.of("svc.cors.summary.none")
                : TextRef.of("svc.cors.summary.rules", rules.size());
    }

    private String write(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CORS configuration not serialisable", e);
        }
    }

    private static void element(StringBuilder sb, String name, String value) {
        sb.append('<').append(name).append('>');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        sb.append("</").append(name).append('>');
    }
}
