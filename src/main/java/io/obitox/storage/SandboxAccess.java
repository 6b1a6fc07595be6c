package io.obitox.storage;

import java.net.URI;
import java.nio.file.Path;

/**
 * The embedded sandbox storage as the rest of ObitoX sees it. The implementation lives in {@code io.obitox.sandbox}
 * and is found with {@link java.util.ServiceLoader}, so an installer can leave the sandbox out and everything else
 * still works.
 */
public interface SandboxAccess extends AutoCloseable {

    /** Starts the embedded server if it is not running (or finds the one another ObitoX process runs). Blocking. */
    Endpoint ensureStarted();

    boolean isRunning();

    /** The bucket created on first start, so a newcomer can upload at once. */
    String defaultBucket();

    @Override
    void close();

    /** Where the sandbox listens and the keys it accepts. */
    record Endpoint(URI uri, String accessKeyId, String secretAccessKey, boolean ownedByThisProcess) {
        @Override
        public String toString() {
            return "Endpoint[" + uri + ", key " + accessKeyId + "]";
        }
    }

    /** Creates the sandbox for one app home. Registered in {@code META-INF/services}. */
    interface Factory {
        SandboxAccess create(Path sandboxDirectory);
    }
}
