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
@Command(
        name = "presign",
        mixinStandardHelpOptions = true,
        description = {
            "Create presigned links: GET to share stored objects, PUT to let someone upload (up to 100 at once).",
            "Expiry 'auto' lasts as long as the transfer needs: ceil(size / throughput x 1.5), 60 s to 7 days,"
                    + " throughput from your own measured uploads to this endpoint (else the --network table).",
            "Links signed with temporary credentials die with them; the effective expiry is shown.",
            "--batch FILE.json: [{\"key\": \"a.jpg\", \"method\": \"PUT\", \"size\": 1048576,"
                    + " \"contentType\": \"image/jpeg\", \"contentMd5\": \"<base64>\"}, …]; only key is required,"
                    + " method defaults to --method, size may be \"16M\".",
            "PUT links carry the object settings (--storage-class, --sse, --metadata, --tag, --cache-control …, and the"
                    + " stored defaults of the profile and bucket) as signed headers: the uploader must send every"
                    + " header listed ('send header', \"requiredHeaders\" in --json) with exactly that value."
        })
public final class PresignCommand extends ResultCommand<PresignBatch> {

    @Parameters(arity = "0..*", paramLabel = "KEY", description = "Object keys.")
    List<String> keys = new ArrayList<>();

    @Option(names = "--bucket", paramLabel = "BUCKET", description = "Bucket (default: the profile's).")
    String bucket;

    @Option(
            names = "--method",
            paramLabel = "GET|PUT",
            description = "GET shares an object, PUT lets someone upload one (default GET).")
    LinkMethod method = LinkMethod.GET;

    @Option(
            names = "--size",
            paramLabel = "BYTES",
            description = "Size of each KEY for the auto expiry, e.g. 734003200 or 700M (GET: looked up if omitted).")
    String size;

    @Option(
            names = "--content-type",
            paramLabel = "TYPE",
            description = "PUT: the Content-Type the uploader must send.")
    String contentType;

    @Option(
            names = "--content-md5",
            paramLabel = "MD5",
            description = "PUT: MD5 (base64 or hex) of the exact bytes to be uploaded; anything else is refused.")
    String contentMd5;

    @Option(
            names = "--expires",
            paramLabel = "auto|SECONDS",
            description = "'auto' (default), seconds, or 15m / 12h / 7d.")
    String expires = "auto";

    @Option(
            names = "--network",
            paramLabel = "TYPE",
            description = "Assume this network instead of measured history: slow-2g, 2g, 3g, 4g, wifi, unknown.")
    String network;

    @Option(names = "--batch", paramLabel = "FILE.json", description = "More files to sign, from a JSON array.")
    Path batch;

    @Option(names = "--json", description = "Print a JSON array of {key, method, url, requiredHeaders, expiresAt, …}.")
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
