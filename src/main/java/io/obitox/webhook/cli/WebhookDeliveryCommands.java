package io.obitox.webhook.cli;

import static io.obitox.webhook.cli.WebhooksCommand.time;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.ExitCodes;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.common.Messages;
import io.obitox.common.ObitoxException;
import io.obitox.common.TextRef;
import io.obitox.webhook.Delivery;
import io.obitox.webhook.DeliveryState;
import io.obitox.webhook.RetrySchedule;
import io.obitox.webhook.WebhookService;
import io.obitox.webhook.WebhookSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The delivery side of {@code obitox webhooks}: test, log, replay, config. */
final class WebhookDeliveryCommands {
    private WebhookDeliveryCommands() {}

    static String describe(Delivery d) {
        return switch (d.status()) {
            case DELIVERED ->
                "Delivered " + d.eventType() + " to " + d.endpointUrl() + ": HTTP " + d.lastResponseCode() + " in "
                        + d.lastLatencyMillis() + " ms (webhook-id " + d.id() + ").";
            case PENDING, IN_FLIGHT ->
                d.attempts() == 0
                        ? "Not sent yet" + (d.endpointEnabled() ? "." : ": its endpoint is disabled.")
                        : "Not delivered: " + d.lastError() + " Next attempt " + time(d.nextAttemptAt()) + ".";
            case DEAD -> "Gave up after " + d.attempts() + " attempts: " + d.lastError();
            case DISABLED -> d.lastError();
        };
    }

    @Command(name = "test", mixinStandardHelpOptions = true, description = "cli.help.webhookDelivery.test")
    static final class TestCmd extends ResultCommand<Delivery> {
        @Parameters(index = "0", paramLabel = "ID", descriptionKey = "cli.help.webhookDelivery.test.id")
        String id;

        @Option(names = "--json", descriptionKey = "cli.help.webhookDelivery.test.json")
        boolean json;

        TestCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected Delivery act() throws InterruptedException {
            WebhookService s = ctx.app().webhooks();
            String deliveryId = s.sendTest(id);
            s.start();
            Duration max = s.settings().timeout().plusSeconds(5);
            long end = System.nanoTime() + max.toNanos();
            Delivery d = s.delivery(deliveryId);
            while (d.attempts() == 0 && !d.status().isSettled() && System.nanoTime() < end) {
                Thread.sleep(50);
                d = s.delivery(deliveryId);
            }
            return d;
        }

        @Override
        protected boolean json() {
            return json;
        }

        @Override
        protected Object toJson(Delivery d) {
            return WebhookJson.delivery(d);
        }

        @Override
        protected void print(Delivery d, Output out) {
            out.println(describe(d));
        }

