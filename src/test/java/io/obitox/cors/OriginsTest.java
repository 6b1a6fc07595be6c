package io.obitox.cors;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.storage.Provider;
import java.util.List;
import org.junit.jupiter.api.Test;

class OriginsTest {

    @Test
    void normalisesWhatBrowsersNeverSendAwayTrailingSlashDefaultPortAndCase() {
        Origins.Validation v = Origins.validate(
                List.of("HTTP://LocalHost:3000/", "https://App.Example.com:443", "http://example.com:80", " * "),
                Provider.AWS);

        assertThat(v.rejected()).isEmpty();
        assertThat(v.accepted())
                .containsExactly("http://localhost:3000", "https://app.example.com", "http://example.com", "*");
    }

    @Test
    void dropsBlanksAndDuplicatesKeepingOrder() {
        Origins.Validation v = Origins.validate(
                List.of("http://localhost:3000", "", "http://localhost:3000/", "https://b.example"), Provider.CEPH);

        assertThat(v.accepted()).containsExactly("http://localhost:3000", "https://b.example");
        assertThat(v.ok()).isTrue();
    }

    @Test
    void rejectsPathsOtherSchemesMissingSchemeBadPortsAndSecondWildcard() {
        Origins.Validation v = Origins.validate(
                List.of(
                        "https://app.example.com/upload",
                        "ftp://files.example.com",
                        "app.example.com",
                        "https://*.*.example.com",
                        "https://app*.example.com",
                        "http://localhost:70000",
                        "http://localhost:abc",
                        "https://exa mple.com",
                        "https://-bad-.example.com"),
                Provider.AWS);

        assertThat(v.accepted()).isEmpty();
        assertThat(v.rejected()).hasSize(9);
        assertThat(v.rejected().get(0).reason()).contains("no path").contains("https://app.example.com");
        assertThat(v.rejected().get(1).reason()).contains("http or https");
        assertThat(v.rejected().get(2).reason()).contains("scheme://host");
        assertThat(v.rejected().get(3).reason()).contains("at most one *");
        assertThat(v.rejected().get(4).reason()).contains("first part of the host");
        assertThat(v.rejected().get(5).reason()).contains("1 to 65535");
        assertThat(v.rejected().get(6).reason()).contains("1 to 65535");
    }

    @Test
    void acceptsOneWildcardForSubdomainsOrPortExceptAWildcardPortOnR2() {
        assertThat(Origins.problem("https://*.example.com", Provider.R2)).isNull();
        assertThat(Origins.problem("http://localhost:*", Provider.CEPH)).isNull();
        assertThat(Origins.problem("http://localhost:*", Provider.R2))
                .contains("R2")
                .contains("http://localhost:3000");
        assertThat(Origins.problem("http://[::1]:3000", Provider.AWS)).isNull();
    }

    @Test
    void matchesLikeS3WithOneWildcard() {
        assertThat(Origins.matches("*", "https://anything.test")).isTrue();
        assertThat(Origins.matches("https://*.example.com", "https://app.example.com"))
                .isTrue();
        assertThat(Origins.matches("https://*.example.com", "https://example.com"))
                .isFalse();
        assertThat(Origins.matches("https://*.example.com", "http://app.example.com"))
                .isFalse();
        assertThat(Origins.matches("http://localhost:*", "http://localhost:5173"))
                .isTrue();
        assertThat(Origins.matches("http://localhost:3000", "http://localhost:3001"))
                .isFalse();
    }

    @Test
    void samplesAConcreteOriginForEachPattern() {
        assertThat(Origins.sample("http://localhost:*")).isEqualTo("http://localhost:3000");
        assertThat(Origins.sample("https://*.example.com")).isEqualTo("https://obitox-check.example.com");
        assertThat(Origins.sample("*")).startsWith("https://");
        assertThat(Origins.sample("https://app.example.com")).isEqualTo("https://app.example.com");
        assertThat(Origins.overlap("*", "http://localhost:3000")).isTrue();
        assertThat(Origins.overlap("https://*.example.com", "https://app.example.com"))
                .isTrue();
        assertThat(Origins.overlap("https://a.example.com", "https://b.example.com"))
                .isFalse();
    }
}
