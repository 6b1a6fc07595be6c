package io.obitox.transfer.ui;

import io.obitox.common.Messages;
import io.obitox.common.UserMessage;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.SseCKey;
import io.obitox.storage.S3Errors;
import io.obitox.transfer.SseCResume;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Issue 16: "Resume" (or "Retry") of an SSE-C upload whose key this process does not hold (started before a restart,
 * or failed with {@code SSE_C_KEY_NEEDED}) asks for the key file, reads it in the background and resumes only with the
 * key the upload started with; another key is refused with {@code SSE_C_KEY_MISMATCH} before anything is sent. The
 * key is held in memory by the engine, never stored. FX thread only; no {@code Node}s.
 */
public final class SseCKeyResume {
    /** Asks for the key file of an upload (a file chooser in the app, a fixed path in tests); empty when cancelled. */
    @FunctionalInterface
    public interface KeyFilePrompt {
        Optional<Path> ask(String fileName, String fingerprint);
    }

    private final SseCResume sseC;
    private final UiTasks tasks;
    private final Consumer<String> status;
    private final Runnable refresh;

    private final Messages messages;

    SseCKeyResume(SseCResume sseC, UiTasks tasks, Consumer<String> status, Runnable refresh, Messages messages) {
        this.sseC = sseC;
        this.messages = messages;
        this.tasks = tasks;
        this.status = status;
        this.refresh = refresh;
    }

    /** Resumes {@code row}: by {@code plain} when it needs no key (or this process holds it), else asking for it. */
    void resume(TransferRow row, Runnable plain, KeyFilePrompt prompt) {
        String name = row.snapshot().fileName();
        tasks.run(() -> sseC.keyNeeded(row.id()))
                .onSuccess(needed -> {
                    if (needed.isEmpty()) {
                        plain.run();
                        return;
                    }
                    String fingerprint = needed.get();
                    status.accept(messages.get("transfers.sseC.choose", name, fingerprint));
                    Optional<Path> file = prompt.ask(name, fingerprint);
                    if (file.isEmpty()) {
                        status.accept(messages.get("transfers.sseC.cancelled", name, fingerprint));
                        return;
                    }
                    resumeWith(row.id(), name, file.get());
                })
                .onError(e -> status.accept(notResumed(S3Errors.describe(e))))
                .start();
    }

    private void resumeWith(String id, String name, Path file) {
        status.accept(messages.get("transfers.sseC.checking", file.getFileName()));
        tasks.run(() -> {
                    SseCKey key = SseCKey.read(file);
                    sseC.resume(id, key);
                    return key.md5Base64();
                })
                .onSuccess(fingerprint -> {
                    status.accept(messages.get("transfers.sseC.resumed", name, fingerprint));
                    refresh.run();
                })
                .onError(e -> status.accept(notResumed(S3Errors.describe(e))))
                .start();
    }

    private String notResumed(UserMessage m) {
        return m.code() == null
                ? messages.get("transfers.sseC.notResumed", m.oneLine())
                : messages.get("transfers.sseC.notResumedCode", m.code(), m.oneLine());
    }
}
