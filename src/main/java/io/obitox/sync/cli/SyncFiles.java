package io.obitox.sync.cli;

import io.obitox.cli.kit.CliFailure;
import io.obitox.cli.kit.TargetOptions;
import io.obitox.common.TextRef;
import io.obitox.storage.ObjectEntry;
import io.obitox.sync.ExcludeRules;
import io.obitox.sync.RemoteListing;
import io.obitox.sync.UploadPlan;
import io.obitox.sync.UploadPlanner;
import io.obitox.transfer.UploadRequest;
import java.io.IOException;
import java.net.URLConnection;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two sides {@code obitox sync} compares: the folder's files (walked, rules applied to whole folders) and the
 * objects under the prefix that no file matches any more (what {@code --delete} removes). Stateless.
 */
final class SyncFiles {
    private SyncFiles() {}

    /** Objects under the prefix with no local file and not excluded by the rules (excluded files are kept). */
    static List<ObjectEntry> deletions(UploadPlan plan, List<UploadRequest> found, ExcludeRules rules, String prefix) {
        Set<String> local = new HashSet<>();
        for (UploadRequest r : found) {
            local.add(r.key());
        }
        List<ObjectEntry> out = new ArrayList<>();
        RemoteListing listing = plan.listing();
        for (String key : listing.keys().stream().sorted().toList()) {
            if (!key.startsWith(prefix)) {
                // the listing is of exactly the prefix; a key outside it would be a server bug: never delete it
                throw CliFailure.of(
                        "LISTING_OUTSIDE_PREFIX",
                        TextRef.of("cli.error.syncFiles.listingOutsidePrefix", key, prefix),
                        TextRef.of("cli.error.syncFiles.listingOutsidePrefix.fix"));
            }
            if (local.contains(key) || key.endsWith("/")) {
                continue;
            }
            if (rules.check(key.substring(prefix.length())).excluded()) {
                continue;
            }
            RemoteListing.RemoteObject o = listing.get(key);
            out.add(new ObjectEntry(key, o.size(), o.lastModified(), o.etag(), false));
        }
        return out;
    }

    /**
     * Regular files below {@code root}; links are not followed (a link out of the folder is not mirrored). A folder
     * the rules exclude whole (no later include can reach into it) is not walked and reported once, as {@code
     * "photos/raw/"}.
     */
    static List<UploadRequest> walk(
            Path root,
            String prefix,
            TargetOptions.Resolved target,
            String bucket,
            ExcludeRules rules,
            List<UploadPlanner.Excluded> pruned,
            List<Map<String, Object>> errors)
            throws IOException {
        List<UploadRequest> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                if (d.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = ExcludeRules.relativePath(root, d);
                var rule = rules.directoryExcludedBy(rel);
                if (rule.isPresent()) {
                    pruned.add(new UploadPlanner.Excluded(d, prefix + rel + "/", rel + "/", rule.get()));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    String rel = ExcludeRules.relativePath(root, file);
                    String type = URLConnection.guessContentTypeFromName(
                            file.getFileName().toString());
                    out.add(new UploadRequest(file, target.ref(), bucket, prefix + rel, type));
                } else if (attrs.isSymbolicLink()) {
                    errors.add(error(file, "LINK_NOT_FOLLOWED", "a symbolic link; sync does not follow links"));
                } else {
                    errors.add(error(file, "NOT_A_FILE", "not a regular file (device, socket or pipe); skipped"));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                errors.add(error(file, "UNREADABLE", "cannot be read: " + exc.getMessage()));
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    private static Map<String, Object> error(Path file, String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", null);
        m.put("path", file.toString());
        m.put("state", "FAILED");
        m.put("errorCode", code);
        m.put("error", message);
        return m;
    }
}
