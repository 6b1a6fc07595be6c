package io.obitox.cors;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.obitox.common.TextRef;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.s3.model.CORSRule;

/**
 * One CORS rule as S3 stores it; the JSON field names are those of {@code aws s3api put-bucket-cors}, so a shown or
 * saved configuration can be pasted into the AWS CLI. Matching follows S3: origins and headers may hold one {@code *}
 * wildcard, header names compare case-insensitively, methods exactly.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"ID", "AllowedOrigins", "AllowedMethods", "AllowedHeaders", "ExposeHeaders", "MaxAgeSeconds"})
public record CorsRule(
        @JsonProperty("ID") String id,
        @JsonProperty("AllowedOrigins") List<String> allowedOrigins,
        @JsonProperty("AllowedMethods") List<String> allowedMethods,
        @JsonProperty("AllowedHeaders") List<String> allowedHeaders,
        @JsonProperty("ExposeHeaders") List<String> exposeHeaders,
        @JsonProperty("MaxAgeSeconds") Integer maxAgeSeconds) {
    private static final List<String> ORDER = List.of("GET", "PUT", "POST", "DELETE", "HEAD");

    public CorsRule {
        id = id == null || id.isBlank() ? null : id;
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedMethods = canonicalMethods(allowedMethods);
        allowedHeaders = allowedHeaders == null ? List.of() : List.copyOf(allowedHeaders);
        exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
    }

    public static CorsRule fromSdk(CORSRule r) {
        return new CorsRule(
                r.id(),
                r.allowedOrigins(),
                r.allowedMethods(),
                r.allowedHeaders(),
                r.exposeHeaders(),
                r.maxAgeSeconds());
    }

    public CORSRule toSdk() {
        CORSRule.Builder b =
                CORSRule.builder().id(id).allowedOrigins(allowedOrigins).allowedMethods(allowedMethods);
        if (!allowedHeaders.isEmpty()) {
            b.allowedHeaders(allowedHeaders);
        }
        if (!exposeHeaders.isEmpty()) {
            b.exposeHeaders(exposeHeaders);
        }
        return b.maxAgeSeconds(maxAgeSeconds).build();
    }

    public CorsRule withOrigins(List<String> origins) {
        return new CorsRule(id, origins, allowedMethods, allowedHeaders, exposeHeaders, maxAgeSeconds);
    }

    public CorsRule withId(String newId) {
        return new CorsRule(newId, allowedOrigins, allowedMethods, allowedHeaders, exposeHeaders, maxAgeSeconds);
    }

    /** True when a browser at {@code origin} (e.g. {@code http://localhost:3000}) is covered by this rule. */
    public boolean matchesOrigin(String origin) {
        return allowedOrigins.stream().anyMatch(p -> Origins.matches(p, origin));
    }

    public boolean allowsMethod(String method) {
        return allowedMethods.contains(method.toUpperCase(Locale.ROOT));
    }

    /** True when a preflight asking for request header {@code header} passes this rule. */
    public boolean allowsHeader(String header) {
        return allowedHeaders.stream().anyMatch(p -> Origins.globMatches(lower(p), lower(header)));
    }

    public boolean allowsHeaders(List<String> headers) {
        return headers.stream().allMatch(this::allowsHeader);
    }

    /** The subset of {@code headers} this rule does not allow, in their order. */
    public List<String> missingHeaders(List<String> headers) {
        return headers.stream().filter(h -> !allowsHeader(h)).toList();
    }

    public boolean exposes(String header) {
        return exposeHeaders.stream().anyMatch(h -> h.trim().equalsIgnoreCase(header));
    }

    /** The rule as the preflight and the real request of a browser upload see it, for messages. */
    @JsonIgnore
    public String describe() {
        return describeText().english();
    }

    /** {@link #describe()} for a view to render in the user's language. */
    @JsonIgnore
    public TextRef describeText() {
        String origins = String.join(", ", allowedOrigins);
        String methods = String.join(" ", allowedMethods);
        return id == null
                ? TextRef.of("svc.cors.rule.describe", origins, methods)
                : TextRef.of("svc.cors.rule.describeNamed", id, origins, methods);
    }

    /**
     * Methods upper-cased, without duplicates, in one fixed order: servers return them reordered (Ceph RGW does), and
     * the order has no meaning, so two rules that differ only there are equal.
     */
    private static List<String> canonicalMethods(List<String> methods) {
        if (methods == null) {
            return List.of();
        }
        return methods.stream()
                .map(m -> m.trim().toUpperCase(Locale.ROOT))
                .distinct()
                .sorted(Comparator.comparingInt(CorsRule::methodRank).thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private static int methodRank(String method) {
        int i = ORDER.indexOf(method);
        return i < 0 ? ORDER.size() : i;
    }

    private static String lower(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
