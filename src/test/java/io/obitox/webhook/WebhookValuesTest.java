package io.obitox.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.common.Redactor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The value types: secrets, signatures, schedules, Retry-After, URLs, ids, the state machine. */
class WebhookValuesTest {

    @Test
    void generatedSecretsAreWhsecPlusBase64OfThirtyTwoRandomBytesAndNeverPrintThemselves() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            SigningSecret s = SigningSecret.generate();
            assertThat(s.reveal()).startsWith("whsec_");
            assertThat(Base64.getDecoder().decode(s.reveal().substring(6))).hasSize(32);
            assertThat(s.toString()).isEqualTo("whsec_…");
            seen.add(s.reveal());
        }
        assertThat(seen).hasSize(20);
        assertThat(Redactor.redact("secret " + SigningSecret.generate().reveal()))
                .isEqualTo("secret whsec_REDACTED");
    }

    @Test
    void secretsOutsideTwentyFourToSixtyFourBytesOrWithoutThePrefixAreRejected() {
        String b64of23 = Base64.getEncoder().encodeToString(new byte[23]);
        String b64of24 = Base64.getEncoder().encodeToString(new byte[24]);
        String b64of64 = Base64.getEncoder().encodeToString(new byte[64]);
        String b64of65 = Base64.getEncoder().encodeToString(new byte[65]);
        assertThat(SigningSecret.parse("whsec_" + b64of24).key()).hasSize(24);
        assertThat(SigningSecret.parse("whsec_" + b64of64).key()).hasSize(64);
        for (String bad : List.of("whsec_" + b64of23, "whsec_" + b64of65, b64of24, "whsec_not base64!", "")) {
            assertThatThrownBy(() -> SigningSecret.parse(bad))
                    .isInstanceOf(ObitoxException.class)
                    .hasMessageContaining("24 to 64 bytes");
        }
    }

    @Test
    void theSignatureHeaderMatchesTheSpecsWorkedExample() {
        // the example of the Standard Webhooks reference libraries
        SigningSecret secret = SigningSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String body = "{\"test\": 2432232314}";
        String header = Signatures.header(
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                List.of(secret));
        assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theStandardScheduleIsSvixsAndTheQuickOneThePlans() {
        assertThat(RetrySchedule.STANDARD.format()).isEqualTo("0,5s,5m,30m,2h,5h,10h,10h");
        assertThat(RetrySchedule.STANDARD.maxAttempts()).isEqualTo(8);
        assertThat(RetrySchedule.QUICK.format()).isEqualTo("0,1s,5s,30s");
        assertThat(RetrySchedule.parse("quick")).isEqualTo(RetrySchedule.QUICK);
        WebhookSettings d = WebhookSettings.defaults();
        assertThat(d.schedule()).isEqualTo(RetrySchedule.STANDARD);
        assertThat(d.timeout()).as("15 s per attempt, like Svix").isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(d.perEndpoint()).isLessThan(d.parallelism());
        assertThat(RetrySchedule.parse("Standard")).isEqualTo(RetrySchedule.STANDARD);
        assertThat(RetrySchedule.parse("0, 250ms, 1.5s, 2min").format()).isEqualTo("0,250ms,1500ms,2m");
        for (String bad : List.of("", "soon", "1s,,2s", "-1s")) {
            assertThatThrownBy(() -> RetrySchedule.parse(bad))
                    .isInstanceOf(ObitoxException.class)
                    .extracting(e -> ((ObitoxException) e).code())
                    .isEqualTo("INVALID_RETRY_SCHEDULE");
        }
    }

    @Test
    void retriesAreJitteredWithinTwentyPercentAndEndAfterTheLastEntry() {
        RetrySchedule s = RetrySchedule.parse("0,10s,100s");
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long ms = s.nextDelay(1).orElseThrow().toMillis();
            assertThat(ms).isBetween(8_000L, 12_000L);
            seen.add(ms);
            assertThat(s.nextDelay(2).orElseThrow().toMillis()).isBetween(80_000L, 120_000L);
        }
        assertThat(seen).as("jittered, not constant").hasSizeGreaterThan(50);
        assertThat(s.nextDelay(0)).contains(Duration.ZERO);
        assertThat(s.nextDelay(3)).isEmpty();
    }

    @Test
    void retryAfterReadsSecondsAndHttpDatesAndIgnoresGarbage() {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        assertThat(RetryAfter.parse("120", now)).contains(Duration.ofSeconds(120));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(now.plusSeconds(90), ZoneOffset.UTC));
        assertThat(RetryAfter.parse(date, now)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("999999999", now)).contains(RetryAfter.MAX);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "example.com/hook",
                "ftp://example.com/hook",
                "not a url",
                "http://",
                "https://exa_mple.com/hook",
                "https://user:pass@example.com/hook",
                "https://example.com/hook#part"
            })
    void rejectsUrlsThatCannotBeWebhookReceivers(String url) {
        assertThatThrownBy(() -> EndpointUrls.check(url))
                .isInstanceOf(ObitoxException.class)
                .satisfies(e -> {
                    ObitoxException o = (ObitoxException) e;
                    assertThat(o.code()).isEqualTo("INVALID_WEBHOOK_URL");
                    assertThat(o.fix()).isNotBlank();
                    assertThat(o.getMessage()).doesNotContain("pass@");
                });
    }

    @Test
    void warnsAboutPlainHttpOnlyBeyondThisMachine() {
        assertThat(EndpointUrls.check("http://example.com/hook").warnings())
                .singleElement()
                .asString()
                .contains("Plain http");
        for (String local :
                List.of("http://127.0.0.1:8080/h", "http://localhost/h", "http://[::1]:9000/h", "http://127.1.2.3/h")) {
            assertThat(EndpointUrls.check(local).warnings()).as(local).isEmpty();
        }
        assertThat(EndpointUrls.check("https://example.com/hook").warnings()).isEmpty();
        assertThat(EndpointUrls.check("HTTPS://Example.com").uri().toString()).isEqualTo("https://Example.com/");
        assertThat(EndpointUrls.check("https://example.com/h?token=1").warnings())
                .singleElement()
                .asString()
                .contains("query");
    }

    @Test
    void idsAreTimeOrderedUlidsBehindTheirPrefix() {
        String a = Ids.delivery(1_700_000_000_000L);
        String b = Ids.delivery(1_700_000_000_001L);
        assertThat(a).matches("msg_[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(a.compareTo(b)).isNegative();
        assertThat(Ids.endpoint(1L)).startsWith("ep_0000000001");
    }

    @Test
    void deliveriesMoveOnlyAlongTheStateMachine() {
        assertThat(DeliveryState.PENDING.canMoveTo(DeliveryState.IN_FLIGHT)).isTrue();
        assertThat(DeliveryState.PENDING.canMoveTo(DeliveryState.DELIVERED)).isFalse();
        assertThat(DeliveryState.IN_FLIGHT.canMoveTo(DeliveryState.DEAD)).isTrue();
        assertThat(DeliveryState.DELIVERED.canMoveTo(DeliveryState.IN_FLIGHT)).isFalse();
        assertThat(DeliveryState.DEAD.canMoveTo(DeliveryState.PENDING)).isTrue();
        assertThat(EnumSet.allOf(DeliveryState.class).stream().filter(DeliveryState::isSettled))
                .containsExactlyInAnyOrder(DeliveryState.DELIVERED, DeliveryState.DEAD, DeliveryState.DISABLED);
    }

    @Test
    void eventListsParseWireNamesAndRejectUnknownOnes() {
        assertThat(WebhookEventType.parseList("upload.failed, upload.completed"))
                .containsExactlyInAnyOrder(WebhookEventType.UPLOAD_FAILED, WebhookEventType.UPLOAD_COMPLETED);
        assertThat(WebhookEventType.parseList("")).isEqualTo(WebhookEventType.defaults());
        assertThat(WebhookEventType.format(EnumSet.of(WebhookEventType.UPLOAD_FAILED)))
                .isEqualTo("upload.failed");
        assertThatThrownBy(() -> WebhookEventType.parseList("upload.done"))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("'upload.done' is not a webhook event");
    }

    @Test
    void objectUrlsFollowTheTargetsAddressingStyle() {
        var creds = software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create();
        var path = new io.obitox.storage.S3Target(
                "k",
                "l",
                io.obitox.storage.Provider.GENERIC,
                java.net.URI.create("http://127.0.0.1:9000"),
                "r",
                true,
                creds);
        var vhost = new io.obitox.storage.S3Target(
                "k",
                "l",
                io.obitox.storage.Provider.GENERIC,
                java.net.URI.create("https://s3.example.com"),
                "r",
                false,
                creds);
        var aws = new io.obitox.storage.S3Target(
                "k", "l", io.obitox.storage.Provider.AWS, null, "eu-west-1", false, creds);
        assertThat(ObjectUrls.of(path, "b", "dir/a b+c.txt")).isEqualTo("http://127.0.0.1:9000/b/dir/a%20b%2Bc.txt");
        assertThat(ObjectUrls.of(vhost, "b", "x/ü~*.bin")).isEqualTo("https://b.s3.example.com/x/%C3%BC~%2A.bin");
        assertThat(ObjectUrls.of(aws, "bucket", "k")).isEqualTo("https://bucket.s3.eu-west-1.amazonaws.com/k");
        assertThat(ObjectUrls.of(aws, "my.bucket", "k")).isEqualTo("https://s3.eu-west-1.amazonaws.com/my.bucket/k");
    }
}
