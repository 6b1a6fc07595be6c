package io.obitox.webhook.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.common.Messages;
import io.obitox.webhook.SigningSecret;
import io.obitox.webhook.WebhookEndpoint;
import io.obitox.webhook.WebhookEventType;
import io.obitox.webhook.WebhookService;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code obitox webhooks add|list|edit|remove|enable|disable|rotate|secret|test|log|replay|config}. */
@Command(
        name = "webhooks",
        mixinStandardHelpOptions = true,
        description = "cli.help.webhooks",
        subcommands = {
            WebhooksCommand.AddCmd.class,
            WebhooksCommand.ListCmd.class,
            WebhooksCommand.EditCmd.class,
            WebhooksCommand.RemoveCmd.class,
            WebhooksCommand.EnableCmd.class,
            WebhooksCommand.DisableCmd.class,
            WebhooksCommand.RotateCmd.class,
            WebhooksCommand.SecretCmd.class,
            WebhookDeliveryCommands.TestCmd.class,
            WebhookDeliveryCommands.LogCmd.class,
            WebhookDeliveryCommands.ReplayCmd.class,
            WebhookDeliveryCommands.ConfigCmd.class
        })
public final class WebhooksCommand implements Runnable {
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw CliFailure.missingSubcommand(
                spec.commandLine(),
                "add",
                "list",
                "edit",
                "remove",
                "enable",
                "disable",
                "rotate",
                "secret",
                "test",
                "log",
                "replay",
                "config");
    }

    static String time(Instant i) {
        return i == null ? "" : TIME.format(i.truncatedTo(ChronoUnit.SECONDS));
    }

    static String events(WebhookEndpoint e) {
        return String.join(
                ",", e.events().stream().map(WebhookEventType::wireName).toList());
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "cli.help.webhooks.add")
    static final class AddCmd extends ResultCommand<WebhookService.Created> {
        @Parameters(index = "0", paramLabel = "URL", descriptionKey = "cli.help.webhooks.add.url")
        String url;

        @Option(names = "--events", paramLabel = "EVENTS", descriptionKey = "cli.help.webhooks.add.events")
        String events;

        @Option(names = "--json", descriptionKey = "cli.help.webhooks.add.json")
        boolean json;

        AddCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected WebhookService.Created act() {
            WebhookService.Created c = ctx.app().webhooks().add(url, WebhookEventType.parseList(events));
            c.warnings().forEach(ctx.out()::warn);
            return c;
        }

        @Override
        protected boolean json() {
            return json;
        }

        @Override
        protected Object toJson(WebhookService.Created c) {
            Map<String, Object> m = new LinkedHashMap<>(WebhookJson.endpoint(c.endpoint()));
            m.put("secret", c.secret().reveal());
            return m;
        }

        @Override
        protected void print(WebhookService.Created c, Output out) {
            out.table(
                    null,
                    List.of(
                            List.of("Endpoint", c.endpoint().id()),
                            List.of("URL", c.endpoint().url()),
                            List.of("Events", events(c.endpoint())),
                            List.of("Secret", c.secret().reveal())));
            Messages messages = ctx.messages();
            out.println(messages.get("cli.webhooks.giveSecret", c.endpoint().id()));
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "cli.help.webhooks.list")
    static final class ListCmd extends ResultCommand<List<WebhookEndpoint>> {
        @Option(names = "--json", descriptionKey = "cli.help.webhooks.list.json")
        boolean json;

        ListCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected List<WebhookEndpoint> act() {
            return ctx.app().webhooks().endpoints();
        }

        @Override
        protected boolean json() {
            return json;
        }

        @Override
        protected Object toJson(List<WebhookEndpoint> all) {
            return WebhookJson.endpoints(all);
        }

        @Override
        protected void print(List<WebhookEndpoint> all, Output out) {
            if (all.isEmpty()) {
                Messages messages = ctx.messages();
                out.println(messages.get("cli.webhooks.none"));
                return;
            }
            Instant now = ctx.app().clock().instant();
            List<List<String>> rows = new ArrayList<>();
            for (WebhookEndpoint e : all) {
                String note = !e.enabled()
                        ? (e.disabledReason() == null ? "" : e.disabledReason())
                        : e.rotating(now) ? "old secret signs too until " + time(e.previousSecretExpiresAt()) : "";
                rows.add(List.of(e.id(), e.enabled() ? "enabled" : "disabled", events(e), e.url(), note));
            }
            out.table(List.of("ID", "STATE", "EVENTS", "URL", "NOTE"), rows);
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, description = "cli.help.webhooks.edit")
    static final class EditCmd extends ResultCommand<WebhookService.Saved> {
        @Parameters(index = "0", paramLabel = "ID", descriptionKey = "cli.help.webhooks.id")
        String id;

        @Option(names = "--url", paramLabel = "URL", descriptionKey = "cli.help.webhooks.edit.url")
        String url;

        @Option(names = "--events", paramLabel = "EVENTS", descriptionKey = "cli.help.webhooks.edit.events")
        String events;

        EditCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected WebhookService.Saved act() {
            WebhookService s = ctx.app().webhooks();
            WebhookEndpoint e = s.endpoint(id);
            return s.edit(
                    e.id(),
                    url == null ? e.url() : url,
                    events == null ? e.events() : WebhookEventType.parseList(events));
        }

        @Override
        protected void print(WebhookService.Saved saved, Output out) {
            saved.warnings().forEach(out::warn);
            Messages messages = ctx.messages();
            out.println(messages.get(
                    "cli.webhooks.saved",
                    saved.endpoint().id(),
                    saved.endpoint().url(),
                    events(saved.endpoint())));
        }
    }

    @Command(name = "remove", aliases = "rm", mixinStandardHelpOptions = true, description = "cli.help.webhooks.remove")
    static final class RemoveCmd extends ResultCommand<WebhookEndpoint> {
        @Parameters(index = "0", paramLabel = "ID", descriptionKey = "cli.help.webhooks.id")
        String id;

        RemoveCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected WebhookEndpoint act() {
            WebhookEndpoint e = ctx.app().webhooks().endpoint(id);
            ctx.app().webhooks().remove(e.id());
            return e;
        }

        @Override
        protected void print(WebhookEndpoint e, Output out) {
            Messages messages = ctx.messages();
            out.println(messages.get("cli.webhooks.removed", e.id(), e.url()));
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "cli.help.webhooks.enable")
    static final class EnableCmd extends ResultCommand<WebhookEndpoint> {
        @Parameters(index = "0", paramLabel = "ID", descriptionKey = "cli.help.webhooks.id")
        String id;

        EnableCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected WebhookEndpoint act() {
            return ctx.app().webhooks().setEnabled(id, true);
        }

        @Override
        protected void print(WebhookEndpoint e, Output out) {
            Messages messages = ctx.messages();
            out.println(messages.get("cli.webhooks.enabled", e.id()));
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "cli.help.webhooks.disable")
    static final class DisableCmd extends ResultCommand<WebhookEndpoint> {
        @Parameters(index = "0", paramLabel = "ID", descriptionKey = "cli.help.webhooks.id")
        String id;

        DisableCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected WebhookEndpoint act() {
            return ctx.app().webhooks().setEnabled(id, false);
        }

        @Override
        protected void print(WebhookEndpoint e, Output out) {
            Messages messages = ctx.messages();
            out.println(messages.get("cli.webhooks.disabled", e.id()));
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true, description = "cli.help.webhooks.rotate")
    static final class RotateCmd extends ResultCommand<SigningSecret> {
        @Parameters(index = "0", paramLabel = "ID", descriptionKey = "cli.help.webhooks.id")
        String id;

        RotateCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected SigningSecret act() {
            return ctx.app().webhooks().rotate(id);
        }

        @Override
        protected void print(SigningSecret fresh, Output out) {
            WebhookEndpoint e = ctx.app().webhooks().endpoint(id);
            out.println(fresh.reveal());
            Messages messages = ctx.messages();
            out.progress(
                    e.previousSecretExpiresAt() == null
                            ? messages.get("cli.webhooks.oldSecretGone")
                            : messages.get("cli.webhooks.bothSecrets", time(e.previousSecretExpiresAt())));
        }
    }

    @Command(name = "secret", mixinStandardHelpOptions = true, description = "cli.help.webhooks.secret")
    static final class SecretCmd extends ResultCommand<SigningSecret> {
        @Parameters(index = "0", paramLabel = "ID", descriptionKey = "cli.help.webhooks.id")
        String id;

        SecretCmd(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected SigningSecret act() {
            return ctx.app().webhooks().secret(id);
        }

        @Override
        protected void print(SigningSecret secret, Output out) {
            out.println(secret.reveal());
        }
    }
}
