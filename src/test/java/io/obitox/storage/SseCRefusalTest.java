package io.obitox.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Which S3 answers are an SSE-C object refused for its key (measured on RGW, documented for S3), and which not. */
class SseCRefusalTest {
    private static S3Exception answer(int status, String code, String message) {
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
    }

    @Test
    void theHeadsBare400AndTheGetsEncryptionRefusalsAreRefusalsOtherAnswersAreNot() {
        assertThat(SseCRefusal.refused(answer(400, null, null)))
                .as("a HEAD: no body")
                .isTrue();
        assertThat(SseCRefusal.refused(answer(400, "400 Bad Request", null))).isTrue();
        assertThat(SseCRefusal.refused(answer(
                        400,
                        "InvalidRequest",
                        "The object was stored using a form of Server Side Encryption. The correct parameters must be"
                                + " provided to retrieve the object.")))
                .as("S3's GET")
                .isTrue();
        assertThat(SseCRefusal.refused(answer(
                        400,
                        "InvalidArgument",
                        "Requests specifying Server Side Encryption with Customer provided keys must provide a valid"
                                + " encryption algorithm.")))
                .as("RGW's GET")
                .isTrue();
        assertThat(SseCRefusal.refused(answer(
                        400,
                        "InvalidArgument",
                        "The calculated MD5 hash of the key did not match the hash that was" + " provided.")))
                .as("RGW's GET with another key")
                .isTrue();

        assertThat(SseCRefusal.refused(answer(400, "InvalidArgument", "Invalid range")))
                .isFalse();
        assertThat(SseCRefusal.refused(answer(400, "EntityTooLarge", "Your proposed upload exceeds")))
                .isFalse();
        assertThat(SseCRefusal.refused(answer(403, null, null))).isFalse();
        assertThat(SseCRefusal.refused(answer(404, null, null))).isFalse();
        assertThat(SseCRefusal.refused(new IllegalStateException("no S3 answer")))
                .isFalse();
        assertThat(SseCRefusal.refused(new ObitoxException("X", "wrapped", "", answer(400, null, null))))
                .as("found in the cause chain")
                .isTrue();
    }

    @Test
    void withoutAKeyItIsKeyNeededWithOneTheWrongKeyBothInWordsWithTheFixGiven() {
        ObitoxException needed =
                SseCRefusal.of("vault", "a.bin", false, TextRef.of("svc.sseC.fix.download"), answer(400, null, null));
        assertThat(needed.code()).isEqualTo("SSE_C_KEY_NEEDED");
        assertThat(needed.getMessage())
                .isEqualTo("'a.bin' in bucket 'vault' is encrypted with a customer key (SSE-C): the server gives it,"
                        + " and its details, only with that key (HTTP 400).");
        assertThat(needed.fix())
                .isEqualTo("Give the key it was uploaded with: obitox download … --sse-c-key-file FILE.");
        ObitoxException wrong =
                SseCRefusal.of("vault", "a.bin", true, TextRef.of("svc.sseC.fix.wrongKey"), answer(400, null, null));
        assertThat(wrong.code()).isEqualTo("SSE_C_WRONG_KEY");
        assertThat(wrong.toUserMessage().messageRef().key()).isEqualTo("svc.sseC.wrongKey");
    }
}
