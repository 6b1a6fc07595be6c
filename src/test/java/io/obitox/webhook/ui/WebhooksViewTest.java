package io.obitox.webhook.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.testing.FxApp;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestSecrets;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.UploadRequest;
import io.obitox.webhook.Delivery;
import io.obitox.webhook.DeliveryState;
import io.obitox.webhook.WebhookEndpoint;
import io.obitox.webhook.WebhookService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class WebhooksViewTest {
    private TestApp app;
    private Stage stage;
    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", ex -> {
            received.add(ex.getRequestHeaders().getFirst("webhook-id"));
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/gone") ? 410 : 200, -1);
            ex.close();
        });
        receiver.start();
        app = TestApp.create("webhooks-view");
        FxApp.show(app, stage);
    }

    @AfterEach
    void close() {
        app.close();
        receiver.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    @Test
    void addsAnEndpointSendsATestEventAndShowsItDeliveredInTheLog(FxRobot robot) throws Exception {
        WebhookService service = app.context().webhooks();
        robot.clickOn("#nav-webhooks");
        robot.clickOn("#webhookUrlField").write(url("/hooks/obitox"));
        robot.clickOn("#saveEndpointButton");
        FxApp.waitUntil("the endpoint is listed", 10, () -> service.endpoints().size() == 1);
        WebhookEndpoint e = service.endpoints().get(0);
        TestSecrets.register(service.secret(e.id()).reveal());
        FxApp.waitUntil(
                "the row is shown and selected",
                10,
                () -> robot.lookup("#endpoint-" + e.id()).tryQuery().isPresent()
                        && robot.lookup("#toggleEndpointButton")
                                .queryButton()
                                .getText()
                                .equals("Disable"));

        robot.clickOn("#sendTestButton");
        FxApp.waitUntil("the receiver got the test event", 15, () -> received.size() == 1);
        String id = received.get(0);
        FxApp.waitUntil(
                "the log shows it delivered",
                15,
                () -> robot.lookup("#delivery-" + id).tryQuery().isPresent()
                        && robot.lookup("#deliveryTable")
                                        .<TableView<DeliveryRow>>query()
                                        .getItems()
                                        .get(0)
                                        .statusProperty()
                                        .get()
                                == DeliveryState.DELIVERED);
        assertThat(robot.lookup("#webhookStatus").queryAs(Label.class).getText())
                .contains("Test event sent");

        // a real upload adds an upload.completed row
        StorageProfile sandbox = app.context().profiles().defaultProfile().orElseThrow();
        Path file = app.dir().resolve("photo.jpg");
        Files.write(file, new byte[2048]);
        TransferService transfers = app.context().transfers();
        transfers.enqueue(List.of(
                new UploadRequest(file, TargetRef.profile(sandbox.id()), "sandbox", "photos/photo.jpg", "image/jpeg")));
        FxApp.waitUntil("the upload's event is delivered", 30, () -> received.size() == 2);
        FxApp.waitUntil(
                "the log shows both",
                10,
                () -> robot.lookup("#deliveryTable").<TableView<DeliveryRow>>query().getItems().stream()
                                .filter(r -> r.statusProperty().get() == DeliveryState.DELIVERED)
                                .count()
                        == 2);
        FxApp.screenshot(robot, stage, "webhooks");

        robot.clickOn("#copySecretButton");
        String[] clip = new String[1];
        FxApp.waitUntil("the secret is on the clipboard", 10, () -> {
            robot.interact(() -> clip[0] = Clipboard.getSystemClipboard().getString());
            return clip[0] != null && clip[0].startsWith("whsec_");
        });
        assertThat(clip[0]).isEqualTo(service.secret(e.id()).reveal());
    }

    @Test
    void aReceiverAnswering410IsShownDisabledAndReplayedAfterEnabling(FxRobot robot) throws Exception {
        WebhookService service = app.context().webhooks();
        WebhookService.Created gone = service.add(url("/gone"), null);
        TestSecrets.register(gone.secret().reveal());
        robot.clickOn("#nav-webhooks");
        FxApp.waitUntil(
                "the endpoint is listed",
                10,
                () -> robot.lookup("#endpoint-" + gone.endpoint().id())
                        .tryQuery()
                        .isPresent());
        robot.clickOn("#endpoint-" + gone.endpoint().id());
        robot.clickOn("#sendTestButton");
        FxApp.waitUntil(
                "the endpoint is disabled",
                15,
                () -> !service.endpoint(gone.endpoint().id()).enabled());
        Delivery d = service.log(1).get(0);
        FxApp.waitUntil(
                "the log shows it stopped",
                10,
                () -> robot.lookup("#delivery-" + d.id()).tryQuery().isPresent()
                        && service.delivery(d.id()).status() == DeliveryState.DISABLED);
        FxApp.waitUntil(
                "the table shows it disabled and the toggle offers Enable",
                10,
                () -> robot.lookup("#toggleEndpointButton")
                                .queryButton()
                                .getText()
                                .equals("Enable")
                        && robot.lookup("#endpointTable")
                                .<TableView<EndpointRow>>query()
                                .getItems()
                                .get(0)
                                .stateProperty()
                                .get()
                                .equals("Disabled (410 Gone)"));
        robot.clickOn("#newEndpointButton");
        assertThat(robot.lookup("#toggleEndpointButton").queryButton().isDisabled())
                .isTrue();
        robot.clickOn("#endpoint-" + gone.endpoint().id());
        FxApp.waitUntil(
                "the toggle offers Enable again",
                10,
                () -> robot.lookup("#toggleEndpointButton")
                        .queryButton()
                        .getText()
                        .equals("Enable"));
        FxApp.screenshot(robot, stage, "webhooks-disabled-410");

        service.edit(gone.endpoint().id(), url("/back"), null);
        robot.clickOn("#toggleEndpointButton");
        FxApp.waitUntil(
                "enabled", 10, () -> service.endpoint(gone.endpoint().id()).enabled());
        robot.clickOn("#delivery-" + d.id());
        robot.clickOn("#replayButton");
        FxApp.waitUntil(
                "replayed and delivered", 15, () -> service.delivery(d.id()).status() == DeliveryState.DELIVERED);
        assertThat(received).containsExactly(d.id(), d.id());
    }
}
