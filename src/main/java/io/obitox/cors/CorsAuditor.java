package io.obitox.cors;

import io.obitox.storage.Provider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The static audit: reads a configuration the way S3 evaluates it (first rule matching origin and method, plus the
 * requested headers for a preflight) and finds what breaks browser uploads from the given origins. Pure; the live
 * checks in {@link CorsProber} prove the same against the server.
 */
public final class CorsAuditor {
    public static final String CONFIGURATION = "CORS configuration";
    public static final String ORIGIN_COVERED = "Origin covered";
    public static final String PUT_ALLOWED = "PUT allowed";
    public static final String HEADERS_ALLOWED = "Upload headers allowed";
    public static final String ETAG_EXPOSED = "ETag exposed";
    public static final String RULE_ORDER = "Rule order";
    public static final String MAX_AGE = "MaxAge";

    private static final String SETUP_FIX = "Run CORS setup for this bucket: it adds or repairs the upload rule.";

    private CorsAuditor() {}

    /**
     * Audits {@code config} for uploads from {@code origins} (patterns are sampled: {@code https://*.x.com} is checked
     * as one concrete origin it covers). With no origins, those of the upload rule, or else of rules allowing PUT,
     * are audited.
     */
    public static List<CorsCheck> audit(CorsConfig config, List<String> origins, Provider provider) {
        List<CorsCheck> checks = new ArrayList<>();
        if (config.isEmpty()) {
            checks.add(CorsCheck.failed(
                    CONFIGURATION,
                    "The bucket has no CORS configuration: browsers get \"CORS is not enabled for this bucket\".",
                    SETUP_FIX));
            return checks;
        }
        checks.add(
                CorsCheck.passed(CONFIGURATION, "The bucket has a CORS configuration with " + config.summary() + "."));
        List<String> audited = origins.isEmpty() ? originsOf(config) : origins;
        if (audited.isEmpty()) {
            checks.add(CorsCheck.failed(
                    ORIGIN_COVERED, "No rule allows PUT from any origin.", "Name your origins and run CORS setup."));
            return checks;
        }
        RuleMatching matching = RuleMatching.of(provider);
        List<Finding> findings =
                audited.stream().map(o -> evaluate(config, o, matching)).toList();
        checks.add(originCovered(findings));
        checks.add(putAllowed(findings));
        checks.add(headersAllowed(findings, provider));
        checks.add(etagExposed(findings));
        checks.add(ruleOrder(findings));
        checks.add(maxAge(config, provider));
        return checks;
    }

