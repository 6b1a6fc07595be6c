package io.obitox.cors;

import java.util.List;

/** Rule builders for the CORS unit tests. */
final class TestRules {
    private TestRules() {}

    static CorsRule rule(List<String> origins, List<String> methods, List<String> headers, List<String> expose) {
        return new CorsRule(null, origins, methods, headers, expose, 3000);
    }

    static CorsRule getOnly(String origin) {
        return rule(List.of(origin), List.of("GET"), List.of(), List.of());
    }

    static CorsConfig config(CorsRule... rules) {
        return new CorsConfig(List.of(rules));
    }
}
