package io.obitox.webhook.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.Columns;
import io.obitox.webhook.DeliveryState;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.util.StringConverter;

/** The Webhooks view: binds {@link WebhooksViewModel}; the only logic here is the clipboard and a confirmation. */
public final class WebhooksView {
    private final WebhooksViewModel vm;

    @FXML
    private BorderPane root;

    @FXML
    private TableView<EndpointRow> endpointTable;

    @FXML
    private TableColumn<EndpointRow, String> urlColumn;

    @FXML
    private TableColumn<EndpointRow, String> eventsColumn;

    @FXML
    private TableColumn<EndpointRow, String> stateColumn;

    @FXML
    private Button toggleButton;

    @FXML
    private Button testButton;

    @FXML
    private Button copyButton;

    @FXML
    private Button rotateButton;

    @FXML
    private Button removeButton;

    @FXML
    private Label formTitle;

    @FXML
    private TextField urlField;

    @FXML
    private CheckBox completedBox;

    @FXML
    private CheckBox failedBox;

    @FXML
    private Button saveButton;

    @FXML
    private ChoiceBox<ReplaySince> sinceBox;

    @FXML
    private TableView<DeliveryRow> logTable;

    @FXML
    private TableColumn<DeliveryRow, String> createdColumn;

    @FXML
    private TableColumn<DeliveryRow, String> eventColumn;

    @FXML
    private TableColumn<DeliveryRow, String> endpointColumn;

    @FXML
    private TableColumn<DeliveryRow, DeliveryState> statusColumn;

    @FXML
    private TableColumn<DeliveryRow, String> attemptsColumn;

    @FXML
    private TableColumn<DeliveryRow, String> responseColumn;

    @FXML
    private TableColumn<DeliveryRow, String> nextColumn;

    @FXML
    private TableColumn<DeliveryRow, String> errorColumn;

    @FXML
    private Label status;

    private final Messages messages;

    public WebhooksView(WebhooksViewModel vm, Messages messages) {
        this.vm = vm;
        this.messages = messages;
    }

