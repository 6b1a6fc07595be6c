package io.obitox.cors;

import io.obitox.common.TextRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a change does to a bucket's CORS configuration: a short summary in words and a line diff of the two JSON
 * documents (the format {@code aws s3api get-bucket-cors} prints), both shown before anything is applied.
 *
 * @param summaryTexts the summary as bundle references, for a view to render in the user's language
 */
public record CorsDiff(List<TextRef> summaryTexts, List<Line> lines) {
    /** The one line of the diff of a side that has no configuration; a view shows it in the user's language. */
    public static final String NO_CONFIGURATION = "(no CORS configuration)";

    public CorsDiff {
        summaryTexts = List.copyOf(summaryTexts);
        lines = List.copyOf(lines);
    }

    /** One line of the diff; {@code kind} is ' ' (same), '-' (only before) or '+' (only after). */
    public record Line(char kind, String text) {
        @Override
        public String toString() {
            return kind + " " + text;
        }
    }

    public static CorsDiff between(CorsConfig before, CorsConfig after) {
        return new CorsDiff(summarize(before, after), lineDiff(lines(before), lines(after)));
    }

    /** The summary in English (the CLI prints it, and its JSON has it). */
    public List<String> summary() {
        return summaryTexts.stream().map(TextRef::english).toList();
    }

    public boolean changed() {
        return lines.stream().anyMatch(l -> l.kind() != ' ');
    }

    /** The diff as text with a header, like {@code diff -u} without hunks (CORS documents are short). */
    public String unified() {
        StringBuilder sb = new StringBuilder("--- current\n+++ proposed\n");
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    private static List<String> lines(CorsConfig c) {
        return c.isEmpty()
                ? List.of(NO_CONFIGURATION)
                : List.of(c.toPrettyJson().split("\\R"));
    }

    private static List<TextRef> summarize(CorsConfig before, CorsConfig after) {
        List<TextRef> out = new ArrayList<>();
        if (before.equals(after)) {
            out.add(TextRef.of("svc.cors.diff.noChange"));
            return out;
        }
        if (after.isEmpty()) {
            out.add(TextRef.of("svc.cors.diff.removesAll", before.summaryText()));
            return out;
        }
        if (before.isEmpty()) {
            out.add(TextRef.of("svc.cors.diff.creates", after.summaryText()));
        }
        CorsRule oldUpload = before.uploadRule().orElse(null);
        CorsRule newUpload = after.uploadRule().orElse(null);
        if (newUpload != null && oldUpload == null) {
            out.add(TextRef.of(
                    "svc.cors.diff.addsUpload", UploadRules.RULE_ID, String.join(", ", newUpload.allowedOrigins())));
        } else if (newUpload == null && oldUpload != null) {
            out.add(TextRef.of(
                    "svc.cors.diff.removesUpload", UploadRules.RULE_ID, String.join(", ", oldUpload.allowedOrigins())));
        } else if (newUpload != null && !newUpload.equals(oldUpload)) {
            Set<String> added = new LinkedHashSet<>(newUpload.allowedOrigins());
            added.removeAll(oldUpload.allowedOrigins());
            Set<String> removed = new LinkedHashSet<>(oldUpload.allowedOrigins());
            removed.removeAll(newUpload.allowedOrigins());
            String adds = String.join(", ", added);
            String removes = String.join(", ", removed);
            out.add(
                    added.isEmpty() && removed.isEmpty()
                            ? TextRef.of("svc.cors.diff.updatesOther")
                            : removed.isEmpty()
                                    ? TextRef.of("svc.cors.diff.updatesAdds", adds)
                                    : added.isEmpty()
                                            ? TextRef.of("svc.cors.diff.updatesRemoves", removes)
                                            : TextRef.of("svc.cors.diff.updatesBoth", adds, removes));
        }
        List<CorsRule> oldOthers = others(before);
        List<CorsRule> newOthers = others(after);
        long kept = oldOthers.stream().filter(newOthers::contains).count();
        long dropped = oldOthers.size() - kept;
        long added = newOthers.stream().filter(r -> !oldOthers.contains(r)).count();
        if (kept > 0) {
            out.add(TextRef.of("svc.cors.diff.keeps", kept));
        }
        if (dropped > 0) {
            out.add(TextRef.of("svc.cors.diff.removesOthers", dropped));
        }
        if (added > 0 && !before.isEmpty()) {
            out.add(TextRef.of("svc.cors.diff.addsOthers", added));
        }
        List<CorsRule> oldKept = oldOthers.stream().filter(newOthers::contains).toList();
        List<CorsRule> newKept = newOthers.stream().filter(oldOthers::contains).toList();
        if (!oldKept.equals(newKept)) {
            out.add(TextRef.of("svc.cors.diff.reorders"));
        }
        return out;
    }

    private static List<CorsRule> others(CorsConfig c) {
        return c.rules().stream()
                .filter(r -> !UploadRules.RULE_ID.equals(r.id()))
                .toList();
    }

    /** Longest-common-subsequence line diff; configurations are at most 64 KB, so the table stays small. */
    static List<Line> lineDiff(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                out.add(new Line(' ', a.get(i++)));
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Line('-', a.get(i++)));
            } else {
                out.add(new Line('+', b.get(j++)));
            }
        }
        while (i < n) {
            out.add(new Line('-', a.get(i++)));
        }
        while (j < m) {
            out.add(new Line('+', b.get(j++)));
        }
        return out;
    }
}
