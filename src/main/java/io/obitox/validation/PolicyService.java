package io.obitox.validation;

import io.obitox.common.ObitoxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Validation policies: the four presets (read-only), custom policies stored in the database, and the policy that
 * guards each upload target. For a profile and bucket the policy is the one chosen for that bucket, else the one
 * chosen for all buckets of the profile, else {@link ValidationPolicy#ANYTHING_BUT_EXECUTABLES}.
 *
 * <p>Thread-safe; methods touching the database block briefly.
 */
public final class PolicyService {
    private final PolicyRepository repository;
    private final Clock clock;

    public PolicyService(PolicyRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public ValidationPolicy defaultPolicy() {
        return ValidationPolicy.ANYTHING_BUT_EXECUTABLES;
    }

    /** Presets first (default first), then custom policies by name. */
    public List<ValidationPolicy> list() {
        List<ValidationPolicy> out = new ArrayList<>(ValidationPolicy.PRESETS);
        out.addAll(repository.findAll());
        return out;
    }

    public Optional<ValidationPolicy> find(String name) {
        String key = ValidationPolicy.key(name);
        for (ValidationPolicy p : ValidationPolicy.PRESETS) {
            if (p.key().equals(key)) {
                return Optional.of(p);
            }
        }
        return key.isEmpty() ? Optional.empty() : repository.find(key);
    }

    /** @throws ObitoxException POLICY_NOT_FOUND */
    public ValidationPolicy get(String name) {
        return find(name)
                .orElseThrow(() -> new ObitoxException(
                        "POLICY_NOT_FOUND",
                        "There is no validation policy named '" + name + "'.",
                        "Use one of: " + names() + ", or the path of a policy file (JSON)."));
    }

    /**
     * Stores a custom policy (replacing one with the same name).
     *
     * @throws ObitoxException INVALID_POLICY when a rule is broken, POLICY_READ_ONLY for a preset's name
     */
    public ValidationPolicy save(ValidationPolicy policy) {
        List<String> problems = policy.problems();
        if (!problems.isEmpty()) {
            throw new ObitoxException(
                    "INVALID_POLICY", "The policy cannot be saved: " + String.join(" ", problems), "Correct it.");
        }
        if (policy.isPreset()) {
            throw readOnly(policy.name());
        }
        repository.save(policy, clock.instant());
        return policy;
    }

    /** Deletes a custom policy; targets that used it fall back to their profile's or the default policy. */
    public boolean delete(String name) {
        Optional<ValidationPolicy> p = find(name);
        if (p.isPresent() && p.get().isPreset()) {
            throw readOnly(p.get().name());
        }
        return p.isPresent() && repository.delete(p.get().key());
    }

    /**
     * Chooses the policy for uploads to {@code bucket} of a profile, or for all its buckets when {@code bucket} is
     * null or blank.
     */
    public void assign(String profileId, String bucket, String policyName) {
        ValidationPolicy p = get(policyName);
        repository.assign(profileId, bucketKey(bucket), p.key(), clock.instant());
    }

    public boolean unassign(String profileId, String bucket) {
        return repository.unassign(profileId, bucketKey(bucket));
    }

    /** The policy guarding uploads to this profile and bucket (see the class comment for the fallbacks). */
    public ValidationPolicy policyFor(String profileId, String bucket) {
        if (profileId != null) {
            for (String b : bucket == null || bucket.isBlank() ? List.of("") : List.of(bucket, "")) {
                Optional<ValidationPolicy> p =
                        repository.assignment(profileId, b).flatMap(this::find);
                if (p.isPresent()) {
                    return p.get();
                }
            }
        }
        return defaultPolicy();
    }

    public List<PolicyAssignment> assignments() {
        List<PolicyAssignment> out = new ArrayList<>();
        for (String[] row : repository.assignments()) {
            String name = find(row[2]).map(ValidationPolicy::name).orElse(row[2]);
            out.add(new PolicyAssignment(row[0], row[1].isEmpty() ? null : row[1], name));
        }
        return out;
    }

    /**
     * The policy for {@code --policy NAME|FILE}: a path (ends in {@code .json} or contains a separator) is read as a
     * policy file; anything else is a policy name, or a file of that name if no policy has it.
     */
    public ValidationPolicy resolve(String nameOrFile) {
        String arg = nameOrFile.strip();
        boolean looksLikeFile =
                arg.toLowerCase(Locale.ROOT).endsWith(".json") || arg.contains("/") || arg.contains("\\");
        if (!looksLikeFile) {
            Optional<ValidationPolicy> named = find(arg);
            if (named.isPresent()) {
                return named.get();
            }
            if (!Files.isRegularFile(Path.of(arg))) {
                return get(arg); // throws POLICY_NOT_FOUND with the list of names
            }
        }
        return PolicyJson.read(Path.of(arg));
    }

    private String names() {
        return list().stream().map(p -> "'" + p.name() + "'").collect(Collectors.joining(", "));
    }

    private static String bucketKey(String bucket) {
        return bucket == null ? "" : bucket.strip();
    }

    private static ObitoxException readOnly(String name) {
        return new ObitoxException(
                "POLICY_READ_ONLY",
                "'" + name + "' is a built-in policy and cannot be changed or deleted.",
                "Save your variant under another name.");
    }
}
