package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import io.obitox.objects.Encryption;
import io.obitox.objects.ObjectSettingsErrors;
import io.obitox.objects.ProviderCapabilities;
import io.obitox.objects.UploadSettings;
import io.obitox.objects.UploadSettingsRules;
import io.obitox.profile.TargetRef;
import io.obitox.storage.S3Target;
import java.util.List;
import java.util.function.Function;

/** What {@link TransferService#enqueue} refuses in a request before a row is written. Stateless. */
final class UploadRequestChecks {
    private UploadRequestChecks() {}

    /**
     * Issue 16: every front end gets the same refusal, before a row is written or a request sent: values S3 would
     * refuse, and settings the target's provider lacks. Once per distinct settings and target, not per file.
     */
    static void checkObjectSettings(List<UploadRequest> requests, Function<TargetRef, S3Target> targets) {
        java.util.Set<java.util.Map.Entry<TargetRef, UploadSettings>> seen = new java.util.HashSet<>();
        for (UploadRequest r : requests) {
            if (!r.settings().isEmpty() && seen.add(java.util.Map.entry(r.target(), r.settings()))) {
                UploadSettingsRules.check(r.settings());
                S3Target target = targets.apply(r.target());
                ProviderCapabilities.of(target.provider()).require(r.settings(), target.label());
            }
        }
    }

    /**
     * A resumed upload keeps its stored settings; an SSE-C one must be given the key it started with, since parts
     * encrypted with two keys cannot make one object.
     */
    static void requireSameKey(Transfer earlier, UploadRequest r) {
        Encryption stored = earlier.target().settings().encryption();
        Encryption given = r.settings().encryption();
        if (stored.mode() == Encryption.Mode.SSE_C
                && given.mode() == Encryption.Mode.SSE_C
                && !stored.customerKeyMd5().equals(given.customerKeyMd5())) {
            throw new ObitoxException(
                    ObjectSettingsErrors.KEY_MISMATCH,
                    "The SSE-C key file given is not the key the upload of '" + earlier.fileName()
                            + "' was started with (fingerprint " + given.customerKeyMd5() + ", expected "
                            + stored.customerKeyMd5() + ").",
                    "Give the key file the upload started with, or cancel it ('obitox transfers cancel "
                            + earlier.id().substring(0, 8) + "') and upload again with the new key.");
        }
    }
}
