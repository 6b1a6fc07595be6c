package io.obitox.sync;

import io.obitox.common.ObitoxException;
import java.util.Locale;

/**
 * What the user picks for existing keys: a {@link ConflictPolicy}, or {@link #ASK} (the GUI asks per changed file:
 * overwrite, skip or keep both). Stored in the settings under {@link ConflictDefaults} with the command line's
 * spelling ({@code skip-identical} …, {@code ask}). The command line cannot ask: it reads a stored {@code ask} as
 * {@code skip}, so an unattended run never overwrites by surprise. The labels are the words the GUI shows.
 */
public enum ConflictChoice {
    OVERWRITE(ConflictPolicy.OVERWRITE, "Overwrite"),
    SKIP_IDENTICAL(ConflictPolicy.SKIP_IDENTICAL, "Skip identical"),
    SKIP(ConflictPolicy.SKIP, "Skip existing"),
    RENAME(ConflictPolicy.RENAME, "Keep both (rename)"),
    FAIL(ConflictPolicy.FAIL, "Fail"),
    ASK(null, "Ask");

    public static final String ASK_NAME = "ask";

    private final ConflictPolicy policy;
    private final String label;

    ConflictChoice(ConflictPolicy policy, String label) {
        this.policy = policy;
        this.label = label;
    }

    public static ConflictChoice of(ConflictPolicy p) {
        for (ConflictChoice c : values()) {
            if (c.policy == p) {
                return c;
            }
        }
        throw new IllegalArgumentException(String.valueOf(p));
    }

    /** The stored spelling: the policy's {@code --if-exists} value, or {@code ask}. */
    public String settingValue() {
        return policy == null ? ASK_NAME : policy.cliName();
    }

    /** Parses {@link #settingValue()} (and the enum names); an unknown value is an {@code INVALID_IF_EXISTS} error. */
    public static ConflictChoice parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals(ASK_NAME)) {
            return ASK;
        }
        try {
            return of(ConflictPolicy.parse(t));
        } catch (ObitoxException e) {
            throw new ObitoxException(
                    "INVALID_IF_EXISTS",
                    "Unknown policy for existing keys '" + text + "'.",
                    "Use one of: overwrite, skip-identical, skip, rename, fail, ask.");
        }
    }

    /** The policy a plan runs with: {@link #ASK} plans as skip-identical and asks about the changed files. */
    public ConflictPolicy planned() {
        return policy == null ? ConflictPolicy.SKIP_IDENTICAL : policy;
    }

    /** The policy of a run nobody can be asked in (the command line): {@link #ASK} becomes skip. */
    public ConflictPolicy unattended() {
        return policy == null ? ConflictPolicy.SKIP : policy;
    }

    /** What the pickers show. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