    @FXML
    private void initialize() {
        endpointTable.setItems(vm.endpoints());
        Columns.placeholder(endpointTable, messages.get("webhooks.noEndpoints"));
        Columns.follow(urlColumn, EndpointRow::urlProperty);
        Columns.follow(eventsColumn, EndpointRow::eventsProperty);
        Columns.follow(stateColumn, EndpointRow::stateProperty);
        Columns.withTooltips(stateColumn);
        Columns.withTooltips(urlColumn);
        endpointTable.setRowFactory(t -> {
            TableRow<EndpointRow> row = new TableRow<>();
            row.itemProperty().addListener((o, a, item) -> row.setId(item == null ? null : "endpoint-" + item.id()));
            return row;
        });
        endpointTable.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != vm.selectedEndpointProperty().get()) {
                vm.selectedEndpointProperty().set(row);
            }
        });
        vm.selectedEndpointProperty().addListener((o, a, row) -> {
            if (row == null) {
                endpointTable.getSelectionModel().clearSelection();
            } else if (endpointTable.getSelectionModel().getSelectedItem() != row) {
                endpointTable.getSelectionModel().select(row);
            }
        });
        for (Button b : new Button[] {toggleButton, testButton, copyButton, rotateButton, removeButton}) {
            b.disableProperty().bind(vm.hasEndpointProperty().not().or(vm.busyProperty()));
        }
        toggleButton.textProperty().bind(vm.toggleLabelProperty());
        formTitle
                .textProperty()
                .bind(Bindings.when(vm.hasEndpointProperty())
                        .then(messages.get("webhooks.editEndpoint"))
                        .otherwise(messages.get("webhooks.formTitle")));
        saveButton
                .textProperty()
                .bind(Bindings.when(vm.hasEndpointProperty())
                        .then(messages.get("webhooks.save"))
                        .otherwise(messages.get("webhooks.saveButton")));
        saveButton.disableProperty().bind(vm.busyProperty());
        urlField.textProperty().bindBidirectional(vm.urlProperty());
        completedBox.selectedProperty().bindBidirectional(vm.completedEventsProperty());
        failedBox.selectedProperty().bindBidirectional(vm.failedEventsProperty());

        sinceBox.getItems().setAll(ReplaySince.values());
        sinceBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(ReplaySince s) {
                return s == null ? "" : messages.get(s.key());
            }

            @Override
            public ReplaySince fromString(String text) {
                return null; // not editable
            }
        });
        sinceBox.valueProperty().bindBidirectional(vm.replaySinceProperty());
        logTable.setItems(vm.deliveries());
        Columns.placeholder(logTable, messages.get("webhooks.noDeliveries"));
        Columns.follow(createdColumn, DeliveryRow::createdProperty);
        Columns.follow(eventColumn, DeliveryRow::eventProperty);
        Columns.follow(endpointColumn, DeliveryRow::endpointProperty);
        Columns.withTooltipsCutInTheMiddle(endpointColumn);
        Columns.follow(statusColumn, DeliveryRow::statusProperty);
        Columns.styled(statusColumn, this::label, s -> switch (s) {
            case DELIVERED -> "success";
            case DEAD, DISABLED -> "danger";
            default -> null;
        });
        Columns.follow(attemptsColumn, DeliveryRow::attemptsProperty);
        Columns.follow(responseColumn, DeliveryRow::responseProperty);
        Columns.follow(nextColumn, DeliveryRow::nextProperty);
        Columns.follow(errorColumn, DeliveryRow::errorProperty);
        Columns.withTooltips(errorColumn);
        logTable.setRowFactory(t -> {
            TableRow<DeliveryRow> row = new TableRow<>();
            row.itemProperty().addListener((o, a, item) -> row.setId(item == null ? null : "delivery-" + item.id()));
            return row;
        });
        logTable.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, a, row) -> vm.selectedDeliveryProperty().set(row));

        status.textProperty().bind(vm.statusProperty());
        vm.statusIsErrorProperty().addListener((o, a, isError) -> {
            status.getStyleClass().remove("danger");
            if (isError) {
                status.getStyleClass().add("danger");
            }
        });
        root.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                vm.start();
            } else {
                vm.stop();
            }
        });
        vm.start();
    }

    /** A table's placeholder that wraps rather than cuts a sentence that is longer in another language. */
    private String label(DeliveryState s) {
        return messages.get(
                switch (s) {
                    case PENDING -> "webhooks.delivery.pending";
                    case IN_FLIGHT -> "webhooks.delivery.inFlight";
                    case DELIVERED -> "webhooks.delivery.delivered";
                    case DEAD -> "webhooks.delivery.dead";
                    case DISABLED -> "webhooks.delivery.disabled";
                });
    }

    private void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    @FXML
    private void save() {
        vm.save();
    }

    @FXML
    private void newEndpoint() {
        vm.newEndpoint();
    }

    @FXML
    private void toggleEnabled() {
        vm.toggleEnabled();
    }

    @FXML
    private void sendTest() {
        vm.sendTest();
    }

    @FXML
    private void copySecret() {
        vm.copySecret(this::copy);
    }

    @FXML
    private void rotateSecret() {
        vm.rotateSecret(this::copy);
    }

    @FXML
    private void remove() {
        EndpointRow row = vm.selectedEndpointProperty().get();
        if (row == null) {
            return;
        }
        Alert confirm = new Alert(
                Alert.AlertType.CONFIRMATION,
                messages.get("webhooks.confirmRemove", row.endpoint().url()),
                ButtonType.OK,
                ButtonType.CANCEL);
        confirm.setHeaderText(null);
        confirm.initOwner(root.getScene().getWindow());
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(b -> vm.remove());
    }

    @FXML
    private void replaySelected() {
        vm.replaySelected();
    }

    @FXML
    private void replayFailed() {
        vm.replayFailed();
    }
}