    /** Origins worth auditing when the user named none. */
    static List<String> originsOf(CorsConfig config) {
        Optional<CorsRule> upload = config.uploadRule();
        if (upload.isPresent()) {
            return upload.get().allowedOrigins();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        config.rules().stream().filter(r -> r.allowsMethod("PUT")).forEach(r -> out.addAll(r.allowedOrigins()));
        return List.copyOf(out);
    }

    /**
     * How the server treats uploads from one origin; indices are 0-based, -1 for none.
     *
     * @param originRule first rule covering the origin at all
     * @param putRule the rule that answers a PUT from it (the real request's CORS headers come from this one)
     * @param preflightRule the rule that answers the PUT preflight with the upload headers
     * @param goodRule first rule that would fully work (PUT, headers, ETag exposed), wherever it stands
     * @param answering the rule that answers uploads, right or wrong: the preflight rule, else the PUT rule, else (when
     *     the server matches by origin first) the origin rule
     */
    private record Finding(
            String origin,
            CorsConfig config,
            RuleMatching matching,
            int originRule,
            int putRule,
            int preflightRule,
            int goodRule,
            int answering) {
        CorsRule rule(int i) {
            return config.rules().get(i);
        }
    }

    private static Finding evaluate(CorsConfig config, String pattern, RuleMatching matching) {
        String origin = Origins.sample(pattern);
        List<CorsRule> rules = config.rules();
        int originRule = first(rules, r -> r.matchesOrigin(origin));
        int putRule;
        int preflightRule;
        if (matching == RuleMatching.FIRST_ORIGIN) {
            putRule = originRule >= 0 && rules.get(originRule).allowsMethod("PUT") ? originRule : -1;
            preflightRule = putRule >= 0 && rules.get(putRule).allowsHeaders(UploadRules.UPLOAD_HEADERS) ? putRule : -1;
        } else {
            putRule = first(rules, r -> r.matchesOrigin(origin) && r.allowsMethod("PUT"));
            preflightRule = first(
                    rules,
                    r -> r.matchesOrigin(origin)
                            && r.allowsMethod("PUT")
                            && r.allowsHeaders(UploadRules.UPLOAD_HEADERS));
        }
        int goodRule = first(
                rules,
                r -> r.matchesOrigin(origin)
                        && r.allowsMethod("PUT")
                        && r.allowsHeaders(UploadRules.UPLOAD_HEADERS)
                        && r.exposes("ETag"));
        int answering = preflightRule >= 0
                ? preflightRule
                : putRule >= 0 ? putRule : matching == RuleMatching.FIRST_ORIGIN ? originRule : -1;
        return new Finding(pattern, config, matching, originRule, putRule, preflightRule, goodRule, answering);
    }

    private static int first(List<CorsRule> rules, Predicate<CorsRule> p) {
        return IntStream.range(0, rules.size())
                .filter(i -> p.test(rules.get(i)))
                .findFirst()
                .orElse(-1);
    }

    private static CorsCheck originCovered(List<Finding> findings) {
        List<String> missing = findings.stream()
                .filter(f -> f.originRule() < 0)
                .map(Finding::origin)
                .toList();
        if (!missing.isEmpty()) {
            return CorsCheck.failed(
                    ORIGIN_COVERED,
                    "No rule covers " + String.join(", ", missing)
                            + ": the browser reports \"This CORS request is not allowed\".",
                    "Add the origin to a rule's AllowedOrigins. " + SETUP_FIX);
        }
        return CorsCheck.passed(ORIGIN_COVERED, "Rules cover " + origins(findings) + ".");
    }

    private static CorsCheck putAllowed(List<Finding> findings) {
        List<String> bad = new ArrayList<>();
        for (Finding f : findings) {
            if (f.originRule() >= 0 && f.putRule() < 0) {
                bad.add(
                        f.matching() == RuleMatching.FIRST_ORIGIN
                                ? "rule " + (f.originRule() + 1) + " answers " + f.origin()
                                        + " (this server uses the first rule whose origin matches) and does not"
                                        + " allow PUT"
                                : "rule " + (f.originRule() + 1) + " covers " + f.origin()
                                        + " but no rule allows PUT from it");
            }
        }
        if (!bad.isEmpty()) {
            return CorsCheck.failed(
                    PUT_ALLOWED,
                    "PUT not allowed: " + String.join("; ", bad) + ".",
                    "Add PUT to AllowedMethods. " + SETUP_FIX);
        }
        if (findings.stream().allMatch(f -> f.putRule() < 0)) {
            return CorsCheck.failed(PUT_ALLOWED, "PUT not allowed from " + origins(findings) + ".", SETUP_FIX);
        }
        return CorsCheck.passed(PUT_ALLOWED, "PUT is allowed from " + origins(findings, f -> f.putRule() >= 0) + ".");
    }

    private static CorsCheck headersAllowed(List<Finding> findings, Provider provider) {
        List<String> bad = new ArrayList<>();
        for (Finding f : findings) {
            if (f.putRule() >= 0 && f.preflightRule() < 0) {
                bad.add("rule " + (f.putRule() + 1) + " (for " + f.origin() + ") does not allow "
                        + String.join(", ", f.rule(f.putRule()).missingHeaders(UploadRules.UPLOAD_HEADERS)));
            }
        }
        if (!bad.isEmpty()) {
            return CorsCheck.failed(
                    HEADERS_ALLOWED,
                    "Headers that uploads send are not allowed: " + String.join("; ", bad) + ". The preflight fails.",
                    "Add them to AllowedHeaders" + (provider == Provider.R2 ? "" : " (or use *)") + ". " + SETUP_FIX);
        }
        List<String> sdkMissing = new ArrayList<>();
        boolean starOnR2 = false;
        for (Finding f : findings) {
            if (f.preflightRule() >= 0) {
                CorsRule r = f.rule(f.preflightRule());
                r.missingHeaders(UploadRules.SDK_HEADERS).stream()
                        .filter(h -> !sdkMissing.contains(h))
                        .forEach(sdkMissing::add);
                starOnR2 |= provider == Provider.R2 && r.allowedHeaders().contains("*");
            }
        }
        if (findings.stream().allMatch(f -> f.preflightRule() < 0)) {
            return CorsCheck.skipped(HEADERS_ALLOWED, "No rule allows PUT, so no headers are allowed either.");
        }
        if (starOnR2) {
            return CorsCheck.warning(
                    HEADERS_ALLOWED,
                    "The upload rule allows headers with '*', which Cloudflare R2 was reported not to honour.",
                    "List the headers explicitly. " + SETUP_FIX);
        }
        if (!sdkMissing.isEmpty()) {
            return CorsCheck.warning(
                    HEADERS_ALLOWED,
                    "Presigned uploads work, but uploads signed in the browser by the AWS SDK also send "
                            + String.join(", ", sdkMissing) + ", which are not allowed.",
                    "Add them to AllowedHeaders if your page uses the AWS SDK directly.");
        }
        return CorsCheck.passed(
                HEADERS_ALLOWED,
                "The headers uploads send (" + String.join(", ", UploadRules.UPLOAD_HEADERS) + ") are allowed.");
    }

    private static CorsCheck etagExposed(List<Finding> findings) {
        List<String> bad = new ArrayList<>();
        for (Finding f : findings) {
            if (f.putRule() >= 0 && !f.rule(f.answering()).exposes("ETag")) {
                bad.add("rule " + (f.answering() + 1) + " answers uploads from " + f.origin());
            }
        }
        if (!bad.isEmpty()) {
            return CorsCheck.failed(
                    ETAG_EXPOSED,
                    "ETag not exposed: " + String.join("; ", bad) + " without ETag in ExposeHeaders. Browsers cannot"
                            + " read the ETag, so multipart uploads fail (\"could not read the ETag header\").",
                    "Add ETag to ExposeHeaders. " + SETUP_FIX);
        }
        if (findings.stream().allMatch(f -> f.putRule() < 0)) {
            return CorsCheck.skipped(ETAG_EXPOSED, "No rule allows PUT, so no upload response exposes headers.");
        }
        return CorsCheck.passed(
                ETAG_EXPOSED, "Upload responses expose ETag to " + origins(findings, f -> f.putRule() >= 0) + ".");
    }

    private static CorsCheck ruleOrder(List<Finding> findings) {
        List<String> bad = new ArrayList<>();
        for (Finding f : findings) {
            if (f.goodRule() >= 0 && f.answering() >= 0 && f.answering() < f.goodRule()) {
                bad.add("rule " + (f.answering() + 1) + " comes first for "
                        + (f.matching() == RuleMatching.FIRST_ORIGIN ? "requests" : "PUT") + " from " + f.origin()
                        + ", so rule " + (f.goodRule() + 1) + " ("
                        + f.rule(f.goodRule()).describe()
                        + ") never applies");
            }
        }
        if (!bad.isEmpty()) {
            return CorsCheck.failed(
                    RULE_ORDER,
                    "The upload rule is shadowed: " + String.join("; ", bad) + ". The server uses the first matching"
                            + " rule.",
                    "Move the upload rule above the other rule. " + SETUP_FIX);
        }
        return CorsCheck.passed(RULE_ORDER, "No earlier rule shadows the rule that answers uploads.");
    }

    private static CorsCheck maxAge(CorsConfig config, Provider provider) {
        List<String> bad = new ArrayList<>();
        List<String> high = new ArrayList<>();
        for (int i = 0; i < config.rules().size(); i++) {
            Integer age = config.rules().get(i).maxAgeSeconds();
            if (age == null) {
                continue;
            }
            if (age < 0) {
                bad.add("rule " + (i + 1) + " has MaxAgeSeconds " + age);
            } else if (age > UploadRules.MAX_AGE_LIMIT_SECONDS) {
                (provider == Provider.R2 ? bad : high).add("rule " + (i + 1) + " has MaxAgeSeconds " + age);
            }
        }
        if (!bad.isEmpty()) {
            return CorsCheck.failed(
                    MAX_AGE,
                    "MaxAge out of range: " + String.join("; ", bad)
                            + (provider == Provider.R2 ? " (Cloudflare R2 allows 0 to 86400)." : "."),
                    "Use a MaxAgeSeconds from 0 to 86400, e.g. 3600.");
        }
        if (!high.isEmpty()) {
            return CorsCheck.warning(
                    MAX_AGE,
                    "MaxAge above 86400 s: " + String.join("; ", high)
                            + ". Browsers cap it (Chromium at 2 h, Firefox at 24 h).",
                    "Use 3600 to 86400 seconds.");
        }
        return CorsCheck.passed(MAX_AGE, "MaxAgeSeconds is within 0 to 86400 in every rule.");
    }

    private static String origins(List<Finding> findings) {
        return origins(findings, f -> true);
    }

    private static String origins(List<Finding> findings, Predicate<Finding> which) {
        return String.join(
                ", ", findings.stream().filter(which).map(Finding::origin).toList());
    }
}
