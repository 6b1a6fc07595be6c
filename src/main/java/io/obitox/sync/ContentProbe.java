package io.obitox.sync;

import io.obitox.transfer.PartPlan;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link IdenticalCheck.Content} of a real file and object: reads the file with the engine's part plan, and asks
 * the given HEAD for the object's SHA-256 (usually {@link RemoteLister#sha256Metadata}). Not thread-safe: one per
 * decision.
 */
public final class ContentProbe implements IdenticalCheck.Content {
    private final Path file;
    private final PartPlan plan;
    private final Supplier<Optional<String>> head;

    public ContentProbe(Path file, PartPlan plan, Supplier<Optional<String>> head) {
        this.file = file;
        this.plan = plan;
        this.head = head;
    }

    @Override
    public LocalEtag.Digests digests() {
        return LocalEtag.compute(file, plan);
    }

    @Override
    public Optional<String> remoteSha256() {
        return head.get();
    }
}
