package io.obitox.objects.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.common.Messages;
import io.obitox.common.TerminalText;
import io.obitox.common.TextRef;
import io.obitox.objects.ObjectSettingsDefaults;
import io.obitox.objects.ProviderCapabilities;
import io.obitox.objects.UploadSettings;
import io.obitox.objects.UploadSettingsJson;
import io.obitox.profile.StorageProfile;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code obitox profile object-settings PROFILE [--bucket B] [flags] | --show | --clear}: the stored object-settings
 * defaults of a profile, or of one of its buckets (issue 16), which {@code upload}, {@code sync} and {@code presign}
 * layer under their own flags (bucket over profile over global). Flags are merged into what is stored at that level
 * (metadata and tags key by key); {@code --clear} empties the level first. Checked like an upload's settings (S3's
 * limits, the profile's provider) before anything is stored; SSE-C cannot be a default (its key is never stored).
 * Registered under {@code profile} by {@link Cli} (the profile package does not depend on this one).
 */
@Command(name = "object-settings", mixinStandardHelpOptions = true, description = "cli.help.objectSettings")
public final class ObjectSettingsCommand extends ResultCommand<ObjectSettingsCommand.Levels> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One level's defaults after the command.
     *
     * @param level how messages name the level: "profile 'P'" or "profile 'P', bucket 'B'"
     * @param saved what the command stored at this level (NONE: cleared), or null when it only shows them
     */
    record Levels(
            StorageProfile profile,
            String bucket,
            String level,
            UploadSettings saved,
            UploadSettings stored,
            UploadSettings effective) {}

    @Parameters(index = "0", paramLabel = "PROFILE", descriptionKey = "cli.help.objectSettings.profile")
    String profileName;

    @Option(names = "--bucket", paramLabel = "BUCKET", descriptionKey = "cli.help.objectSettings.bucket")
    String bucket;

    @Option(names = "--show", descriptionKey = "cli.help.objectSettings.show")
    boolean show;

    @Option(names = "--clear", descriptionKey = "cli.help.objectSettings.clear")
    boolean clear;

    @Option(names = "--json", descriptionKey = "cli.help.objectSettings.json")
    boolean json;

    @Mixin
    ObjectSettingsOptions settings;

    public ObjectSettingsCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected Levels act() {
        StorageProfile p = ctx.app().profiles().require(profileName);
        String b = bucket == null || bucket.isBlank() ? null : bucket.trim();
        ObjectSettingsDefaults defaults = new ObjectSettingsDefaults(ctx.app().settings());
        UploadSettings flags = settings.flags();
        boolean change = clear || !flags.isEmpty();
        if (show && change) {
            throw CliFailure.of(
                    "INVALID_ARGUMENTS",
                    TextRef.of("cli.error.objectSettings.invalidArguments"),
                    TextRef.of("cli.error.objectSettings.invalidArguments.fix"));
        }
        String level = "profile '" + p.name() + "'" + (b == null ? "" : ", bucket '" + b + "'");
        UploadSettings saved = null;
        if (change) {
            UploadSettings base =
                    clear ? UploadSettings.NONE : defaults.stored(p.id(), b).orElse(UploadSettings.NONE);
            UploadSettings next = base.overriddenBy(flags);
            if (!next.isEmpty()) {
                ProviderCapabilities.of(p.provider()).require(next, level);
            }
            defaults.save(p.id(), b, next); // checks S3's limits and refuses SSE-C
            saved = next;
        }
        return new Levels(
                p,
                b,
                level,
                saved,
                defaults.stored(p.id(), b).orElse(UploadSettings.NONE),
                defaults.effective(p.id(), b));
    }

    @Override
    protected boolean json() {
        return json;
    }

    @Override
    protected Object toJson(Levels l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", l.profile().name());
        m.put("bucket", l.bucket());
        m.put("stored", asJson(l.stored()));
        m.put("effective", asJson(l.effective()));
        return m;
    }

    @Override
    protected void print(Levels l, Output out) {
        String level = TerminalText.escape(l.level());
        Messages messages = ctx.messages();
        if (l.saved() != null) {
            out.println(
                    l.saved().isEmpty()
                            ? messages.get("cli.objectSettings.cleared", level)
                            : messages.get(
                                    "cli.objectSettings.storedAs",
                                    level,
                                    l.saved().summary()));
            return;
        }
        out.println(messages.get("cli.objectSettings.stored", level));
        print(l.stored());
        out.println(
                messages.get(l.bucket() == null ? "cli.objectSettings.layered" : "cli.objectSettings.layeredBucket"));
        print(l.effective());
    }

    private static JsonNode asJson(UploadSettings s) {
        String j = UploadSettingsJson.toJson(s);
        try {
            return JSON.readTree(j == null ? "{}" : j);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e); // it wrote this JSON itself
        }
    }

    private void print(UploadSettings s) {
        if (s.isEmpty()) {
            ctx.out().println("  " + ctx.messages().get("cli.objectSettings.none"));
            return;
        }
        line("storage class", s.storageClass());
        line("encryption", s.encryption().isNone() ? null : s.encryption().label());
        line("ACL", s.acl());
        line("Cache-Control", s.cacheControl());
        line("Content-Disposition", s.contentDisposition());
        line("Content-Language", s.contentLanguage());
        s.metadata().forEach((k, v) -> line("metadata " + TerminalText.escape(k), v));
        s.tags().forEach((k, v) -> line("tag " + TerminalText.escape(k), v));
    }

    private void line(String name, String value) {
        if (value != null) {
            ctx.out().println(String.format("  %-20s %s", name, TerminalText.escape(value)));
        }
    }
}
