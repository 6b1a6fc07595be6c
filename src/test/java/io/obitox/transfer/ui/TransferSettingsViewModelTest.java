package io.obitox.transfer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.testing.TestApp;
import io.obitox.transfer.TransferEngine;
import io.obitox.transfer.TransferSettings;
import io.obitox.transfer.TransferSettingsStore;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The transfer section of Settings, without a toolkit (same-thread executors). */
class TransferSettingsViewModelTest {

    @Test
    void savesValidSettingsToTheEngineAndTheStoreAndExplainsInvalidOnes() {
        try (TestApp app = TestApp.create("transfer-settings")) {
            TransferEngine engine = app.context().transfers().engine();
            TransferSettingsStore store =
                    new TransferSettingsStore(app.context().settings());
            TransferSettingsViewModel vm = new TransferSettingsViewModel(
                    engine, store, new UiTasks(new SameThread(), Runnable::run), Messages.english());
            assertThat(vm.partSizeMibProperty().get()).isEqualTo("16");

            vm.partSizeMibProperty().set("3");
            vm.save();
            assertThat(vm.errorProperty().get()).isTrue();
            assertThat(vm.statusProperty().get()).contains("5 MiB");
            assertThat(engine.settings().partSize()).isEqualTo(16L << 20);

            vm.partSizeMibProperty().set("32");
            vm.concurrencyProperty().set("4");
            vm.bandwidthMibProperty().set("2.5");
            vm.autoResumeProperty().set(false);
            vm.save();
            assertThat(vm.errorProperty().get()).isFalse();
            TransferSettings saved = store.load();
            assertThat(List.of(engine.settings(), saved)).allSatisfy(s -> {
                assertThat(s.partSize()).isEqualTo(32L << 20);
                assertThat(s.concurrency()).isEqualTo(4);
                assertThat(s.bandwidthLimit()).isEqualTo((long) (2.5 * 1024 * 1024));
                assertThat(s.autoResume()).isFalse();
            });

            vm.concurrencyProperty().set("many");
            vm.save();
            assertThat(vm.statusProperty().get()).contains("whole number");
        }
    }

    private static final class SameThread extends AbstractExecutorService {
        @Override
        public void execute(Runnable r) {
            r.run();
        }

        @Override
        public void shutdown() {}

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long t, TimeUnit u) {
            return true;
        }
    }
}
