package io.obitox.cors;

import static io.obitox.cors.TestRules.config;
import static io.obitox.cors.TestRules.getOnly;
import static io.obitox.cors.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.cors.CorsCheck.Status;
import io.obitox.storage.Provider;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorsAuditorTest {
    private static final String APP = "http://localhost:3000";

    private static CorsCheck check(List<CorsCheck> checks, String name) {
        return checks.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + checks));
    }

    @Test
    void noConfigurationIsOneClearFailure() {
        List<CorsCheck> checks = CorsAuditor.audit(CorsConfig.NONE, List.of(APP), Provider.CEPH);

        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo(CorsAuditor.CONFIGURATION);
            assertThat(c.passed()).isFalse();
            assertThat(c.message()).contains("CORS is not enabled for this bucket");
            assertThat(c.fix()).isNotBlank();
        });
    }

    @Test
    void theRuleSetupWritesPassesEveryCheck() {
        CorsConfig c = CorsMerger.merge(
                        CorsConfig.NONE,
                        UploadRules.rule(Provider.AWS, List.of(APP)),
                        RuleMatching.ORIGIN_METHOD_HEADERS)
                .config();

        List<CorsCheck> checks = CorsAuditor.audit(c, List.of(APP), Provider.AWS);

        assertThat(checks).hasSize(7).allMatch(k -> k.status() == Status.PASSED);
    }

    @Test
    void aGetOnlyRuleReportsPutNotAllowed() {
        List<CorsCheck> checks = CorsAuditor.audit(config(getOnly(APP)), List.of(APP), Provider.AWS);

        assertThat(check(checks, CorsAuditor.ORIGIN_COVERED).passed()).isTrue();
        CorsCheck put = check(checks, CorsAuditor.PUT_ALLOWED);
        assertThat(put.passed()).isFalse();
        assertThat(put.message()).contains("PUT not allowed").contains("rule 1 covers " + APP);
        assertThat(check(checks, CorsAuditor.ETAG_EXPOSED).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void onRgwAGetOnlyRuleForTheOriginShadowsALaterUploadRule() {
        CorsRule upload = UploadRules.rule(Provider.CEPH, List.of(APP));
        CorsConfig viewerFirst = config(getOnly("*"), upload);

        List<CorsCheck> rgw = CorsAuditor.audit(viewerFirst, List.of(APP), Provider.CEPH);

        assertThat(check(rgw, CorsAuditor.PUT_ALLOWED).message())
                .contains("rule 1 answers " + APP)
                .contains("first rule whose origin matches");
        assertThat(check(rgw, CorsAuditor.RULE_ORDER).passed()).isFalse();
        assertThat(check(rgw, CorsAuditor.RULE_ORDER).message()).contains("rule 2");
        assertThat(CorsAuditor.audit(viewerFirst, List.of(APP), Provider.AWS)).allMatch(CorsCheck::passed);
    }

    @Test
    void aRuleWithoutEtagReportsEtagNotExposed() {
        CorsRule noEtag = rule(List.of(APP), List.of("PUT"), List.of("*"), List.of("x-amz-version-id"));

        CorsCheck etag =
                check(CorsAuditor.audit(config(noEtag), List.of(APP), Provider.CEPH), CorsAuditor.ETAG_EXPOSED);

        assertThat(etag.passed()).isFalse();
        assertThat(etag.message()).contains("ETag not exposed").contains("rule 1");
        assertThat(etag.fix()).contains("ExposeHeaders");
    }

    @Test
    void anOriginNoRuleCoversIsReported() {
        CorsRule other = rule(List.of("https://app.example.com"), List.of("PUT"), List.of("*"), List.of("ETag"));

        List<CorsCheck> checks =
                CorsAuditor.audit(config(other), List.of(APP, "https://app.example.com"), Provider.CEPH);

        CorsCheck covered = check(checks, CorsAuditor.ORIGIN_COVERED);
        assertThat(covered.passed()).isFalse();
        assertThat(covered.message()).contains(APP).doesNotContain("https://app.example.com");
        assertThat(check(checks, CorsAuditor.PUT_ALLOWED).message()).contains("https://app.example.com");
    }

    @Test
    void headersThatUploadsSendButTheRuleDoesNotAllowAreNamed() {
        CorsRule narrow = rule(List.of(APP), List.of("PUT"), List.of("Content-Type"), List.of("ETag"));

        CorsCheck headers =
                check(CorsAuditor.audit(config(narrow), List.of(APP), Provider.CEPH), CorsAuditor.HEADERS_ALLOWED);

        assertThat(headers.passed()).isFalse();
        assertThat(headers.message())
                .contains("x-amz-meta-filename")
                .contains("x-amz-meta-uploadedat")
                .doesNotContain("content-type,");
    }

    @Test
    void headerWildcardsLikeXAmzMetaStarCoverMetadataHeaders() {
        CorsRule meta = rule(List.of(APP), List.of("PUT"), List.of("content-type", "x-amz-meta-*"), List.of("ETag"));

        List<CorsCheck> checks = CorsAuditor.audit(config(meta), List.of(APP), Provider.CEPH);

        CorsCheck headers = check(checks, CorsAuditor.HEADERS_ALLOWED);
        assertThat(headers.status()).isEqualTo(Status.WARNING);
        assertThat(headers.message()).contains("authorization");
        assertThat(checks).allMatch(CorsCheck::passed);
    }

    @Test
    void anEarlierRuleThatShadowsTheUploadRuleIsReportedWithBothRuleNumbers() {
        CorsRule first = rule(List.of("*"), List.of("GET", "PUT"), List.of("*"), List.of());
        CorsRule upload = UploadRules.rule(Provider.CEPH, List.of(APP));

        List<CorsCheck> checks = CorsAuditor.audit(config(first, upload), List.of(APP), Provider.CEPH);

        CorsCheck order = check(checks, CorsAuditor.RULE_ORDER);
        assertThat(order.passed()).isFalse();
        assertThat(order.message()).contains("rule 1 comes first").contains("rule 2");
        assertThat(check(checks, CorsAuditor.ETAG_EXPOSED).passed()).isFalse();
        assertThat(CorsAuditor.audit(config(upload, first), List.of(APP), Provider.CEPH))
                .allMatch(CorsCheck::passed);
    }

    @Test
    void onAwsARuleThatAllowsPutButNotTheHeadersDoesNotShadowTheNextOneButOnRgwItDoes() {
        CorsRule narrow = rule(List.of(APP), List.of("PUT"), List.of("authorization"), List.of());
        CorsRule upload = UploadRules.rule(Provider.AWS, List.of(APP));

        List<CorsCheck> aws = CorsAuditor.audit(config(narrow, upload), List.of(APP), Provider.AWS);
        List<CorsCheck> rgw = CorsAuditor.audit(config(narrow, upload), List.of(APP), Provider.CEPH);

        assertThat(aws).allMatch(CorsCheck::passed);
        assertThat(check(rgw, CorsAuditor.HEADERS_ALLOWED).message())
                .contains("rule 1")
                .contains("x-amz-meta-filename");
        assertThat(check(rgw, CorsAuditor.ETAG_EXPOSED).passed()).isFalse();
        assertThat(check(rgw, CorsAuditor.RULE_ORDER).passed()).isFalse();
    }

    @Test
    void wildcardOriginsCoverTheirSubdomains() {
        CorsRule sub = rule(List.of("https://*.example.com"), List.of("PUT"), List.of("*"), List.of("ETag"));

        List<CorsCheck> ok = CorsAuditor.audit(config(sub), List.of("https://app.example.com"), Provider.CEPH);
        List<CorsCheck> apex = CorsAuditor.audit(config(sub), List.of("https://example.com"), Provider.CEPH);

        assertThat(ok).allMatch(CorsCheck::passed);
        assertThat(check(apex, CorsAuditor.ORIGIN_COVERED).passed()).isFalse();
    }

    @Test
    void maxAgeOutOfRangeFailsNegativeAndAboveTheR2LimitAndWarnsElsewhere() {
        CorsRule upload = UploadRules.rule(Provider.CEPH, List.of(APP));
        CorsRule negative = new CorsRule(null, List.of(APP), List.of("GET"), List.of(), List.of(), -1);
        CorsRule day2 = new CorsRule(null, List.of(APP), List.of("GET"), List.of(), List.of(), 172_800);

        assertThat(check(CorsAuditor.audit(config(upload, negative), List.of(APP), Provider.CEPH), CorsAuditor.MAX_AGE)
                        .passed())
                .isFalse();
        CorsCheck r2 = check(CorsAuditor.audit(config(upload, day2), List.of(APP), Provider.R2), CorsAuditor.MAX_AGE);
        assertThat(r2.passed()).isFalse();
        assertThat(r2.message()).contains("rule 2").contains("86400");
        assertThat(check(CorsAuditor.audit(config(upload, day2), List.of(APP), Provider.AWS), CorsAuditor.MAX_AGE)
                        .status())
                .isEqualTo(Status.WARNING);
    }

    @Test
    void onR2AStarInAllowedHeadersIsAWarning() {
        CorsRule star = UploadRules.rule(Provider.AWS, List.of(APP));

        CorsCheck headers =
                check(CorsAuditor.audit(config(star), List.of(APP), Provider.R2), CorsAuditor.HEADERS_ALLOWED);

        assertThat(headers.status()).isEqualTo(Status.WARNING);
        assertThat(headers.message()).contains("R2");
    }

    @Test
    void withoutOriginsItAuditsTheOriginsOfTheUploadRule() {
        CorsRule upload = UploadRules.rule(Provider.CEPH, List.of(APP, "https://*.example.com"));

        List<CorsCheck> checks =
                CorsAuditor.audit(config(getOnly("https://z.example"), upload), List.of(), Provider.CEPH);

        assertThat(check(checks, CorsAuditor.ORIGIN_COVERED).message())
                .contains(APP)
                .contains("https://*.example.com");
        assertThat(checks).allMatch(CorsCheck::passed);
    }
}
