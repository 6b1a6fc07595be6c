package io.obitox.cors;

import static io.obitox.cors.CorsCheck.Status.FAILED;
import static io.obitox.cors.CorsCheck.Status.PASSED;
import static io.obitox.cors.CorsCheck.Status.SKIPPED;
import static io.obitox.cors.CorsCheck.Status.WARNING;

import io.obitox.common.TextRef;
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
    /** English names of the checks (the bundle has them as svc.cors.audit.*), for tests and scripts. */
    public static final String CONFIGURATION = "CORS configuration";

    public static final String ORIGIN_COVERED = "Origin covered";
    public static final String PUT_ALLOWED = "PUT allowed";
    public static final String HEADERS_ALLOWED = "Upload headers allowed";
    public static final String ETAG_EXPOSED = "ETag exposed";
    public static final String RULE_ORDER = "Rule order";
    public static final String MAX_AGE = "MaxAge";

    /** The fixes end with this sentence: setup writes a rule that passes every check. */
    private static final TextRef SETUP_FIX = TextRef.of("svc.cors.audit.setupFix");

    private CorsAuditor() {}

    /**
     * Audits {@code config} for uploads from {@code origins} (patterns are sampled: {@code https://*.x.com} is checked
     * as one concrete origin it covers). With no origins, those of the upload rule, or else of rules allowing PUT,
     * are audited.
     */
    public static List<CorsCheck> audit(CorsConfig config, List<String> origins, Provider provider) {
        List<CorsCheck> checks = new ArrayList<>();
        TextRef configuration = TextRef.of("svc.cors.check.configuration");
        if (config.isEmpty()) {
            checks.add(CorsCheck.of(FAILED, configuration, TextRef.of("svc.cors.audit.noConfiguration"), SETUP_FIX));
            return checks;
        }
        checks.add(CorsCheck.of(
                PASSED, configuration, TextRef.of("svc.cors.audit.hasConfiguration", config.summaryText()), null));
        List<String> audited = origins.isEmpty() ? originsOf(config) : origins;
        if (audited.isEmpty()) {
            checks.add(CorsCheck.of(
                    FAILED,
                    TextRef.of("svc.cors.audit.originCovered"),
                    TextRef.of("svc.cors.audit.noPutAnywhere"),
                    TextRef.of("svc.cors.audit.noPutAnywhere.fix")));
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
        TextRef name = TextRef.of("svc.cors.audit.originCovered");
        List<String> missing = findings.stream()
                .filter(f -> f.originRule() < 0)
                .map(Finding::origin)
                .toList();
        if (!missing.isEmpty()) {
            return CorsCheck.of(
                    FAILED,
                    name,
                    TextRef.of("svc.cors.audit.notCovered", String.join(", ", missing)),
                    withSetup("svc.cors.audit.addOrigin"));
        }
        return CorsCheck.of(PASSED, name, TextRef.of("svc.cors.audit.covered", origins(findings)), null);
    }

    private static CorsCheck putAllowed(List<Finding> findings) {
        TextRef name = TextRef.of("svc.cors.audit.putAllowed");
        List<TextRef> bad = new ArrayList<>();
        for (Finding f : findings) {
            if (f.originRule() >= 0 && f.putRule() < 0) {
                bad.add(TextRef.of(
                        f.matching() == RuleMatching.FIRST_ORIGIN
                                ? "svc.cors.audit.putFirstOrigin"
                                : "svc.cors.audit.putNoRule",
                        f.originRule() + 1,
                        f.origin()));
            }
        }
        if (!bad.isEmpty()) {
            return CorsCheck.of(
                    FAILED,
                    name,
                    TextRef.of("svc.cors.audit.putNotAllowed", CheckTexts.joined(bad)),
                    withSetup("svc.cors.check.noPut.fix"));
        }
        if (findings.stream().allMatch(f -> f.putRule() < 0)) {
            return CorsCheck.of(
                    FAILED, name, TextRef.of("svc.cors.audit.putNotAllowedFrom", origins(findings)), SETUP_FIX);
        }
        return CorsCheck.of(
                PASSED,
                name,
                TextRef.of("svc.cors.audit.putAllowedFrom", origins(findings, f -> f.putRule() >= 0)),
                null);
    }

    private static CorsCheck headersAllowed(List<Finding> findings, Provider provider) {
        TextRef name = TextRef.of("svc.cors.audit.headersAllowed");
        List<TextRef> bad = new ArrayList<>();
        for (Finding f : findings) {
            if (f.putRule() >= 0 && f.preflightRule() < 0) {
                bad.add(TextRef.of(
                        "svc.cors.audit.headersItem",
                        f.putRule() + 1,
                        f.origin(),
                        String.join(", ", f.rule(f.putRule()).missingHeaders(UploadRules.UPLOAD_HEADERS))));
            }
        }
        if (!bad.isEmpty()) {
            return CorsCheck.of(
                    FAILED,
                    name,
                    TextRef.of("svc.cors.audit.headersNotAllowed", CheckTexts.joined(bad)),
                    withSetup(
                            provider == Provider.R2
                                    ? "svc.cors.check.missingHeaders.fix"
                                    : "svc.cors.audit.addHeaders"));
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
            return CorsCheck.of(SKIPPED, name, TextRef.of("svc.cors.audit.noHeadersWithoutPut"), null);
        }
        if (starOnR2) {
            return CorsCheck.of(
                    WARNING, name, TextRef.of("svc.cors.audit.starOnR2"), withSetup("svc.cors.audit.listHeaders"));
        }
        if (!sdkMissing.isEmpty()) {
            return CorsCheck.of(
                    WARNING,
                    name,
                    TextRef.of("svc.cors.audit.sdkHeaders", String.join(", ", sdkMissing)),
                    TextRef.of("svc.cors.audit.sdkHeaders.fix"));
        }
        return CorsCheck.of(
                PASSED,
                name,
                TextRef.of("svc.cors.audit.headersOk", String.join(", ", UploadRules.UPLOAD_HEADERS)),
                null);
    }

    private static CorsCheck etagExposed(List<Finding> findings) {
        TextRef name = TextRef.of("svc.cors.audit.etagExposed");
        List<TextRef> bad = new ArrayList<>();
        for (Finding f : findings) {
            if (f.putRule() >= 0 && !f.rule(f.answering()).exposes("ETag")) {
                bad.add(TextRef.of("svc.cors.audit.answersUploads", f.answering() + 1, f.origin()));
            }
        }
        if (!bad.isEmpty()) {
            return CorsCheck.of(
                    FAILED,
                    name,
                    TextRef.of("svc.cors.audit.etagNotExposed", CheckTexts.joined(bad)),
                    withSetup("svc.cors.audit.addEtag"));
        }
        if (findings.stream().allMatch(f -> f.putRule() < 0)) {
            return CorsCheck.of(SKIPPED, name, TextRef.of("svc.cors.audit.noExposeWithoutPut"), null);
        }
        return CorsCheck.of(
                PASSED,
                name,
                TextRef.of("svc.cors.audit.etagExposedTo", origins(findings, f -> f.putRule() >= 0)),
                null);
    }

    private static CorsCheck ruleOrder(List<Finding> findings) {
        TextRef name = TextRef.of("svc.cors.audit.ruleOrder");
        List<TextRef> bad = new ArrayList<>();
        for (Finding f : findings) {
            if (f.goodRule() >= 0 && f.answering() >= 0 && f.answering() < f.goodRule()) {
                bad.add(TextRef.of(
                        f.matching() == RuleMatching.FIRST_ORIGIN
                                ? "svc.cors.audit.shadowRequests"
                                : "svc.cors.audit.shadowPut",
                        f.answering() + 1,
                        f.origin(),
                        f.goodRule() + 1,
                        f.rule(f.goodRule()).describeText()));
            }
        }
        if (!bad.isEmpty()) {
            return CorsCheck.of(
                    FAILED,
                    name,
                    TextRef.of("svc.cors.audit.shadowed", CheckTexts.joined(bad)),
                    withSetup("svc.cors.audit.moveUp"));
        }
        return CorsCheck.of(PASSED, name, TextRef.of("svc.cors.audit.notShadowed"), null);
    }

    private static CorsCheck maxAge(CorsConfig config, Provider provider) {
        TextRef name = TextRef.of("svc.cors.audit.maxAge");
        List<TextRef> bad = new ArrayList<>();
        List<TextRef> high = new ArrayList<>();
        for (int i = 0; i < config.rules().size(); i++) {
            Integer age = config.rules().get(i).maxAgeSeconds();
            if (age == null) {
                continue;
            }
            TextRef item = TextRef.of("svc.cors.audit.maxAgeItem", i + 1, age);
            if (age < 0) {
                bad.add(item);
            } else if (age > UploadRules.MAX_AGE_LIMIT_SECONDS) {
                (provider == Provider.R2 ? bad : high).add(item);
            }
        }
        if (!bad.isEmpty()) {
            return CorsCheck.of(
                    FAILED,
                    name,
                    TextRef.of(
                            provider == Provider.R2 ? "svc.cors.audit.maxAgeRangeR2" : "svc.cors.audit.maxAgeRange",
                            CheckTexts.joined(bad)),
                    TextRef.of("svc.cors.audit.maxAgeRange.fix"));
        }
        if (!high.isEmpty()) {
            return CorsCheck.of(
                    WARNING,
                    name,
                    TextRef.of("svc.cors.audit.maxAgeHigh", CheckTexts.joined(high)),
                    TextRef.of("svc.cors.audit.maxAgeHigh.fix"));
        }
        return CorsCheck.of(PASSED, name, TextRef.of("svc.cors.audit.maxAgeOk"), null);
    }

    /** The fix {@code key} says, then "run CORS setup". */
    private static TextRef withSetup(String key) {
        return CheckTexts.sentences(TextRef.of(key), SETUP_FIX);
    }

    private static String origins(List<Finding> findings) {
        return origins(findings, f -> true);
    }

    private static String origins(List<Finding> findings, Predicate<Finding> which) {
        return String.join(
                ", ", findings.stream().filter(which).map(Finding::origin).toList());
    }
}
