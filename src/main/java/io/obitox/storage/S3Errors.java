package io.obitox.storage;

import io.obitox.common.Errors;
import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import io.obitox.common.UserMessage;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Plain words for S3 failures, each with the fix. The codes are stable: the CLI prints them, tests assert them, and
 * the transfer engine uses {@link #isPermanent} to fail a file fast instead of retrying.
 */
public final class S3Errors {
    public static final String ENDPOINT_UNREACHABLE = "ENDPOINT_UNREACHABLE";
    public static final String TLS_FAILURE = "TLS_FAILURE";
    public static final String WRONG_SECRET = "WRONG_SECRET";
    public static final String UNKNOWN_ACCESS_KEY = "UNKNOWN_ACCESS_KEY";
    public static final String EXPIRED_TOKEN = "EXPIRED_TOKEN";
    public static final String NO_CREDENTIALS = "NO_CREDENTIALS";
    public static final String BUCKET_MISSING = "BUCKET_MISSING";
    public static final String ACCESS_DENIED = "ACCESS_DENIED";
    public static final String NOT_IMPLEMENTED = "NOT_IMPLEMENTED";
    public static final String TIMEOUT = "TIMEOUT";
    public static final String SLOW_DOWN = "SLOW_DOWN";
    public static final String SERVER_ERROR = "SERVER_ERROR";
    public static final String REQUEST_REJECTED = "REQUEST_REJECTED";

    /** "SSO" as a word: a bare contains("sso") also matched words such as "associated". */
    private static final Pattern SSO_WORD = Pattern.compile("(?i)\\bsso\\b");
    /** The profile the SDK's chain read, as its message names it: {@code ProfileCredentialsProvider(profileName=x)}. */
    private static final Pattern CHAIN_PROFILE = Pattern.compile("ProfileCredentialsProvider\\(profileName=([^,)]+)");

    private S3Errors() {}

    /** Describes any failure; S3 and network failures in S3 terms, the rest through {@link Errors}. */
    public static UserMessage describe(Throwable failure) {
        return Errors.describe(failure, S3Errors::translate);
    }

    /** Same as {@link #describe} as an exception, for code that throws. */
    public static ObitoxException toException(Throwable failure) {
        Throwable t = Errors.unwrap(failure);
        if (t instanceof ObitoxException oe) {
            return oe;
        }
        return new ObitoxException(describe(t), t);
    }

    /** The S3 error code of a service exception ({@code NoSuchBucket}, {@code AccessDenied} …), or empty. */
    public static String awsCode(Throwable t) {
        AwsServiceException ase = serviceException(t);
        if (ase != null && ase.awsErrorDetails() != null) {
            String code = ase.awsErrorDetails().errorCode();
            return code == null ? "" : code;
        }
        return "";
    }

    /** The HTTP status of the S3 error in the cause chain, or 0. */
    public static int status(Throwable t) {
        AwsServiceException ase = serviceException(t);
        return ase == null ? 0 : ase.statusCode();
    }

    /** The S3 service error anywhere in the cause chain (also inside an ObitoxException), or null. */
    private static AwsServiceException serviceException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof AwsServiceException ase) {
                return ase;
            }
        }
        return null;
    }

    /** True for failures no retry can fix: credentials, permissions, missing bucket, bad request. */
    public static boolean isPermanent(Throwable t) {
        UserMessage m = describe(t);
        return switch (m.code()) {
            case WRONG_SECRET,
                    UNKNOWN_ACCESS_KEY,
                    EXPIRED_TOKEN,
                    NO_CREDENTIALS,
                    BUCKET_MISSING,
                    ACCESS_DENIED,
                    NOT_IMPLEMENTED,
                    TLS_FAILURE,
                    REQUEST_REJECTED -> true;
            default -> false;
        };
    }

    /**
     * Whether a failure with this code stops every request to the bucket alike (a missing bucket, keys the server
     * refuses, no credentials, TLS, nothing answering), so that one request's answer speaks for a whole batch.
     * {@code ACCESS_DENIED} is not one: upload-only keys may put objects without being allowed to list.
     */
    public static boolean refusesEveryRequest(String code) {
        return switch (code) {
            case BUCKET_MISSING,
                    WRONG_SECRET,
                    UNKNOWN_ACCESS_KEY,
                    EXPIRED_TOKEN,
                    NO_CREDENTIALS,
                    TLS_FAILURE,
                    ENDPOINT_UNREACHABLE -> true;
            default -> false;
        };
    }

    static UserMessage translate(Throwable t) {
        if (t instanceof AwsServiceException ase) {
            return service(ase);
        }
        if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
            return UserMessage.of(TIMEOUT, t("svc.s3.timeout"), t("svc.s3.timeout.fix"));
        }
        if (t instanceof SdkClientException || t instanceof SdkException) {
            return client(t);
        }
        if (hasCause(t, SSLException.class)
                || hasCause(t, ConnectException.class)
                || hasCause(t, UnknownHostException.class)) {
            return client(t);
        }
        return null;
    }

    private static UserMessage service(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        code = code == null ? "" : code;
        int status = e.statusCode();
        String http = status + (code.isEmpty() ? "" : ", " + code);
        switch (code) {
            case "SignatureDoesNotMatch":
                return UserMessage.of(WRONG_SECRET, t("svc.s3.wrongSecret"), t("svc.s3.wrongSecret.fix"));
            case "InvalidAccessKeyId":
                return UserMessage.of(
                        UNKNOWN_ACCESS_KEY, t("svc.s3.unknownAccessKey"), t("svc.s3.unknownAccessKey.fix"));
            case "ExpiredToken", "TokenRefreshRequired":
                return UserMessage.of(EXPIRED_TOKEN, t("svc.s3.tokenExpired"), t("svc.s3.tokenExpired.fix"));
            case "InvalidToken":
                return UserMessage.of(EXPIRED_TOKEN, t("svc.s3.tokenInvalid"), t("svc.s3.tokenInvalid.fix"));
            case "NoSuchBucket":
                return bucketMissing();
            case "AccessDenied", "AllAccessDisabled", "Forbidden":
                return UserMessage.of(ACCESS_DENIED, t("svc.s3.accessDenied"), t("svc.s3.accessDenied.fix"));
            case "NotImplemented":
                return UserMessage.of(NOT_IMPLEMENTED, t("svc.s3.notImplemented"), null);
            case "SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequests":
                return UserMessage.of(SLOW_DOWN, t("svc.s3.slowDown"), t("svc.s3.retriesWithBackoff"));
            case "RequestTimeTooSkewed":
                return UserMessage.of(REQUEST_REJECTED, t("svc.s3.clockSkew"), t("svc.s3.clockSkew.fix"));
            default:
                break;
        }
        if (status == 404 && code.isEmpty()) {
            return bucketMissing();
        }
        if (status == 403) {
            return UserMessage.of(ACCESS_DENIED, t("svc.s3.accessDenied"), t("svc.s3.accessDenied.fixCredentials"));
        }
        if (status == 501) {
            return UserMessage.of(NOT_IMPLEMENTED, t("svc.s3.notImplemented"), null);
        }
        if (status == 503 || status == 429) {
            return UserMessage.of(SLOW_DOWN, t("svc.s3.busy", String.valueOf(status)), t("svc.s3.retriesWithBackoff"));
        }
        if (status >= 500) {
            return UserMessage.of(SERVER_ERROR, t("svc.s3.serverFailed", http), t("svc.s3.retryLater"));
        }
        return UserMessage.of(REQUEST_REJECTED, t("svc.s3.rejected", http, messageOf(e)), null);
    }

    private static UserMessage client(Throwable t) {
        StalledBodyException stalled = cause(t, StalledBodyException.class);
        if (stalled != null) { // before SSLException: the abort may surface as an SSL error on a TLS socket
            TextRef fix = t("svc.s3.stalled.fix"); // the message is the stall's own, with its figures
            return new UserMessage(TIMEOUT, stalled.getMessage(), fix.english(), null, fix);
        }
        if (hasCause(t, SSLException.class)) {
            return UserMessage.of(TLS_FAILURE, t("svc.s3.tls", rootMessage(t)), t("svc.s3.tls.fix"));
        }
        if (hasCause(t, UnknownHostException.class)) {
            return UserMessage.of(
                    ENDPOINT_UNREACHABLE, t("svc.s3.unknownHost", rootMessage(t)), t("svc.s3.unknownHost.fix"));
        }
        if (hasCause(t, ConnectException.class) || hasCause(t, NoRouteToHostException.class)) {
            return UserMessage.of(ENDPOINT_UNREACHABLE, t("svc.s3.refused"), t("svc.s3.refused.fix"));
        }
        if (hasCause(t, SocketTimeoutException.class)) {
            return UserMessage.of(TIMEOUT, t("svc.s3.timeout"), t("svc.s3.timeout.fixNetwork"));
        }
        String msg = String.valueOf(t.getMessage());
        if (msg.contains("Unable to load credentials")
                || msg.contains("Profile file contained no credentials")
                || msg.toLowerCase(Locale.ROOT).contains("no credentials")
                || msg.contains("does not contain")) {
            return UserMessage.of(
                    NO_CREDENTIALS, t("svc.s3.noCredentials", credentialsWhy(msg)), t("svc.s3.noCredentials.fix"));
        }
        if (msg.contains("The SSO session")
                || msg.contains("Token is expired")
                || SSO_WORD.matcher(msg).find()) {
            return UserMessage.of(EXPIRED_TOKEN, t("svc.s3.ssoExpired"), t("svc.s3.ssoExpired.fix"));
        }
        return UserMessage.of("CLIENT_ERROR", t("svc.s3.notSent", firstLine(msg)), null);
    }

    private static String messageOf(AwsServiceException e) {
        String m = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return m == null || m.isBlank() ? "" : ": " + m;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        return cause(t, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return firstLine(String.valueOf(c.getMessage()));
    }

    /**
     * The SDK's default chain answers with the class names of every provider it tried (a 600-character line of
     * {@code AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), ...])}): say in
     * plain words where was looked instead, naming the AWS profile it read if there was one.
     */
    private static Object credentialsWhy(String msg) {
        if (!msg.contains("Unable to load credentials from any of the providers in the chain")) {
            return firstLine(msg);
        }
        Matcher profile = CHAIN_PROFILE.matcher(msg);
        TextRef files =
                profile.find() ? t("svc.s3.credentialFilesProfile", profile.group(1)) : t("svc.s3.credentialFiles");
        return t("svc.s3.noCredentialsAnywhere", files);
    }

    private static UserMessage bucketMissing() {
        return UserMessage.of(BUCKET_MISSING, t("svc.s3.bucketMissing"), t("svc.s3.bucketMissing.fix"));
    }

    /** A text for the views to show in the user's language (see {@link TextRef}). */
    private static TextRef t(String key, Object... args) {
        return TextRef.of(key, args);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl > 0 ? s.substring(0, nl) : s;
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
