package io.obitox.upload.ui;

import io.obitox.app.AppContext;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.ObjectSettingsDefaults;
import io.obitox.objects.ui.ObjectSettingsViewModel;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.sync.ConditionalWrites;
import io.obitox.sync.ConflictDefaults;
import io.obitox.sync.RemoteLister;
import io.obitox.sync.UploadIndex;
import io.obitox.sync.UploadPlanner;
import io.obitox.sync.UploadPlans;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.TestApp;
import java.time.Duration;

/**
 * The Upload view models as the app wires them (ViewFactory), on real services: H2 in a temp folder, the embedded
 * sandbox storage (the default profile), same-thread tasks and hand-fired timers, so no toolkit is needed.
 */
final class UploadVmRig implements AutoCloseable {
    final TestApp app;
    final ManualTimers timers = new ManualTimers();
    final UploadPlanViewModel plan;
    final UploadViewModel vm;

    UploadVmRig(String name) {
        app = TestApp.create(name);
        AppContext c = app.context();
        UiTasks tasks = new UiTasks(new DirectExecutorService(), Runnable::run);
        ProfileSelection selection = new ProfileSelection(c.profiles(), tasks);
        selection.set(c.profiles().list(), c.profiles().defaultProfile());
        UploadPlans plans = new UploadPlans(
                new UploadPlanner(
                        new UploadIndex(c.database()),
                        new RemoteLister(c.buckets(), c.clients()),
                        new ConditionalWrites(c.clients(), c.settings())),
                new RemoteLister(c.buckets(), c.clients()),
                c.transfers());
        plan = new UploadPlanViewModel(
                plans, new ConflictDefaults(c.settings()), c.profiles(), selection, tasks, timers);
        vm = new UploadViewModel(
                c.batchValidator(),
                c.validationPolicies(),
                c.transfers(),
                c.profiles(),
                c.buckets(),
                selection,
                tasks,
                plan,
                new ObjectSettingsViewModel(tasks, false, "for this batch only", io.obitox.common.Messages.english()),
                new ObjectSettingsDefaults(c.settings()));
    }

    /** Drains verdicts as the drain timer would, until the check has ended. */
    void checked() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            Thread.sleep(10);
            timers.tick();
        } while (vm.checkingProperty().get() && System.nanoTime() < end);
        if (vm.checkingProperty().get()) {
            throw new AssertionError(
                    "still checking after 30 s: " + vm.progressProperty().get());
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
