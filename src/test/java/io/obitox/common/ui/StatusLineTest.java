package io.obitox.common.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.DirectExecutorService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** No FX toolkit: the background runs on a queue this test drains, callbacks run in place. */
class StatusLineTest {
    private final List<Runnable> background = new ArrayList<>();
    private final Executor queued = background::add;
    private final StatusLine line = new StatusLine(this, e -> "Failed: " + e.getMessage());

    @Test
    void showAndFailSetTheMessageAndWhetherItIsAnError() {
        line.fail("No bucket.");
        assertThat(line.messageProperty().get()).isEqualTo("No bucket.");
        assertThat(line.errorProperty().get()).isTrue();
        line.show("3 listed.");
        assertThat(line.messageProperty().get()).isEqualTo("3 listed.");
        assertThat(line.errorProperty().get()).isFalse();
    }

    @Test
    void aToneColoursTheLineAndOnlyErrorIsAFailure() {
        line.show(StatusLine.Tone.SUCCESS, "Saved.");
        assertThat(line.toneProperty().get()).isEqualTo(StatusLine.Tone.SUCCESS);
        assertThat(line.isError()).isFalse();
        line.report(true, "Not saved.");
        assertThat(line.tone()).isEqualTo(StatusLine.Tone.ERROR);
        assertThat(line.isError()).isTrue();
        line.show("Plain.");
        assertThat(line.tone()).isEqualTo(StatusLine.Tone.NONE);
        assertThat(line.message()).isEqualTo("Plain.");
    }

    @Test
    void aTrackedTaskIsBusyWhileItRunsAndDescribesItsFailure() {
        UiTasks tasks = new UiTasks(queued, Runnable::run);
        tasks.run(() -> {
                    throw new IllegalStateException("disk full");
                })
                .tracking(line)
                .start();
        assertThat(line.isBusy()).isTrue();
        background.remove(0).run();
        assertThat(line.isBusy()).isFalse();
        assertThat(line.messageProperty().get()).isEqualTo("Failed: disk full");
        assertThat(line.errorProperty().get()).isTrue();
    }

    @Test
    void aTrackedTaskThatSucceedsLeavesTheMessageToItsCallback() {
        UiTasks tasks = new UiTasks(new DirectExecutorService(), Runnable::run);
        tasks.run(() -> 3)
                .tracking(line)
                .onSuccess(n -> line.show(n + " listed."))
                .start();
        assertThat(line.isBusy()).isFalse();
        assertThat(line.messageProperty().get()).isEqualTo("3 listed.");
        assertThat(line.errorProperty().get()).isFalse();
    }
}
