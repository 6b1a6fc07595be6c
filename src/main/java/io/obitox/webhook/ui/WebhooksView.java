package io.obitox.webhook.ui;

import io.obitox.common.Messages;
import io.obitox.webhook.DeliveryState;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
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
        endpointTable.setPlaceholder(wrapping(messages.get("webhooks.noEndpoints")));
        urlColumn.setCellValueFactory(c -> c.getValue().urlProperty());
        eventsColumn.setCellValueFactory(c -> c.getValue().eventsProperty());
        stateColumn.setCellValueFactory(c -> c.getValue().stateProperty());
        stateColumn.setCellFactory(c -> new TextCell<>());
        urlColumn.setCellFactory(c -> new TextCell<>());
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
        logTable.setPlaceholder(wrapping(messages.get("webhooks.noDeliveries")));
        createdColumn.setCellValueFactory(c -> c.getValue().createdProperty());
        eventColumn.setCellValueFactory(c -> c.getValue().eventProperty());
        endpointColumn.setCellValueFactory(c -> c.getValue().endpointProperty());
        statusColumn.setCellValueFactory(c -> c.getValue().statusProperty());
        statusColumn.setCellFactory(c -> new StatusCell());
        attemptsColumn.setCellValueFactory(c -> c.getValue().attemptsProperty());
        responseColumn.setCellValueFactory(c -> c.getValue().responseProperty());
        nextColumn.setCellValueFactory(c -> c.getValue().nextProperty());
        errorColumn.setCellValueFactory(c -> c.getValue().errorProperty());
        errorColumn.setCellFactory(c -> new TextCell<>());
        endpointColumn.setCellFactory(c -> {
            TextCell<DeliveryRow> cell = new TextCell<>();
            cell.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS); // a URL's host and its last path segment matter most
            return cell;
        });
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
    private static Label wrapping(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        return l;
    }

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

    /** Text with the whole text as a tooltip, for columns that cut long values short. */
    private static final class TextCell<S> extends TableCell<S, String> {
        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
        }
    }

    private final class StatusCell extends TableCell<DeliveryRow, DeliveryState> {
        @Override
        protected void updateItem(DeliveryState s, boolean empty) {
            super.updateItem(s, empty);
            getStyleClass().removeAll("success", "danger", "warning");
            if (empty || s == null) {
                setText(null);
                return;
            }
            setText(label(s));
            switch (s) {
                case DELIVERED -> getStyleClass().add("success");
                case DEAD, DISABLED -> getStyleClass().add("danger");
                default -> {}
            }
        }
    }
}
