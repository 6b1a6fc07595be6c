package io.obitox.upload;

import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
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

/**
 * Files dropped onto a folder of the bucket browser: checked like a drop on the Upload view (the policy of that
 * profile and bucket, {@link BatchValidator}), then the valid ones queued through {@link TransferService#enqueue}
 * under exactly the prefix being shown. Blocking; run off the FX thread. Thread-safe.
 */
public final class FolderDrop {
    private final BatchValidator validator;
    private final PolicyService policies;
    private final TransferService transfers;

    public FolderDrop(BatchValidator validator, PolicyService policies, TransferService transfers) {
        this.validator = validator;
        this.policies = policies;
        this.transfers = transfers;
    }

    /**
     * What a drop did.
     *
     * @param queued files handed to the transfer queue
     * @param rejected files the policy refused, each with its reason
     * @param refusal why the queue sent nothing (bucket or credentials problem), or null
     */
    public record Result(int queued, List<ValidationResult> rejected, TransferService.Refusal refusal) {
        public Result {
            rejected = List.copyOf(rejected);
        }
    }

    public Result upload(StorageProfile profile, String bucket, String prefix, List<Path> paths) {
        ValidationPolicy policy = policies.policyFor(profile.id(), bucket);
        // keys are made without a prefix and then put under the shown one as it is: sanitizing the names of the
        // dropped files must never move them to a different folder than the one the user dropped them on
        BatchResult checked = validator.validateFiles(new BatchRequest(paths, policy, ""));
        List<UploadRequest> requests = new ArrayList<>();
        String under = prefix == null ? "" : prefix;
        for (ValidationResult r : checked.valid()) {
            requests.add(new UploadRequest(
                    r.path(), TargetRef.profile(profile.id()), bucket, under + r.objectKey(), r.contentType()));
        }
        if (requests.isEmpty()) {
            return new Result(0, checked.invalid(), null);
        }
        TransferService.Batch batch = transfers.enqueue(requests);
        TransferService.Refusal refusal =
                batch.refusals().isEmpty() ? null : batch.refusals().get(0);
        return new Result(refusal == null ? requests.size() : 0, checked.invalid(), refusal);
    }
}
