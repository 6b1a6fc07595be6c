package io.obitox.presign.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.common.TerminalText;
import io.obitox.objects.UploadSettings;
import io.obitox.objects.cli.ObjectSettingsOptions;
import io.obitox.presign.ExpiryChoice;
import io.obitox.presign.LinkExport;
import io.obitox.presign.LinkMethod;
import io.obitox.presign.LinkRequest;
import io.obitox.presign.NetworkType;
import io.obitox.presign.PresignBatch;
import io.obitox.presign.PresignRequest;
import io.obitox.presign.PresignedLink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code obitox presign --bucket B KEY…}: GET links to share objects or PUT links to let someone upload, up to 100
 * per run, each with its own smart expiry. The URLs go to stdout only (they are secrets until they expire).
 */
@Command(name = "presign", mixinStandardHelpOptions = true, description = "cli.help.presign")
public final class PresignCommand extends ResultCommand<PresignBatch> {

    @Parameters(arity = "0..*", paramLabel = "KEY", descriptionKey = "cli.help.presign.key")
    List<String> keys = new ArrayList<>();

    @Option(names = "--bucket", paramLabel = "BUCKET", descriptionKey = "cli.help.presign.bucket")
    String bucket;

    @Option(names = "--method", paramLabel = "GET|PUT", descriptionKey = "cli.help.presign.method")
    LinkMethod method = LinkMethod.GET;

    @Option(names = "--size", paramLabel = "BYTES", descriptionKey = "cli.help.presign.size")
    String size;

    @Option(names = "--content-type", paramLabel = "TYPE", descriptionKey = "cli.help.presign.contentType")
    String contentType;

    @Option(names = "--content-md5", paramLabel = "MD5", descriptionKey = "cli.help.presign.contentMd5")
    String contentMd5;

    @Option(names = "--expires", paramLabel = "auto|SECONDS", descriptionKey = "cli.help.presign.expires")
    String expires = "auto";

    @Option(names = "--network", paramLabel = "TYPE", descriptionKey = "cli.help.presign.network")
    String network;

    @Option(names = "--batch", paramLabel = "FILE.json", descriptionKey = "cli.help.presign.batch")
    Path batch;

    @Option(names = "--json", descriptionKey = "cli.help.presign.json")
    boolean json;

    @Mixin
    TargetOptions target;

    @Mixin
    ObjectSettingsOptions objectSettings;

    public PresignCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected boolean json() {
        return json;
    }

    @Override
    protected PresignBatch act() {
        ExpiryChoice expiry = ExpiryChoice.parse(expires);
        NetworkType net = network == null ? null : NetworkType.parse(network);
        Long each = size == null ? null : Sizes.parse(size);
        if (method == LinkMethod.GET && (contentType != null || contentMd5 != null)) {
            ctx.out().warn(ctx.messages().get("cli.presign.putOptionsOnly"));
        }
        List<LinkRequest> files = new ArrayList<>();
        for (String key : keys) {
            files.add(new LinkRequest(key, method, each, contentType, contentMd5));
        }
        if (batch != null) {
            files.addAll(BatchFile.read(batch, method));
        }
        TargetOptions.Resolved resolved = target.resolve(ctx.app());
        String b = resolved.bucketOr(bucket);
        boolean puts = files.stream().anyMatch(f -> f.method() == LinkMethod.PUT);
        if (!puts && objectSettings.given() && objectSettings.sseCKey() == null) {
            ctx.out().warn(ctx.messages().get("cli.presign.settingsPutOnly"));
        }
        // issue 16: the PUT links' object settings (checked by the service before anything is signed)
        UploadSettings settings = puts ? objectSettings.forLinks(ctx, resolved, b) : UploadSettings.NONE;
        PresignBatch result = ctx.app()
                .presign()
                .presign(
                        resolved.target(),
                        new PresignRequest(b, files, expiry, net, settings, objectSettings.sseCKey()));
        result.warnings().forEach(ctx.out()::warn);
        return result;
    }

    @Override
    protected Object toJson(PresignBatch result) {
        result.links().forEach(l -> l.warnings().forEach(ctx.out()::warn));
        return LinkExport.toJson(result.links());
    }

    @Override
    protected void print(PresignBatch result, Output out) {
        Messages messages = ctx.messages();
        for (PresignedLink l : result.links()) {
            out.println(String.format("%-4s s3://%s/%s", l.method(), l.bucket(), TerminalText.escape(l.key())));
            out.println("     " + l.url());
            for (Map.Entry<String, String> h : l.headers().entrySet()) {
                out.println("     " + messages.get("cli.presign.sendHeader", h.getKey(), h.getValue()));
            }
            out.println("     "
                    + messages.get(
                            "cli.presign.expires",
                            l.expiresAt(),
                            Sizes.duration(l.expiresInSeconds()),
                            l.explanation().text()));
            l.warnings().forEach(out::warn);
        }
    }
}
