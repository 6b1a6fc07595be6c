package io.obitox.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.storage.Provider;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorsConfigTest {

    @Test
    void jsonUsesTheFieldNamesOfTheAwsCliAndRoundTrips() {
        CorsConfig c = new CorsConfig(List.of(UploadRules.rule(Provider.CEPH, List.of("http://localhost:3000"))));

        String json = c.toJson();

        assertThat(json)
                .startsWith("{\"CORSRules\":[{\"ID\":\"obitox-browser-uploads\",\"AllowedOrigins\"")
                .contains("\"ExposeHeaders\":[\"ETag\"")
                .contains("\"MaxAgeSeconds\":3600");
        assertThat(CorsConfig.fromJson(json)).isEqualTo(c);
        assertThat(CorsConfig.fromJson(CorsConfig.NONE.toJson())).isEqualTo(CorsConfig.NONE);
    }

    @Test
    void readsWhatAwsS3apiGetBucketCorsPrints() {
        String aws = """
                {"CORSRules": [{"AllowedHeaders": ["*"], "AllowedMethods": ["PUT", "GET"],
                  "AllowedOrigins": ["https://a.example"], "ExposeHeaders": ["ETag"]}]}
                """;

        CorsConfig c = CorsConfig.fromJson(aws);

        assertThat(c.rules()).singleElement().satisfies(r -> {
            assertThat(r.allowedMethods()).containsExactly("GET", "PUT");
            assertThat(r.maxAgeSeconds()).isNull();
            assertThat(r.exposes("etag")).isTrue();
        });
    }

    @Test
    void invalidJsonIsAPlainError() {
        assertThatThrownBy(() -> CorsConfig.fromJson("{\"CORSRules\": [oops"))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void xmlSizeGrowsWithTheRulesAndEscapes() {
        CorsRule r = new CorsRule(null, List.of("https://a.example"), List.of("GET"), List.of(), List.of(), null);
        CorsRule amp = new CorsRule(null, List.of("https://a.example&"), List.of("GET"), List.of(), List.of(), null);

        int one = new CorsConfig(List.of(r)).xmlBytes();
        int two = new CorsConfig(List.of(r, r)).xmlBytes();

        assertThat(two).isGreaterThan(one);
        assertThat(new CorsConfig(List.of(amp)).xmlBytes()).isEqualTo(one + "&amp;".length());
    }
}
