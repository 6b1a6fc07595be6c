package io.obitox.upload.ui;

import io.obitox.objects.UploadSettings;
import io.obitox.profile.TargetRef;
import io.obitox.storage.S3Target;
import io.obitox.sync.ConflictChoice;
import io.obitox.sync.ExcludeRules;
import io.obitox.sync.PlanState;
import io.obitox.sync.UploadPlans;
import io.obitox.transfer.UploadRequest;
import java.util.AbstractList;
import java.util.List;

/**
 * The ready files as {@link UploadPlans} sees them, and what each plan state means under a policy. The batch's
 * lists are views: a request or rule path is made when the service reads it and dropped after, so a 100,000-file
 * batch never holds a second object per file for them. Pure; any thread (the {@link ReadyFile}s are immutable but
 * for their plan state, which is not read here).
 */
final class ReadyBatch {
    private ReadyBatch() {}

    static UploadPlans.Batch of(
            S3Target target,
            TargetRef ref,
            String bucket,
            String prefix,
            ConflictChoice choice,
            ExcludeRules rules,
            List<ReadyFile> files,
            UploadSettings settings) {
        List<UploadRequest> requests = new AbstractList<>() {
            @Override
            public UploadRequest get(int i) {
                ReadyFile r = files.get(i);
                // issue 16: the batch's object settings go with every file, as the CLI's withSettings does
                return new UploadRequest(r.path(), ref, bucket, r.objectKey(), r.contentType(), false, null, settings);
            }

            @Override
            public int size() {
                return files.size();
            }
        };
        List<String> rulePaths = new AbstractList<>() {
            @Override
            public String get(int i) {
                return UploadPlans.rulePath(files.get(i).relativePath());
            }

            @Override
            public int size() {
                return files.size();
            }
        };
        return new UploadPlans.Batch(target, bucket, prefix, choice, rules, requests, rulePaths);
    }

    /** A plan state's short word ("new", "identical (skip)") in the language of {@code messages}. */
    static String stateWord(PlanState s, io.obitox.common.Messages messages) {
        return switch (s) {
            case NEW -> messages.get("upload.plan.state.new");
            case CHANGED -> messages.get("upload.plan.state.changed");
            case IDENTICAL -> messages.get("upload.plan.state.identical");
            case EXISTS -> messages.get("upload.plan.state.exists");
            case EXCLUDED -> messages.get("upload.plan.state.excluded");
        };
    }

    /** "Compared with s3://b/p/: 3 new · 1 changed · 5 identical (skip)", and the preview's warnings. */
    static String summary(UploadPlans.Preview pv, String bucket, io.obitox.common.Messages messages) {
        StringBuilder t = new StringBuilder(messages.get("upload.plan.compared", bucket, pv.listPrefix()) + " ");
        String sep = "";
        for (PlanState s : PlanState.values()) {
            int n = pv.count(s);
            if (n > 0) {
                t.append(sep).append(String.format("%,d ", n)).append(stateWord(s, messages));
                sep = " · ";
            }
        }
        if (!pv.warnings().isEmpty()) {
            t.append(". ").append(String.join(" ", pv.warnings()));
        }
        return t.toString();
    }

    /** The numbers of a finished upload: queued, renamed, skipped identical and existing, excluded, failed. */
    static String lastUpload(UploadPlans.Sent sent, io.obitox.common.Messages messages) {
        io.obitox.sync.BatchSummary s = sent.summary();
        return messages.get(
                        "upload.plan.lastUpload",
                        s.uploaded() + s.renamed(),
                        s.renamed(),
                        s.skippedIdentical(),
                        s.skippedExisting(),
                        s.excluded(),
                        s.failed(),
                        io.obitox.common.Sizes.bytes(s.bytesNotSent()))
                + (sent.warnings().isEmpty() ? "" : ". " + String.join(" ", sent.warnings()));
    }

    /** Whether a file in this state is sent under this choice (a changed one under "ask": if the answer says so). */
    static boolean sends(PlanState s, ConflictChoice c) {
        return switch (s) {
            case NEW -> true;
            case CHANGED -> c == ConflictChoice.SKIP_IDENTICAL || c == ConflictChoice.ASK;
            case EXISTS -> c == ConflictChoice.OVERWRITE || c == ConflictChoice.RENAME;
            default -> false;
        };
    }

    /** The message key of what happens to an existing key under this choice ("exists (skip)" …). */
    static String existsKey(ConflictChoice c) {
        return switch (c) {
            case OVERWRITE -> "upload.plan.exists.overwrite";
            case SKIP -> "upload.plan.exists.skip";
            case RENAME -> "upload.plan.exists.rename";
            case FAIL -> "upload.plan.exists.fail";
            default -> "upload.plan.exists.ask";
        };
    }
}
