package io.obitox.transfer;

import io.obitox.common.ObitoxException;
import io.obitox.objects.Encryption;
import io.obitox.objects.ObjectSettingsErrors;
import io.obitox.objects.SseCKey;
import java.util.Optional;

/**
 * Issue 16: resuming an SSE-C upload (issue 18: or download) in a process that was not given its key (the GUI after a restart: the key is
 * never stored, only its fingerprint in the transfer's settings). The key is checked against that fingerprint before
 * the engine gets it, so a wrong key is refused without a request. Blocking (one read by id): off the FX thread.
 */
public final class SseCResume {
    private final TransferRepository repo;
    private final TransferEngine engine;

    SseCResume(TransferRepository repo, TransferEngine engine) {
        this.repo = repo;
        this.engine = engine;
    }

    /** The fingerprint of the SSE-C key transfer {@code id} needs and this process does not hold; else empty. */
    public Optional<String> keyNeeded(String id) {
        return repo.find(id)
                .map(t -> t.target().settings().encryption())
                .filter(e -> e.mode() == Encryption.Mode.SSE_C)
                .map(Encryption::customerKeyMd5)
                .filter(md5 -> engine.sseCKeys().find(md5).isEmpty());
    }

    /**
     * Resumes (or retries) transfer {@code id} with {@code key}: refused with {@code SSE_C_KEY_MISMATCH}, before the
     * engine holds the key or anything is sent, when it is not the key the upload started with (parts under two keys
     * cannot make one object).
     */
    public void resume(String id, SseCKey key) {
        Transfer t = repo.find(id)
                .orElseThrow(() -> new ObitoxException(
                        "TRANSFER_NOT_FOUND",
                        "There is no transfer " + id + ".",
                        "It may have been cleared; refresh the list."));
        Encryption e = t.target().settings().encryption();
        if (e.mode() == Encryption.Mode.SSE_C && !e.customerKeyMd5().equals(key.md5Base64())) {
            throw new ObitoxException(
                    ObjectSettingsErrors.KEY_MISMATCH,
                    "The SSE-C key file chosen (fingerprint " + key.md5Base64() + ") is not the key the "
                            + (t.download() ? "download" : "upload") + " of '" + t.fileName()
                            + "' was started with (fingerprint " + e.customerKeyMd5() + ").",
                    t.download()
                            ? "Choose the key file the object was uploaded with."
                            : "Choose the key file the upload started with; or cancel this transfer and upload the"
                                    + " file again with the new key.");
        }
        engine.sseCKeys().add(key); // memory only, found by its fingerprint when the transfer runs
        engine.resume(id);
    }
}
