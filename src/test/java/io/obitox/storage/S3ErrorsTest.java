package io.obitox.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.ObitoxException;
import io.obitox.common.UserMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ErrorsTest {

    private static S3Exception service(String code, int status) {
        return (S3Exception) S3Exception.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(code == null ? null : "server says " + code)
                        .build())
                .statusCode(status)
                .message("service failure")
                .build();
    }

    @ParameterizedTest(name = "{0} / HTTP {1} -> {2}")
    @CsvSource({
        "SignatureDoesNotMatch, 403, WRONG_SECRET",
        "InvalidAccessKeyId, 403, UNKNOWN_ACCESS_KEY",
        "ExpiredToken, 400, EXPIRED_TOKEN",
        "TokenRefreshRequired, 400, EXPIRED_TOKEN",
        "InvalidToken, 400, EXPIRED_TOKEN",
        "NoSuchBucket, 404, BUCKET_MISSING",
        "AccessDenied, 403, ACCESS_DENIED",
        "AllAccessDisabled, 403, ACCESS_DENIED",
        "NotImplemented, 501, NOT_IMPLEMENTED",
        "SlowDown, 503, SLOW_DOWN",
        "Throttling, 400, SLOW_DOWN",
        "RequestTimeTooSkewed, 403, REQUEST_REJECTED",
        "'', 404, BUCKET_MISSING",
        "'', 403, ACCESS_DENIED",
        "'', 501, NOT_IMPLEMENTED",
        "'', 503, SLOW_DOWN",
        "'', 429, SLOW_DOWN",
        "InternalError, 500, SERVER_ERROR",
        "'', 502, SERVER_ERROR",
        "InvalidArgument, 400, REQUEST_REJECTED",
        "EntityTooLarge, 400, REQUEST_REJECTED",
    })
    void serviceErrorsMapToOurCodes(String awsCode, int status, String expected) {
        UserMessage m = S3Errors.describe(service(awsCode.isEmpty() ? null : awsCode, status));
        assertThat(m.code()).isEqualTo(expected);
        assertThat(m.message()).isNotBlank().doesNotContain("Exception");
    }

    @Test
    void everyCredentialFailureCarriesAFix() {
        for (String code :
                new String[] {"SignatureDoesNotMatch", "InvalidAccessKeyId", "ExpiredToken", "NoSuchBucket"}) {
            assertThat(S3Errors.describe(service(code, 403)).fix()).as(code).isNotBlank();
        }
    }

    @Test
    void unknownClientErrorsKeepTheStatusAndServerMessage() {
        UserMessage m = S3Errors.describe(service("InvalidArgument", 400));
        assertThat(m.message())
                .contains("HTTP 400")
                .contains("InvalidArgument")
                .contains("server says InvalidArgument");
        assertThat(S3Errors.describe(service("InternalError", 500)).message()).contains("HTTP 500");
    }

    @Test
    void networkFailuresAreUnreachableTlsOrTimeout() {
        assertThat(code(SdkClientException.create(
                        "Unable to execute HTTP request", new ConnectException("Connection refused"))))
                .isEqualTo(S3Errors.ENDPOINT_UNREACHABLE);
        assertThat(code(SdkClientException.create("x", new UnknownHostException("nowhere.invalid"))))
                .isEqualTo(S3Errors.ENDPOINT_UNREACHABLE);
        assertThat(code(SdkClientException.create("x", new SSLHandshakeException("PKIX path building failed"))))
                .isEqualTo(S3Errors.TLS_FAILURE);
        assertThat(code(SdkClientException.create("x", new SocketTimeoutException("Read timed out"))))
                .isEqualTo(S3Errors.TIMEOUT);
        assertThat(code(ApiCallTimeoutException.create(Duration.ofSeconds(45).toMillis())))
                .isEqualTo(S3Errors.TIMEOUT);
        assertThat(code(new ConnectException("Connection refused"))).isEqualTo(S3Errors.ENDPOINT_UNREACHABLE);
    }

    @Test
    void aStalledBodyIsARetryableTimeoutInPlainWords() {
        // as the SDK delivers it: the abort's socket error, wrapped by the guard, wrapped by the SDK
        SdkClientException e = SdkClientException.create(
                "Unable to execute HTTP request: Socket closed",
                new StalledBodyException(Duration.ofSeconds(60), false)
                        .initCause(new javax.net.ssl.SSLException("Socket closed")));
        UserMessage m = S3Errors.describe(e);
        assertThat(m.code()).isEqualTo(S3Errors.TIMEOUT);
        assertThat(m.message())
                .isEqualTo("The storage server stopped taking the data: nothing could be sent for 60 s.");
        assertThat(m.fix()).contains("full disk");
        assertThat(S3Errors.isPermanent(e)).as("the transfer engine retries it").isFalse();
    }

    @Test
    void anAttemptTimeoutIsARetryableTimeout() {
        ApiCallAttemptTimeoutException e = ApiCallAttemptTimeoutException.create(5_000);
        assertThat(code(e)).isEqualTo(S3Errors.TIMEOUT);
        assertThat(S3Errors.isPermanent(e)).isFalse();
    }

    @Test
    void tlsFailureNamesTheRootCause() {
        UserMessage m = S3Errors.describe(SdkClientException.create(
                "x", new IOException("wrap", new SSLHandshakeException("PKIX path building failed"))));
        assertThat(m.code()).isEqualTo(S3Errors.TLS_FAILURE);
        assertThat(m.message()).contains("PKIX path building failed");
        assertThat(m.fix()).contains("certificate");
    }

    @Test
    void missingCredentialsAreNoCredentials() {
        assertThat(
                        code(
                                SdkClientException.create(
                                        "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain")))
                .isEqualTo(S3Errors.NO_CREDENTIALS);
        assertThat(code(SdkClientException.create("Profile file contained no credentials for profile 'x'")))
                .isEqualTo(S3Errors.NO_CREDENTIALS);
    }

    @Test
    void theSdkChainIsSaidInPlainWordsNotAsClassNames() {
        UserMessage m = S3Errors.describe(SdkClientException.create(
                "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain("
                        + "credentialsProviders=[SystemPropertyCredentialsProvider(), "
                        + "EnvironmentVariableCredentialsProvider(), ProfileCredentialsProvider(profileName=work, "
                        + "profileFile=ProfileFile(sections=[])), ContainerCredentialsProvider(), "
                        + "InstanceProfileCredentialsProvider()]) : [SystemPropertyCredentialsProvider(): Unable"));
        assertThat(m.code()).isEqualTo(S3Errors.NO_CREDENTIALS);
        assertThat(m.message())
                .contains("AWS_ACCESS_KEY_ID")
                .contains("profile 'work'")
                .doesNotContain("CredentialsProvider")
                .doesNotContain("AwsCredentialsProviderChain");
        assertThat(m.fix()).contains("AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void anExpiredSsoSessionIsExpiredToken() {
        assertThat(code(SdkClientException.create("The SSO session associated with this profile has expired")))
                .isEqualTo(S3Errors.EXPIRED_TOKEN);
        assertThat(code(SdkClientException.create("Unable to load SSO token: Token is expired")))
                .isEqualTo(S3Errors.EXPIRED_TOKEN);
    }

    @Test
    void aClientErrorThatMerelyContainsTheLettersSsoIsNotAnSsoProblem() {
        UserMessage m =
                S3Errors.describe(SdkClientException.create("The request body is not associated with a stream"));
        assertThat(m.code()).isEqualTo("CLIENT_ERROR");
    }

    @Test
    void wrappersOfExecutorsAndFuturesAreUnwrapped() {
        S3Exception cause = service("NoSuchBucket", 404);
        assertThat(code(new CompletionException(cause))).isEqualTo(S3Errors.BUCKET_MISSING);
        assertThat(code(new ExecutionException(new CompletionException(cause)))).isEqualTo(S3Errors.BUCKET_MISSING);
        assertThat(code(new UncheckedIOException(new ConnectException("refused"))))
                .isEqualTo(S3Errors.ENDPOINT_UNREACHABLE);
    }

    @Test
    void ourOwnExceptionsPassThroughUnchanged() {
        ObitoxException mine = new ObitoxException("BUCKET_EXISTS", "It exists.", "Pick another name.");
        assertThat(S3Errors.toException(new CompletionException(mine))).isSameAs(mine);
        assertThat(S3Errors.describe(mine))
                .isEqualTo(new UserMessage("BUCKET_EXISTS", "It exists.", "Pick another name."));
    }

    @Test
    void toExceptionKeepsTheCauseForTheLog() {
        S3Exception cause = service("AccessDenied", 403);
        ObitoxException e = S3Errors.toException(cause);
        assertThat(e.code()).isEqualTo(S3Errors.ACCESS_DENIED);
        assertThat(e.getCause()).isSameAs(cause);
    }

    @Test
    void awsCodeAndStatusAreReadThroughWrappers() {
        assertThat(S3Errors.awsCode(new CompletionException(service("BucketAlreadyOwnedByYou", 409))))
                .isEqualTo("BucketAlreadyOwnedByYou");
        assertThat(S3Errors.status(service("x", 409))).isEqualTo(409);
        assertThat(S3Errors.awsCode(new IOException("x"))).isEmpty();
        assertThat(S3Errors.status(new IOException("x"))).isZero();
    }

    @Test
    void permanentFailuresAreThoseNoRetryCanFix() {
        assertThat(S3Errors.isPermanent(service("SignatureDoesNotMatch", 403))).isTrue();
        assertThat(S3Errors.isPermanent(service("NoSuchBucket", 404))).isTrue();
        assertThat(S3Errors.isPermanent(service("AccessDenied", 403))).isTrue();
        assertThat(S3Errors.isPermanent(service("SlowDown", 503))).isFalse();
        assertThat(S3Errors.isPermanent(service("InternalError", 500))).isFalse();
        assertThat(S3Errors.isPermanent(SdkClientException.create("x", new ConnectException("refused"))))
                .isFalse();
        assertThat(S3Errors.isPermanent(SdkClientException.create("x", new SocketTimeoutException("t"))))
                .isFalse();
    }

    @Test
    void anythingElseStillGetsAReadableSentence() {
        UserMessage m = S3Errors.describe(new IllegalStateException("weird state"));
        assertThat(m.code()).isEqualTo("UNEXPECTED");
        assertThat(m.message()).contains("weird state");
        assertThat(m.fix()).contains("log");
    }

    private static String code(Throwable t) {
        return S3Errors.describe(t).code();
    }
}