        @Override
        protected int exitCode(Delivery d) {
            return d.status() == DeliveryState.DELIVERED ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    @Command(name = "log", mixinStandardHelpOptions = true, description = "cli.help.webhookDelivery.log")
    static final class LogCmd extends ResultCommand<List<Delivery>> {
        @Option(names = "--json", descriptionKey = "cli.help.webhookDelivery.log.json")
        boolean json;

        @Option(names = "--limit", paramLabel = "N", descriptionKey = "cli.help.webhookDelivery.log.limit")
        int limit = 50;

        @Option(names = "--status", paramLabel = "STATUS", descriptionKey = "cli.help.webhookDelivery.log.status")
        DeliveryState status;

        LogCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected List<Delivery> act() {
            CliFailure.requireNotNegative("--limit", limit, "50"); // a negative limit made the stream throw
            return ctx.app().webhooks().log(status == null ? limit : 5000).stream()
                    .filter(d -> status == null || d.status() == status)
                    .limit(limit)
                    .toList();
        }

        @Override
        protected boolean json() {
            return json;
        }

        @Override
        protected Object toJson(List<Delivery> all) {
            return WebhookJson.deliveries(all);
        }

        @Override
        protected void print(List<Delivery> all, Output out) {
            if (all.isEmpty()) {
                Messages messages = ctx.messages();
                out.println(messages.get("cli.webhooks.noDeliveries"));
                return;
            }
            List<List<String>> rows = new ArrayList<>();
            for (Delivery d : all) {
                rows.add(List.of(
                        time(d.createdAt()),
                        d.id(),
                        d.eventType(),
                        d.endpointId(),
                        d.status().name(),
                        Integer.toString(d.attempts()),
                        d.lastResponseCode() == null ? "" : d.lastResponseCode().toString(),
                        d.lastLatencyMillis() == null ? "" : d.lastLatencyMillis() + " ms",
                        d.status() != DeliveryState.PENDING
                                ? ""
                                : d.endpointEnabled()
                                        ? time(d.nextAttemptAt())
                                        : ctx.messages().get("cli.webhooks.heldDisabled"),
                        d.status() == DeliveryState.DELIVERED || d.lastError() == null ? "" : d.lastError()));
            }
            out.table(
                    List.of(
                            "CREATED",
                            "ID",
                            "EVENT",
                            "ENDPOINT",
                            "STATUS",
                            "TRIES",
                            "CODE",
                            "LATENCY",
                            "NEXT",
                            "ERROR"),
                    rows);
        }
    }

    /** A delivery id, or --failed-since. */
    static final class Which {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", descriptionKey = "cli.help.webhookDelivery.id")
        String id;

        @Option(names = "--failed-since", paramLabel = "TIME", descriptionKey = "cli.help.webhookDelivery.failedSince")
        String since;
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, description = "cli.help.webhookDelivery.replay")
    static final class ReplayCmd extends ResultCommand<ReplayCmd.Replayed> {
        /** The deliveries replayed (none: nothing failed since the time) and how they stand after the wait. */
        record Replayed(List<String> ids, List<Delivery> end, long delivered) {}

        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        @Option(names = "--wait", paramLabel = "SECONDS", descriptionKey = "cli.help.webhookDelivery.replay.wait")
        int wait = 10;

        ReplayCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected Replayed act() throws InterruptedException {
            WebhookService s = ctx.app().webhooks();
            List<String> ids = which.id != null
                    ? List.of(s.replay(which.id).id())
                    : s.replayFailedSince(since(which.since, ctx.app().clock()));
            if (ids.isEmpty()) {
                return new Replayed(ids, List.of(), 0);
            }
            s.start();
            List<Delivery> end = s.await(() -> s.deliveries(ids), Duration.ofSeconds(Math.max(0, wait)));
            long delivered = end.stream()
                    .filter(d -> d.status() == DeliveryState.DELIVERED)
                    .count();
            return new Replayed(ids, end, delivered);
        }

        @Override
        protected void print(Replayed r, Output out) {
            Messages messages = ctx.messages();
            if (r.ids().isEmpty()) {
                out.println(messages.get("cli.webhooks.nothingToReplay", String.valueOf(which.since)));
            } else if (r.ids().size() == 1) {
                out.println(describe(r.end().get(0)));
            } else {
                out.println(messages.get(
                        "cli.webhooks.replayed",
                        r.ids().size(),
                        r.delivered(),
                        r.end().size() - r.delivered()));
            }
        }

        @Override
        protected int exitCode(Replayed r) {
            return r.delivered() == r.end().size() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    /** {@code 2h}/{@code 1d} ago, a date (local midnight), a local date-time or an ISO instant. */
    static Instant since(String text, Clock clock) {
        String t = text.trim();
        ZoneId zone = ZoneId.systemDefault();
        try {
            if (t.matches("\\d+(\\.\\d+)?\\s*[a-zA-Z]*") && !t.matches("\\d{4}.*")) {
                return clock.instant().minus(RetrySchedule.parseDuration(t));
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t).atStartOfDay(zone).toInstant();
            }
            if (t.toUpperCase(Locale.ROOT).endsWith("Z") || t.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return java.time.OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException | ObitoxException e) {
            throw CliFailure.of(
                    "INVALID_TIME",
                    TextRef.of("cli.error.webhookDelivery.invalidTime", text),
                    TextRef.of("cli.error.webhookDelivery.invalidTime.fix"));
        }
    }

    @Command(name = "config", mixinStandardHelpOptions = true, description = "cli.help.webhookDelivery.config")
    static final class ConfigCmd extends ResultCommand<WebhookSettings> {
        @Option(
                names = "--schedule",
                paramLabel = "SCHEDULE",
                descriptionKey = "cli.help.webhookDelivery.config.schedule")
        String schedule;

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                descriptionKey = "cli.help.webhookDelivery.config.timeout")
        String timeout;

        @Option(names = "--parallel", paramLabel = "N", descriptionKey = "cli.help.webhookDelivery.config.parallel")
        Integer parallel;

        @Option(
                names = "--per-endpoint",
                paramLabel = "N",
                descriptionKey = "cli.help.webhookDelivery.config.perEndpoint")
        Integer perEndpoint;

        @Option(
                names = "--rotation-overlap",
                paramLabel = "DURATION",
                descriptionKey = "cli.help.webhookDelivery.config.rotationOverlap")
        String overlap;

        ConfigCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected WebhookSettings act() {
            WebhookService s = ctx.app().webhooks();
            WebhookSettings w = s.settings();
            if (schedule != null) {
                w = w.withSchedule(RetrySchedule.parse(schedule));
            }
            if (timeout != null) {
                w = w.withTimeout(positive(RetrySchedule.parseDuration(timeout)));
            }
            if (parallel != null || perEndpoint != null) {
                int all = parallel == null ? w.parallelism() : parallel;
                int one = perEndpoint == null ? w.perEndpoint() : perEndpoint;
                if (all < 1 || one < 1 || all > 256) {
                    throw CliFailure.of(
                            "INVALID_LIMIT",
                            TextRef.of("cli.error.webhookDelivery.invalidLimit"),
                            TextRef.of("cli.error.webhookDelivery.invalidLimit.fix"));
                }
                w = w.withParallelism(all, one);
            }
            if (overlap != null) {
                w = w.withRotationOverlap(RetrySchedule.parseDuration(overlap));
            }
            if (w != s.settings()) {
                s.updateSettings(w);
            }
            return w;
        }

        @Override
        protected void print(WebhookSettings w, Output out) {
            out.table(
                    null,
                    List.of(
                            List.of("schedule", w.schedule().format()),
                            List.of("timeout", RetrySchedule.formatDuration(w.timeout())),
                            List.of("parallel", Integer.toString(w.parallelism())),
                            List.of("per-endpoint", Integer.toString(w.perEndpoint())),
                            List.of("rotation-overlap", w.rotationOverlap().toMinutes() + " min")));
        }

        private static Duration positive(Duration d) {
            if (d.isZero() || d.isNegative()) {
                throw CliFailure.of(
                        "INVALID_DURATION",
                        TextRef.of("cli.error.webhookDelivery.invalidDuration"),
                        TextRef.of("cli.error.webhookDelivery.invalidDuration.fix"));
            }
            return d;
        }
    }
}
