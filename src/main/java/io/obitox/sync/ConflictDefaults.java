package io.obitox.sync;

import io.obitox.common.ObitoxException;
import io.obitox.settings.SettingsService;
import io.obitox.storage.BucketNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored defaults of issue 15, read the same way by the command line and the GUI: the policy for existing keys
 * ({@code sync.ifExists.<profileId>.<bucket>}, then {@code sync.ifExists.<profileId>}, then {@code sync.ifExists},
 * else skip-identical) and the exclude rules ({@code sync.excludes}: gitignore lines, one a line; the default
 * patterns until the user saves a list). Blocking database reads: call off the FX thread. Thread-safe.
 */
public final class ConflictDefaults {
    public static final String POLICY = "sync.ifExists";
    public static final String EXCLUDES = "sync.excludes";
    /** Where stored rules say they come from (the "which rule matches" test field shows it). */
    public static final String ORIGIN = "Settings";
    /** The settings column's width. */
    static final int MAX_CHARS = 4000;

    private final SettingsService settings;

    public ConflictDefaults(SettingsService settings) {
        this.settings = settings;
    }

    /** The stored choice for this profile and bucket (either may be null), else skip-identical. */
    public ConflictChoice choice(String profileId, String bucket) {
        List<String> keys = new ArrayList<>();
        if (profileId != null) {
            if (bucket != null && !bucket.isBlank()) {
                keys.add(POLICY + "." + profileId + "." + bucket);
            }
            keys.add(POLICY + "." + profileId);
        }
        keys.add(POLICY);
        for (String k : keys) {
            Optional<String> v = settings.get(k);
            if (v.isPresent()) {
                return ConflictChoice.parse(v.get());
            }
        }
        return ConflictChoice.of(ConflictPolicy.DEFAULT);
    }

    /** The choice stored for everything (what profiles and buckets without their own fall back to). */
    public ConflictChoice globalChoice() {
        return choice(null, null);
    }

    public void setGlobalChoice(ConflictChoice c) {
        settings.put(POLICY, c.settingValue());
    }

    /**
     * A profile's own default, or one bucket's of that profile ({@code bucket} null): what {@link #choice} finds
     * before the global one.
     */
    public record Override(String profileId, String bucket, ConflictChoice choice) {}

    /**
     * Every stored per-profile and per-bucket default, by profile then bucket (a profile's own first). A stored value
     * that no longer parses is left out, and so is a key with no profile id.
     */
    public List<Override> overrides() {
        List<Override> out = new ArrayList<>();
        settings.withPrefix(POLICY + ".").forEach((name, value) -> {
            String rest = name.substring(POLICY.length() + 1);
            int dot = rest.indexOf('.'); // profile ids are UUIDs (no dot); bucket names may have dots
            String profileId = dot < 0 ? rest : rest.substring(0, dot);
            String bucket = dot < 0 ? null : rest.substring(dot + 1);
            if (profileId.isEmpty() || (bucket != null && bucket.isEmpty())) {
                return;
            }
            try {
                out.add(new Override(profileId, bucket, ConflictChoice.parse(value)));
            } catch (ObitoxException unusable) {
                // written by hand: choice() would refuse it at the next upload, with the fix
            }
        });
        out.sort(java.util.Comparator.comparing(Override::profileId)
                .thenComparing(o -> o.bucket() == null ? "" : o.bucket()));
        return out;
    }

    /**
     * Stores a profile's own default ({@code bucket} null or blank) or a bucket's; {@code choice} null removes it, so
     * the profile or bucket falls back to the next one.
     */
    public void setOverride(String profileId, String bucket, ConflictChoice choice) {
        if (profileId == null || profileId.isBlank() || profileId.contains(".")) {
            throw new IllegalArgumentException("profile id: " + profileId);
        }
        String b = bucket == null ? "" : bucket.strip();
        if (!b.isEmpty()) {
            BucketNames.require(b);
        }
        settings.put(
                POLICY + "." + profileId + (b.isEmpty() ? "" : "." + b), choice == null ? null : choice.settingValue());
    }

    /** The stored rule lines as the user wrote them; the default patterns until a list was saved. */
    public List<String> ruleLines() {
        return settings.get(EXCLUDES)
                .map(v -> v.isEmpty() ? List.<String>of() : List.of(v.split("\n", -1)))
                .orElse(ExcludeRules.DEFAULT_PATTERNS);
    }

    /** The stored rules (comments and blank lines left out), each with origin {@code Settings, line N}. */
    public List<Rule> rules() {
        return parse(ruleLines());
    }

    /** Rules from lines, as they would be stored; throws {@code INVALID_PATTERN} when one cannot be used. */
    public static List<Rule> parse(List<String> lines) {
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Rule r = Rule.parseLine(lines.get(i), ORIGIN + ", line " + (i + 1));
            if (r != null) {
                out.add(r);
            }
        }
        ExcludeRules.of(out); // compiles every pattern: a bad one is refused here, not at the next upload
        return out;
    }

    /** Saves the lines after checking them (an unusable pattern or a list too long is refused with the fix). */
    public void setRuleLines(List<String> lines) {
        parse(lines);
        String v = String.join("\n", lines);
        if (v.length() > MAX_CHARS) {
            throw new ObitoxException(
                    "TOO_MANY_RULES",
                    "The rules take " + v.length() + " characters; at most " + MAX_CHARS + " can be stored.",
                    "Remove some rules or merge them with patterns such as *.tmp or build/.");
        }
        settings.put(EXCLUDES, v);
    }
}
