package io.obitox.storage.cli;

import io.obitox.cli.kit.CliContext;
import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.Output;
import io.obitox.cli.kit.ResultCommand;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.common.Sizes;
import io.obitox.storage.BucketInfo;
import io.obitox.storage.ObjectEntry;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code obitox ls [BUCKET[/PREFIX]]}: buckets, or the objects of a bucket with size and date. */
@Command(name = "ls", mixinStandardHelpOptions = true, description = "cli.help.ls")
public final class LsCommand extends ResultCommand<LsCommand.Listing> {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    /** HEADs {@code --long} makes at most: ListObjectsV2 has no encryption field, so each object costs a request. The
     * help text {@code cli.help.ls.long} names the number too.
     */
    static final int LONG_HEADS = 1000;

    /**
     * The buckets (no path given), or the entries under {@code bucket}/{@code prefix}.
     *
     * @param buckets the buckets, or null when objects were listed
     * @param encryption with {@code --long}: each object's encryption by key ("" none; absent: not looked up)
     */
    record Listing(
            List<BucketInfo> buckets,
            String bucket,
            String prefix,
            List<ObjectEntry> entries,
            Map<String, String> encryption) {}

    @Parameters(index = "0", arity = "0..1", paramLabel = "BUCKET[/PREFIX]", descriptionKey = "cli.help.ls.path")
    String path;

    @Mixin
    TargetOptions target;

    @Option(
            names = {"-r", "--recursive"},
            descriptionKey = "cli.help.ls.recursive")
    boolean recursive;

    @Option(
            names = {"-H", "--human-readable"},
            descriptionKey = "cli.help.ls.humanReadable")
    boolean human;

    @Option(names = "--json", descriptionKey = "cli.help.ls.json")
    boolean json;

    @Option(
            names = {"-l", "--long"},
            descriptionKey = "cli.help.ls.long")
    boolean longFormat;

    @Option(names = "--max", paramLabel = "N", descriptionKey = "cli.help.ls.max")
    int max = 100_000;

    public LsCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected Listing act() {
        TargetOptions.Resolved resolved = target.resolve(ctx.app());
        String p = path == null ? "" : path.startsWith("s3://") ? path.substring(5) : path;
        if (p.isEmpty()) {
            return new Listing(ctx.app().buckets().listBuckets(resolved.target()), null, null, List.of(), Map.of());
        }
        int slash = p.indexOf('/');
        String bucket = slash < 0 ? p : p.substring(0, slash);
        String prefix = slash < 0 ? "" : p.substring(slash + 1);
        CliFailure.requireNotNegative("--max", max, "1000");
        List<ObjectEntry> entries = ctx.app().buckets().listAll(resolved.target(), bucket, prefix, recursive, max);
        Map<String, String> encryption = longFormat ? encryption(resolved, bucket, entries) : Map.of();
        return new Listing(null, bucket, prefix, entries, encryption);
    }

    @Override
    protected boolean json() {
        return json;
    }

    @Override
    protected Object toJson(Listing l) {
        if (l.buckets() != null) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (BucketInfo b : l.buckets()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", b.name());
                m.put("created", b.created() == null ? null : b.created().toString());
                out.add(m);
            }
            return Map.of("buckets", out);
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (ObjectEntry e : l.entries()) {
            if (e.folder()) {
                prefixes.add(e.key());
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("key", e.key());
                m.put("size", e.size());
                m.put(
                        "lastModified",
                        e.lastModified() == null ? null : e.lastModified().toString());
                m.put("etag", e.etag());
                if (longFormat) {
                    m.put("storageClass", storageClass(e));
                    String enc = l.encryption().get(e.key());
                    m.put("encryption", enc == null || enc.isEmpty() ? null : enc);
                }
                objects.add(m);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bucket", l.bucket());
        out.put("prefix", l.prefix());
        out.put("prefixes", prefixes);
        out.put("objects", objects);
        return out;
    }

    @Override
    protected void print(Listing l, Output out) {
        List<List<String>> rows = new ArrayList<>();
        if (l.buckets() != null) {
            l.buckets().forEach(b -> rows.add(List.of(b.created() == null ? "-" : DATE.format(b.created()), b.name())));
            out.table(null, rows);
            return;
        }
        // names relative to the folder the prefix is in, as `aws s3 ls` shows them: "ls b/src" lists "PRE src/"
        String prefix =
                l.prefix() == null ? null : l.prefix().substring(0, l.prefix().lastIndexOf('/') + 1);
        for (ObjectEntry e : l.entries()) {
            if (e.folder()) {
                rows.add(longFormat ? List.of("", "PRE", "", "", e.name(prefix)) : List.of("", "PRE", e.name(prefix)));
            } else {
                String date = e.lastModified() == null ? "-" : DATE.format(e.lastModified());
                String size = human ? Sizes.bytes(e.size()) : Long.toString(e.size());
                String name = recursive ? e.key() : e.name(prefix);
                if (longFormat) {
                    String enc = l.encryption().getOrDefault(e.key(), "?");
                    rows.add(List.of(date, size, storageClass(e), enc.isEmpty() ? "-" : enc, name));
                } else {
                    rows.add(List.of(date, size, name));
                }
            }
        }
        out.table(null, rows);
    }

    /** S3 leaves the class out of some listings; no class means STANDARD, as for HEAD. */
    private static String storageClass(ObjectEntry e) {
        return e.storageClass() == null ? "STANDARD" : e.storageClass();
    }

    private Map<String, String> encryption(TargetOptions.Resolved resolved, String bucket, List<ObjectEntry> entries) {
        Map<String, String> out = new java.util.HashMap<>();
        int heads = 0;
        for (ObjectEntry e : entries) {
            if (!e.folder() && heads++ < LONG_HEADS) {
                out.put(e.key(), ctx.app().objectDetails().encryptionOf(resolved.target(), bucket, e.key()));
            }
        }
        return out;
    }
}
