package io.obitox.cors;

import static io.obitox.cors.TestRules.config;
import static io.obitox.cors.TestRules.getOnly;
import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.storage.Provider;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorsDiffTest {

    @Test
    void showsTheAddedRuleAndKeepsTheUnrelatedRuleAsContext() {
        CorsConfig before = config(getOnly("https://viewer.example"));
        CorsConfig after = CorsMerger.merge(
                        before,
                        UploadRules.rule(Provider.CEPH, List.of("http://localhost:3000")),
                        RuleMatching.ORIGIN_METHOD_HEADERS)
                .config();

        CorsDiff diff = CorsDiff.between(before, after);

        assertThat(diff.changed()).isTrue();
        assertThat(diff.lines())
                .filteredOn(l -> l.kind() == ' ')
                .extracting(CorsDiff.Line::text)
                .anySatisfy(t -> assertThat(t).contains("https://viewer.example"));
        assertThat(diff.lines())
                .filteredOn(l -> l.kind() == '+')
                .extracting(CorsDiff.Line::text)
                .anySatisfy(t -> assertThat(t).contains("obitox-browser-uploads"))
                .anySatisfy(t -> assertThat(t).contains("http://localhost:3000"));
        assertThat(diff.lines()).noneMatch(l -> l.kind() == '-' && l.text().contains("viewer"));
        assertThat(diff.summary())
                .anySatisfy(s -> assertThat(s).contains("Adds the upload rule"))
                .anySatisfy(s -> assertThat(s).contains("Keeps 1 other rule(s) unchanged"));
        assertThat(diff.unified()).startsWith("--- current\n+++ proposed\n");
    }

    @Test
    void namesAddedAndRemovedOriginsOfTheUploadRule() {
        CorsConfig before = config(UploadRules.rule(Provider.CEPH, List.of("http://localhost:3000")));
        CorsConfig after = config(UploadRules.rule(Provider.CEPH, List.of("https://app.example.com")));

        CorsDiff diff = CorsDiff.between(before, after);

        assertThat(diff.summary())
                .singleElement()
                .satisfies(s -> assertThat(s)
                        .contains("adds origin(s) https://app.example.com")
                        .contains("removes origin(s) http://localhost:3000"));
        assertThat(diff.lines()).anyMatch(l -> l.kind() == '-' && l.text().contains("localhost:3000"));
    }

    @Test
    void equalConfigurationsAreNoChangeEvenWhenTheServerReorderedTheMethods() {
        CorsRule ours = UploadRules.rule(Provider.CEPH, List.of("http://localhost:3000"));
        CorsRule asRgwReturnsIt = new CorsRule(
                ours.id(),
                ours.allowedOrigins(),
                List.of("GET", "PUT", "DELETE", "HEAD", "POST"),
                ours.allowedHeaders(),
                ours.exposeHeaders(),
                ours.maxAgeSeconds());

        CorsDiff diff = CorsDiff.between(config(asRgwReturnsIt), config(ours));

        assertThat(diff.changed()).isFalse();
        assertThat(diff.summary()).singleElement().asString().startsWith("No change");
    }

    @Test
    void removingOnlyTheUploadRuleSaysWhichUploadsStopWorking() {
        CorsRule viewer = getOnly("https://viewer.example");
        CorsConfig before = config(viewer, UploadRules.rule(Provider.CEPH, List.of("http://localhost:3000")));

        CorsDiff diff = CorsDiff.between(before, config(viewer));

        assertThat(diff.summary())
                .containsExactly(
                        "Removes the upload rule 'obitox-browser-uploads' (browser uploads from"
                                + " http://localhost:3000 stop working).",
                        "Keeps 1 other rule(s) unchanged.");
    }

    @Test
    void removingTheConfigurationIsSaidInWords() {
        CorsDiff diff = CorsDiff.between(config(getOnly("*")), CorsConfig.NONE);

        assertThat(diff.summary()).containsExactly("Removes the CORS configuration (1 rule).");
        assertThat(diff.lines()).anyMatch(l -> l.kind() == '+' && l.text().equals("(no CORS configuration)"));
    }
}
