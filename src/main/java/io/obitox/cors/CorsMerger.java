package io.obitox.cors;

import io.obitox.common.TextRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the upload rule into an existing configuration without touching the other rules.
 *
 * <p>Where it goes matters because servers answer with the first matching rule ({@link RuleMatching}). The upload
 * rule replaces an earlier version of itself (same {@link UploadRules#RULE_ID}) in place; it moves up only when an
 * unrelated rule before it would answer uploads from one of its origins (on AWS: a rule allowing PUT or POST; on
 * servers that match by origin first, any rule for the same origins), and otherwise goes last, so that unrelated
 * rules keep answering everything they answered before.
 */
public final class CorsMerger {
    private static final List<String> UPLOAD_METHODS = List.of("PUT", "POST");

    private CorsMerger() {}

    /**
     * The merged configuration and what the merge did.
     *
     * @param position index of the upload rule in {@code config}
     * @param notes sentences about placement and replaced rules, for the review step
     */
    public record Result(CorsConfig config, int position, List<TextRef> noteTexts) {
        /** The notes in English. */
        public List<String> notes() {
            return noteTexts.stream().map(TextRef::english).toList();
        }
    }

    /** Merges; throws {@code CORS_LIMIT} when the result exceeds S3's limits. */
    public static Result merge(CorsConfig existing, CorsRule uploadRule, RuleMatching matching) {
        List<CorsRule> others = new ArrayList<>();
        int previousIndex = -1;
        for (CorsRule r : existing.rules()) {
            if (UploadRules.RULE_ID.equals(r.id())) {
                if (previousIndex < 0) {
                    previousIndex = others.size();
                }
            } else {
                others.add(r);
            }
        }
        List<TextRef> notes = new ArrayList<>();
        int shadowing = firstShadowing(others, uploadRule, matching);
        int position;
        if (shadowing >= 0 && (previousIndex < 0 || shadowing < previousIndex)) {
            position = shadowing;
            notes.add(TextRef.of(
                    matching == RuleMatching.FIRST_ORIGIN ? "svc.cors.note.beforeFirstOrigin" : "svc.cors.note.before",
                    String.valueOf(shadowing + 1),
                    others.get(shadowing).describeText()));
        } else if (previousIndex >= 0) {
            position = previousIndex;
            notes.add(TextRef.of("svc.cors.note.replaces", UploadRules.RULE_ID));
        } else {
            position = others.size();
            if (!others.isEmpty()) {
                notes.add(TextRef.of("svc.cors.note.after", String.valueOf(others.size())));
            }
        }
        List<CorsRule> merged = new ArrayList<>(others);
        merged.add(position, uploadRule);
        CorsConfig result = new CorsConfig(merged);
        result.requireWithinLimits();
        return new Result(result, position, List.copyOf(notes));
    }

    /** Index of the first rule that would answer uploads from an origin of {@code upload} before it, or -1. */
    static int firstShadowing(List<CorsRule> rules, CorsRule upload, RuleMatching matching) {
        for (int i = 0; i < rules.size(); i++) {
            CorsRule r = rules.get(i);
            boolean uploadsMethod = matching == RuleMatching.FIRST_ORIGIN
                    || UPLOAD_METHODS.stream().anyMatch(r::allowsMethod);
            boolean sameOrigins = r.allowedOrigins().stream()
                    .anyMatch(a -> upload.allowedOrigins().stream().anyMatch(b -> Origins.overlap(a, b)));
            if (uploadsMethod && sameOrigins) {
                return i;
            }
        }
        return -1;
    }
}
