package io.obitox.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** The throwaway certificate is a valid X.509 certificate that only a client told about it accepts. */
class ThrowawayCertificateTest {
    @Test
    void isASelfSignedCertificateForTheOriginHostsWithTheSpkiHashChromiumTakes() throws Exception {
        ThrowawayCertificate c = ThrowawayCertificate.issue(List.of("app.example.test", "127.0.0.1"));

        c.certificate().checkValidity();
        c.certificate().verify(c.certificate().getPublicKey());
        assertThat(c.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=app.example.test");
        assertThat(c.certificate().getVersion()).isEqualTo(3);
        assertThat(c.certificate().getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "app.example.test"), List.of(7, "127.0.0.1"));
        assertThat(c.spkiHash())
                .isEqualTo(Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-256")
                                .digest(c.certificate().getPublicKey().getEncoded())));
        assertThat(ThrowawayCertificate.issue(List.of("app.example.test")).spkiHash())
                .as("a new key pair every time")
                .isNotEqualTo(c.spkiHash());
    }

    @Test
    void thePageServerSpeaksTlsWithItAndOnlyAClientThatTrustsItConnects() throws Exception {
        ThrowawayCertificate c = ThrowawayCertificate.issue(List.of("localhost"));
        try (OriginPageServer server = new OriginPageServer("t")) {
            int port = server.port("https", c);
            server.addPage(0, "<p>hello</p>");
            URI page = URI.create("https://localhost:" + port + server.pagePath(0));

            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("throwaway", c.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            HttpClient trusting = HttpClient.newBuilder()
                    .sslContext(ctx)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> ok =
                    trusting.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("<p>hello</p>");
            assertThat(trusting.send(
                                    HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/other"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(404);

            HttpClient ordinary = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            assertThatThrownBy(() ->
                            ordinary.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void derLengthsUseTheLongFormAbove127Bytes() {
        assertThat(ThrowawayCertificate.tlv(0x04, new byte[3])).startsWith(0x04, 3);
        assertThat(ThrowawayCertificate.tlv(0x04, new byte[200])).startsWith(0x04, 0x81, 200);
        assertThat(ThrowawayCertificate.tlv(0x04, new byte[300])).startsWith(0x04, 0x82, 1, 44);
    }
}
