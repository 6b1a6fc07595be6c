package io.obitox.storage.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.common.Sizes;
import io.obitox.common.TextRef;
import io.obitox.objects.ObjectHeaders;
import io.obitox.objects.SseCKey;
import io.obitox.storage.ObjectDetails;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code obitox stat BUCKET/KEY}: an object's headers, metadata and tags. */
@Command(name = "stat", mixinStandardHelpOptions = true, description = "cli.help.stat")
public final class StatCommand extends ResultCommand<ObjectDetails> {
    @Parameters(index = "0", paramLabel = "BUCKET/KEY", descriptionKey = "cli.help.stat.path")
    String path;

    @Mixin
    TargetOptions target;

    @Option(names = "--json", descriptionKey = "cli.help.stat.json")
    boolean json;

    @Option(names = "--sse-c-key-file", paramLabel = "FILE", descriptionKey = "cli.help.stat.sseCKeyFile")
    Path sseCKeyFile;

    public StatCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected ObjectDetails act() {
        S3Path p = S3Path.parse(path);
        if (p.key().isEmpty() || p.key().endsWith("/")) {
            throw CliFailure.of(
                    "INVALID_PATH",
                    TextRef.of("cli.error.stat.invalidPath", path),
                    TextRef.of("cli.error.stat.invalidPath.fix", p.bucket()));
        }
        SseCKey key = sseCKeyFile == null ? null : SseCKey.read(sseCKeyFile);
        return ctx.app()
                .objectDetails()
                .details(target(target), p.bucket(), p.key(), b -> ObjectHeaders.headWith(b, key));
    }

    @Override
    protected boolean json() {
        return json;
    }

    @Override
    protected Object toJson(ObjectDetails d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bucket", d.bucket());
        m.put("key", d.key());
        m.put("s3Uri", d.s3Uri());
        m.put("url", d.url());
        m.put("size", d.size());
        m.put("contentType", d.contentType());
        m.put("etag", d.etag());
        m.put("storageClass", d.storageClass());
        m.put("encryption", d.encryption().isEmpty() ? null : d.encryption());
        m.put("lastModified", d.lastModified() == null ? null : d.lastModified().toString());
        m.put("versionId", d.versionId());
        m.put("cacheControl", d.cacheControl());
        m.put("contentDisposition", d.contentDisposition());
        m.put("contentLanguage", d.contentLanguage());
        m.put("metadata", d.metadata());
        m.put("tags", d.tags());
        if (d.tags() == null) {
            m.put("tagsNote", d.tagsNote());
        }
        return m;
    }

    @Override
    protected void print(ObjectDetails d, Output out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Key", d.key()));
        rows.add(List.of("S3 URI", d.s3Uri()));
        rows.add(List.of("URL", d.url()));
        rows.add(List.of("Size", d.size() + " bytes (" + Sizes.bytes(d.size()) + ")"));
        rows.add(List.of("Content-Type", orDash(d.contentType())));
        rows.add(List.of("ETag", orDash(d.etag())));
        rows.add(List.of("Storage class", d.storageClass()));
        rows.add(List.of("Encryption", d.encryption().isEmpty() ? "none reported" : d.encryption()));
        rows.add(List.of(
                "Last modified",
                d.lastModified() == null ? "-" : d.lastModified().toString()));
        rows.add(List.of("Version id", orDash(d.versionId())));
        rows.add(List.of("Cache-Control", orDash(d.cacheControl())));
        rows.add(List.of("Content-Disposition", orDash(d.contentDisposition())));
        rows.add(List.of("Content-Language", orDash(d.contentLanguage())));
        if (d.metadata().isEmpty()) {
            rows.add(List.of("Metadata", "-"));
        }
        d.metadata().forEach((k, v) -> rows.add(List.of("Metadata", k + "=" + v)));
        if (d.tags() == null) {
            rows.add(List.of("Tags", d.tagsNote()));
        } else if (d.tags().isEmpty()) {
            rows.add(List.of("Tags", "-"));
        } else {
            d.tags().forEach((k, v) -> rows.add(List.of("Tags", k + "=" + v)));
        }
        out.table(null, rows);
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
