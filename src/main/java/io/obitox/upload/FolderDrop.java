package io.obitox.upload;

import io.obitox.objects.ObjectSettingsDefaults;
import io.obitox.objects.UploadSettings;
import io.obitox.profile.ProfileService;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.sync.BatchSummary;
import io.obitox.sync.ConflictChoice;
import io.obitox.sync.ConflictDefaults;
import io.obitox.sync.ExcludeRules;
import io.obitox.sync.UploadPlans;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.UploadRequest;
import io.obitox.validation.BatchRequest;
import io.obitox.validation.BatchResult;
import io.obitox.validation.BatchValidator;
import io.obitox.validation.PolicyService;
import io.obitox.validation.ValidationPolicy;
import io.obitox.validation.ValidationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Files dropped onto a folder of the bucket browser, sent the way the Upload view sends a batch: checked with the
 * policy of that profile and bucket ({@link BatchValidator}), then planned and queued by {@link UploadPlans} under
 * exactly the prefix being shown, with the stored choice for existing keys ({@link ConflictDefaults}: "ask" has no
 * one to ask here, so a changed file under it is skipped, never overwritten unasked), the stored exclude rules and
 * the layered object-settings defaults ({@link ObjectSettingsDefaults}). Blocking; run off the FX thread.
 * Thread-safe.
 */
public final class FolderDrop {
    private final BatchValidator validator;
    private final PolicyService policies;
    private final ProfileService profiles;
    private final UploadPlans plans;
    private final ConflictDefaults conflicts;
    private final ObjectSettingsDefaults objectDefaults;

    public FolderDrop(
            BatchValidator validator,
            PolicyService policies,
            ProfileService profiles,
            UploadPlans plans,
            ConflictDefaults conflicts,
            ObjectSettingsDefaults objectDefaults) {
        this.validator = validator;
        this.policies = policies;
        this.profiles = profiles;
        this.plans = plans;
        this.conflicts = conflicts;
        this.objectDefaults = objectDefaults;
    }

    /**
     * What a drop did.
     *
     * @param transferIds the transfers of the files handed to the queue
     * @param skipped files not sent because their key is there already (identical, or under skip / "ask")
     * @param excluded files the stored exclude rules left out
     * @param choice what was done with existing keys
     * @param rejected files the policy refused, each with its reason
     * @param refusal why the queue sent nothing (bucket or credentials problem), or null
     */
    public record Result(
            List<String> transferIds,
            int skipped,
            int excluded,
            ConflictChoice choice,
            List<ValidationResult> rejected,
            TransferService.Refusal refusal) {
        public Result {
            transferIds = List.copyOf(transferIds);
            rejected = List.copyOf(rejected);
        }

        /** Files handed to the transfer queue. */
        public int queued() {
            return transferIds.size();
        }
    }

    public Result upload(StorageProfile profile, String bucket, String prefix, List<Path> paths) {
        ValidationPolicy policy = policies.policyFor(profile.id(), bucket);
        // keys are made without a prefix and then put under the shown one as it is: sanitizing the names of the
        // dropped files must never move them to a different folder than the one the user dropped them on
        BatchResult checked = validator.validateFiles(new BatchRequest(paths, policy, ""));
        ConflictChoice choice = conflicts.choice(profile.id(), bucket);
        if (checked.valid().isEmpty()) {
            return new Result(List.of(), 0, 0, choice, checked.invalid(), null);
        }
        UploadSettings settings = objectDefaults.effective(profile.id(), bucket);
        String under = prefix == null ? "" : prefix;
        List<UploadRequest> requests = new ArrayList<>();
        List<String> rulePaths = new ArrayList<>();
        for (ValidationResult r : checked.valid()) {
            requests.add(new UploadRequest(
                    r.path(),
                    TargetRef.profile(profile.id()),
                    bucket,
                    under + r.objectKey(),
                    r.contentType(),
                    false,
                    null,
                    settings));
            rulePaths.add(UploadPlans.rulePath(r.relativePath()));
        }
        UploadPlans.Batch batch = new UploadPlans.Batch(
                profiles.target(profile),
                bucket,
                under,
                choice,
                ExcludeRules.of(conflicts.rules()),
                requests,
                rulePaths);
        UploadPlans.Sent sent = plans.send(batch, Map.of(), n -> {});
        TransferService.Refusal refusal = sent.batch().refusals().isEmpty()
                ? null
                : sent.batch().refusals().get(0);
        BatchSummary s = sent.summary();
        List<String> queued = refusal == null ? sent.batch().transferIds() : List.of();
        return new Result(
                queued, s.skippedIdentical() + s.skippedExisting(), s.excluded(), choice, checked.invalid(), refusal);
    }
}
