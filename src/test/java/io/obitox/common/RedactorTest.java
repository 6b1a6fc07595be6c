package io.obitox.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final String SIGNATURE = "3f1e8c0a9b7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f";

    @Test
    void presignedUrlLosesItsSignatureAndTokenButKeepsThePath() {
        String url = "https://s3.example.com/photos/cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAEXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host"
                + "&X-Amz-Security-Token=FwoGZXIvYXdzEJr//////////wEaDEXAMPLETOKEN"
                + "&X-Amz-Signature=" + SIGNATURE;
        String out = Redactor.redact(url);
        assertThat(out)
                .startsWith("https://s3.example.com/photos/cat.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256")
                .contains("X-Amz-Signature=REDACTED")
                .contains("X-Amz-Security-Token=REDACTED")
                .contains("X-Amz-Expires=3600")
                .doesNotContain(SIGNATURE)
                .doesNotContain("EXAMPLETOKEN");
    }

    @Test
    void sigV2QueryAuthIsRedacted() {
        String out = Redactor.redact("http://h/b/k?AWSAccessKeyId=AKIDX&Expires=1&Signature=abc%2Bdef%3D");
        assertThat(out)
                .doesNotContain("abc%2Bdef")
                .contains("Signature=REDACTED")
                .contains("Expires=1");
    }

    @Test
    void authorizationHeaderSignatureIsRedacted() {
        String header = "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=" + SIGNATURE;
        assertThat(Redactor.redact(header))
                .doesNotContain(SIGNATURE)
                .contains("SignedHeaders=host;x-amz-date")
                .endsWith("Signature=REDACTED");
    }

    @Test
    void securityTokenHeaderIsRedacted() {
        String out = Redactor.redact("x-amz-security-token: FwoGZXIvYXdzEJrSECRETTOKEN, x-amz-date: 20260101T000000Z");
        assertThat(out).doesNotContain("FwoGZXIvYXdzEJrSECRETTOKEN").contains("x-amz-date: 20260101T000000Z");
    }

    @Test
    void webhookSecretsAndSignaturesAreRedacted() {
        String out = Redactor.redact(
                "secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw signed v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=");
        assertThat(out)
                .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .doesNotContain("K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN")
                .contains("whsec_REDACTED")
                .contains("v1,REDACTED");
    }

    @Test
    void secretKeyAssignmentsAreRedacted() {
        assertThat(Redactor.redact("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .isEqualTo("aws_secret_access_key = REDACTED");
        assertThat(Redactor.redact("aws_session_token=IQoJb3JpZ2luX2VjEXAMPLE"))
                .isEqualTo("aws_session_token=REDACTED");
        assertThat(Redactor.redact("secretKey: hunter2hunter2 next")).isEqualTo("secretKey: REDACTED next");
        assertThat(Redactor.redact("password=\"p4ss\", user=bob")).isEqualTo("password=\"REDACTED\", user=bob");
        assertThat(Redactor.redact("Endpoint[uri, secretAccessKey=abcDEF123]")).doesNotContain("abcDEF123");
    }

    @Test
    void secretsInJsonAreRedacted() {
        String json = "{\"accessKeyId\":\"OBXKEY\",\"secretAccessKey\":\"s3cr3tValue\",\"sessionToken\" : \"tok3n\"}";
        assertThat(Redactor.redact(json))
                .doesNotContain("s3cr3tValue")
                .doesNotContain("tok3n")
                .contains("\"accessKeyId\":\"OBXKEY\"");
    }

    @Test
    void harmlessTextIsLeftAlone() {
        String line = "Uploaded photos/cat.jpg (1.2 MiB) to bucket 'photos' in 3 s";
        assertThat(Redactor.redact(line)).isSameAs(line);
        assertThat(Redactor.redact(null)).isNull();
        assertThat(Redactor.redact("")).isEmpty();
    }
}
