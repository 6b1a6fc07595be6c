package io.obitox.cors;

import static io.obitox.cors.TestRules.config;
import static io.obitox.cors.TestRules.getOnly;
import static io.obitox.cors.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.storage.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CorsMergerTest {
    private static final CorsRule UPLOAD = UploadRules.rule(Provider.CEPH, List.of("http://localhost:3000"));

    private static CorsMerger.Result merge(CorsConfig existing, CorsRule upload) {
        return CorsMerger.merge(existing, upload, RuleMatching.ORIGIN_METHOD_HEADERS);
    }

    @Test
    void createsTheRuleSetOnAnEmptyBucket() {
        CorsMerger.Result r = merge(CorsConfig.NONE, UPLOAD);

        assertThat(r.config().rules()).containsExactly(UPLOAD);
        assertThat(UPLOAD.allowedHeaders()).containsExactly("*");
        assertThat(UPLOAD.allowedMethods()).containsExactly("GET", "PUT", "POST", "DELETE", "HEAD");
        assertThat(UPLOAD.exposeHeaders()).contains("ETag", "x-amz-version-id", "x-amz-meta-filename");
        assertThat(UPLOAD.maxAgeSeconds()).isEqualTo(3600);
    }

    @Test
    void keepsUnrelatedRulesFirstAndUnchanged() {
        CorsRule viewer = getOnly("*");
        CorsRule other = rule(List.of("https://admin.example.com"), List.of("PUT"), List.of("*"), List.of("ETag"));

        CorsMerger.Result r = merge(config(viewer, other), UPLOAD);

        assertThat(r.config().rules()).containsExactly(viewer, other, UPLOAD);
        assertThat(r.position()).isEqualTo(2);
    }

    @Test
    void goesBeforeTheFirstRuleThatWouldAnswerUploadsFromTheSameOrigin() {
        CorsRule viewer = getOnly("http://localhost:3000");
        CorsRule brokenUpload =
                rule(List.of("http://localhost:3000"), List.of("GET", "PUT"), List.of("content-type"), List.of());
        CorsRule unrelated = rule(List.of("https://x.example"), List.of("PUT"), List.of("*"), List.of("ETag"));

        CorsMerger.Result r = merge(config(viewer, brokenUpload, unrelated), UPLOAD);

        assertThat(r.config().rules()).containsExactly(viewer, UPLOAD, brokenUpload, unrelated);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("before rule 2"));
    }

    @Test
    void onServersThatPickTheFirstRuleForTheOriginItGoesBeforeAGetOnlyRuleForTheSameOrigins() {
        CorsRule viewer = getOnly("*");
        CorsRule elsewhere = getOnly("https://other.example");

        CorsMerger.Result r = CorsMerger.merge(config(elsewhere, viewer), UPLOAD, RuleMatching.FIRST_ORIGIN);

        assertThat(r.config().rules()).containsExactly(elsewhere, UPLOAD, viewer);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("first rule whose origin matches"));
        assertThat(RuleMatching.of(Provider.CEPH)).isEqualTo(RuleMatching.FIRST_ORIGIN);
        assertThat(RuleMatching.of(Provider.AWS)).isEqualTo(RuleMatching.ORIGIN_METHOD_HEADERS);
    }

    @Test
    void aWildcardOriginRuleAllowingPutCountsAsShadowing() {
        CorsRule everyone = rule(List.of("*"), List.of("PUT", "POST"), List.of("*"), List.of());

        CorsMerger.Result r = merge(config(everyone), UPLOAD);

        assertThat(r.config().rules()).containsExactly(UPLOAD, everyone);
    }

    @Test
    void replacesItsOwnEarlierRuleInPlace() {
        CorsRule a = getOnly("https://a.example");
        CorsRule b = rule(List.of("https://b.example"), List.of("PUT"), List.of("*"), List.of("ETag"));
        CorsRule old = UploadRules.rule(Provider.CEPH, List.of("http://localhost:5173"));

        CorsMerger.Result r = merge(config(a, old, b), UPLOAD);

        assertThat(r.config().rules()).containsExactly(a, UPLOAD, b);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("in place"));
    }

    @Test
    void movesItsOwnRuleUpWhenANewerRuleWouldShadowIt() {
        CorsRule shadow = rule(List.of("http://localhost:*"), List.of("PUT"), List.of(), List.of());
        CorsRule old = UploadRules.rule(Provider.CEPH, List.of("http://localhost:3000"));

        CorsMerger.Result r = merge(config(shadow, old), UPLOAD);

        assertThat(r.config().rules()).containsExactly(UPLOAD, shadow);
    }

    @Test
    void r2RuleListsHeadersExplicitly() {
        CorsRule r2 = UploadRules.rule(Provider.R2, List.of("https://app.example.com"));

        assertThat(r2.allowedHeaders())
                .doesNotContain("*")
                .contains("content-type", "x-amz-meta-filename", "authorization", "x-amz-date");
        assertThat(r2.maxAgeSeconds()).isLessThanOrEqualTo(UploadRules.MAX_AGE_LIMIT_SECONDS);
        assertThat(CorsAuditor.audit(config(r2), List.of("https://app.example.com"), Provider.R2))
                .allMatch(c -> c.status() == CorsCheck.Status.PASSED);
    }

    @Test
    void refusesToGoBeyondOneHundredRules() {
        List<CorsRule> many = new ArrayList<>();
        IntStream.range(0, 100).forEach(i -> many.add(getOnly("https://site" + i + ".example")));

        assertThatThrownBy(() -> merge(new CorsConfig(many), UPLOAD))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("101 rules")
                .extracting(e -> ((ObitoxException) e).code())
                .isEqualTo("CORS_LIMIT");
    }

    @Test
    void refusesToGoBeyondSixtyFourKilobytes() {
        List<String> origins = IntStream.range(0, 1500)
                .mapToObj(i -> "https://customer-" + i + ".example.com")
                .toList();
        CorsConfig big = config(rule(origins, List.of("GET"), List.of(), List.of()));
        assertThat(big.xmlBytes()).isGreaterThan(CorsConfig.MAX_BYTES);

        assertThatThrownBy(() -> merge(big, UPLOAD))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("64 KB");
    }
}
