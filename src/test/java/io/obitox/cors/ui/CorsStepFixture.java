package io.obitox.cors.ui;

import io.obitox.app.AppContext;
import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.profile.StorageProfile;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestApp;

/**
 * One CORS step under test without a toolkit: real services (H2 in a temp dir, S3Proxy, which has global CORS only)
 * and same-thread tasks, so every command has finished when it returns.
 */
final class CorsStepFixture implements AutoCloseable {
    final S3ProxyServer server = S3ProxyServer.start();
    final TestApp app;
    final StorageProfile profile;
    final UiTasks tasks = new UiTasks(new DirectExecutorService(), Runnable::run);
    final Messages messages = Messages.english();
    final CorsWizardState state = new CorsWizardState();

    CorsStepFixture(String name) {
        server.createBucket("uploads");
        app = TestApp.create(name);
        profile = app.addProfile("CORS S3Proxy", server, "uploads");
    }

    AppContext ctx() {
        return app.context();
    }

    /** The state as the first step leaves it: profile, its target and the bucket chosen. */
    void chooseBucket(CorsWizardState.Mode mode) {
        state.modeProperty().set(mode);
        state.profileProperty().set(profile);
        state.targetProperty().set(ctx().profiles().target(profile));
        state.bucketProperty().set("uploads");
    }

    @Override
    public void close() {
        app.close();
        server.close();
    }
}
