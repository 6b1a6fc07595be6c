package io.obitox.webhook.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.testing.DirectExecutorService;
import io.obitox.testing.TestApp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Webhooks view model without a toolkit: same-thread tasks and the real webhook service in H2 (the receiver's
 * port is closed: deliveries are queued and logged, none arrives). Commands follow the selection; refusals and
 * failures are errors on the status line.
 */
class WebhooksViewModelTest {
    private static final String URL = "http://127.0.0.1:9/hooks/obitox";

    private TestApp app;
    private WebhooksViewModel vm;

    @BeforeEach
    void setUp() {
        app = TestApp.create("webhooks-vm");
        vm = new WebhooksViewModel(
                app.context().webhooks(),
                new UiTasks(new DirectExecutorService(), Runnable::run),
                app.context().clock(),
                Messages.english());
    }

    @AfterEach
    void tearDown() {
        vm.stop();
        app.close();
    }

    private EndpointRow added() {
        vm.urlProperty().set(URL);
        vm.save();
        return vm.selectedEndpointProperty().get();
    }

    @Test
    void anEndpointNeedsAnEvent() {
        vm.urlProperty().set(URL);
        vm.completedEventsProperty().set(false);
        vm.failedEventsProperty().set(false);
        vm.save();
        assertThat(vm.statusIsErrorProperty().get()).isTrue();
        assertThat(vm.statusProperty().get())
                .isEqualTo("Choose at least one event: upload.completed, upload.failed or both.");
        assertThat(vm.endpoints()).isEmpty();
    }

    @Test
    void anAddedEndpointIsSelectedAndItsCommandsApply() {
        assertThat(vm.hasEndpointProperty().get()).isFalse();

        EndpointRow row = added();

        assertThat(row).isNotNull();
        assertThat(vm.endpoints()).singleElement().isSameAs(row);
        assertThat(vm.hasEndpointProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).startsWith("Endpoint added.");
        assertThat(vm.statusIsErrorProperty().get()).isFalse();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.toggleLabelProperty().get()).isEqualTo("Disable");

        vm.newEndpoint();
        assertThat(vm.hasEndpointProperty().get()).isFalse();
        assertThat(vm.urlProperty().get()).isEmpty();
        assertThat(vm.completedEventsProperty().get()).isTrue();
    }

    @Test
    void disablingRelabelsTheToggleAndEditingSavesTheEvents() {
        EndpointRow row = added();

        vm.toggleEnabled();
        assertThat(vm.statusProperty().get()).isEqualTo("Disabled; no new events are queued for it.");
        assertThat(vm.toggleLabelProperty().get()).isEqualTo("Enable");
        assertThat(vm.selectedEndpointProperty().get().endpoint().enabled()).isFalse();

        vm.failedEventsProperty().set(false);
        vm.save();
        assertThat(vm.statusProperty().get()).startsWith("Saved.");
        assertThat(vm.endpoints())
                .singleElement()
                .satisfies(r -> assertThat(r.id()).isEqualTo(row.id()));
        assertThat(vm.selectedEndpointProperty().get().endpoint().events()).hasSize(1);
    }

    @Test
    void aTestEventIsLoggedAndReplayNeedsASelection() {
        added();

        vm.sendTest();
        assertThat(vm.statusProperty().get()).startsWith("Test event sent to " + URL);
        vm.refreshLog();
        assertThat(vm.deliveries()).isNotEmpty();

        vm.selectedDeliveryProperty().set(null);
        vm.replaySelected();
        assertThat(vm.statusProperty().get()).isEqualTo("Select a delivery in the log first.");
    }

    @Test
    void secretsAreHandedOverNeverKeptAndRemovingClearsTheSelection() {
        added();
        List<String> secrets = new ArrayList<>();

        vm.copySecret(secrets::add);
        vm.rotateSecret(secrets::add);

        assertThat(secrets).hasSize(2).doesNotContainNull();
        assertThat(secrets.get(1)).isNotEqualTo(secrets.get(0));

        vm.remove();
        assertThat(vm.endpoints()).isEmpty();
        assertThat(vm.hasEndpointProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo("Removed " + URL + " and its deliveries.");
    }
}
