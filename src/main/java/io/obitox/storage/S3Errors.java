package io.obitox.storage;

import io.obitox.common.Errors;
import io.obitox.common.ObitoxException;
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
        UserMessage m = describe(t);
        return new ObitoxException(m.code(), m.message(), m.fix(), t);
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
            return new UserMessage(
                    TIMEOUT,
                    "The storage server did not answer in time.",
                    "Check your network or the server's load, then retry.");
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
        switch (code) {
            case "SignatureDoesNotMatch":
                return new UserMessage(
                        WRONG_SECRET,
                        "The secret access key is wrong: the server rejected the signature.",
                        "Re-enter the secret key that belongs to this access key ID.");
            case "InvalidAccessKeyId":
                return new UserMessage(
                        UNKNOWN_ACCESS_KEY,
                        "The server does not know this access key ID.",
                        "Check the access key ID, or create a key for this server.");
            case "ExpiredToken", "TokenRefreshRequired":
                return new UserMessage(
                        EXPIRED_TOKEN,
                        "The session token has expired.",
                        "Refresh the temporary credentials (e.g. aws sso login) or enter new ones.");
            case "InvalidToken":
                return new UserMessage(
                        EXPIRED_TOKEN,
                        "The session token is invalid.",
                        "Enter a current session token or remove it for permanent keys.");
            case "NoSuchBucket":
                return new UserMessage(
                        BUCKET_MISSING, "The bucket does not exist.", "Check the bucket name, or create the bucket.");
            case "AccessDenied", "AllAccessDisabled", "Forbidden":
                return new UserMessage(
                        ACCESS_DENIED,
                        "Access denied.",
                        "Ask for the permission this action needs, or use other credentials.");
            case "NotImplemented":
                return new UserMessage(NOT_IMPLEMENTED, "This server does not support that operation.", "");
            case "SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequests":
                return new UserMessage(SLOW_DOWN, "The server asks to slow down.", "ObitoX retries with backoff.");
            case "RequestTimeTooSkewed":
                return new UserMessage(
                        REQUEST_REJECTED,
                        "This computer's clock is too far from the server's.",
                        "Set the system clock (enable network time), then retry.");
            default:
                break;
        }
        if (status == 404 && code.isEmpty()) {
            return new UserMessage(
                    BUCKET_MISSING, "The bucket does not exist.", "Check the bucket name, or create the bucket.");
        }
        if (status == 403) {
            return new UserMessage(ACCESS_DENIED, "Access denied.", "Check the credentials and their permissions.");
        }
        if (status == 501) {
            return new UserMessage(NOT_IMPLEMENTED, "This server does not support that operation.", "");
        }
        if (status == 503 || status == 429) {
            return new UserMessage(
                    SLOW_DOWN, "The server is busy (HTTP " + status + ").", "ObitoX retries with backoff.");
        }
        if (status >= 500) {
            return new UserMessage(
                    SERVER_ERROR,
                    "The storage server failed (HTTP " + status + (code.isEmpty() ? "" : ", " + code) + ").",
                    "Retry later.");
        }
        return new UserMessage(
                REQUEST_REJECTED,
                "The server rejected the request (HTTP " + status + (code.isEmpty() ? "" : ", " + code) + ")"
                        + messageOf(e) + ".",
                "");
    }

    private static UserMessage client(Throwable t) {
        StalledBodyException stalled = cause(t, StalledBodyException.class);
        if (stalled != null) { // before SSLException: the abort may surface as an SSL error on a TLS socket
            return new UserMessage(
                    TIMEOUT,
                    stalled.getMessage(),
                    "Check the storage server (a full disk or an overloaded server stops taking uploads like this)"
                            + " and the network, then retry.");
        }
        if (hasCause(t, SSLException.class)) {
            return new UserMessage(
                    TLS_FAILURE,
                    "The secure (TLS) connection failed: " + rootMessage(t) + ".",
                    "Check the endpoint's certificate, its host name, or whether it speaks http rather than https.");
        }
        if (hasCause(t, UnknownHostException.class)) {
            return new UserMessage(
                    ENDPOINT_UNREACHABLE,
                    "The endpoint's host name does not resolve: " + rootMessage(t) + ".",
                    "Check the endpoint URL and your network connection.");
        }
        if (hasCause(t, ConnectException.class) || hasCause(t, NoRouteToHostException.class)) {
            return new UserMessage(
                    ENDPOINT_UNREACHABLE,
                    "Nothing answers at the endpoint (connection refused).",
                    "Check that the server is running and the endpoint URL and port are right.");
        }
        if (hasCause(t, SocketTimeoutException.class)) {
            return new UserMessage(
                    TIMEOUT,
                    "The storage server did not answer in time.",
                    "Check the endpoint URL, your network or a firewall, then retry.");
        }
        String msg = String.valueOf(t.getMessage());
        if (msg.contains("Unable to load credentials")
                || msg.contains("Profile file contained no credentials")
                || msg.toLowerCase(Locale.ROOT).contains("no credentials")
                || msg.contains("does not contain")) {
            return new UserMessage(
                    NO_CREDENTIALS,
                    "No credentials found: " + credentialsWhy(msg),
                    "Set keys for the profile, name an AWS profile, or export AWS_ACCESS_KEY_ID and "
                            + "AWS_SECRET_ACCESS_KEY.");
        }
        if (msg.contains("The SSO session")
                || msg.contains("Token is expired")
                || SSO_WORD.matcher(msg).find()) {
            return new UserMessage(
                    EXPIRED_TOKEN,
                    "The SSO session has expired or is missing.",
                    "Run 'aws sso login' for this profile, then retry.");
        }
        return new UserMessage("CLIENT_ERROR", "The request could not be sent: " + firstLine(msg) + ".", "");
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
    private static String credentialsWhy(String msg) {
        if (!msg.contains("Unable to load credentials from any of the providers in the chain")) {
            return firstLine(msg);
        }
        Matcher profile = CHAIN_PROFILE.matcher(msg);
        String files = profile.find()
                ? "the AWS config and credentials files (profile '" + profile.group(1) + "')"
                : "the AWS config and credentials files";
        return "none in the environment (AWS_ACCESS_KEY_ID), Java system properties, " + files
                + " or the container or instance metadata.";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl > 0 ? s.substring(0, nl) : s;
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
