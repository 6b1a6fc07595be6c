package io.obitox.transfer.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.Columns;
import io.obitox.transfer.TransferState;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The Transfers view: a table bound to {@link TransfersViewModel}'s current page of rows, the totals of the whole
 * queue above it and the pager beside them; per-row buttons and one context menu for the selected row. Rows are
 * of one fixed height (style class {@code fixed-rows}), so showing a page never measures its cells. Keyboard: Space pauses/resumes,
 * Delete cancels the selected transfer, Ctrl+Page Down / Ctrl+Page Up turn the page.
 */
public final class TransfersView {
    private final TransfersViewModel vm;

    @FXML
    private BorderPane root;

    @FXML
    private TextField limitField;

    @FXML
    private Label totals;

    @FXML
    private TableView<TransferRow> table;

    @FXML
    private TableColumn<TransferRow, String> nameColumn;

    @FXML
    private TableColumn<TransferRow, String> directionColumn;

    @FXML
    private TableColumn<TransferRow, String> sizeColumn;

    @FXML
    private TableColumn<TransferRow, Number> progressColumn;

    @FXML
    private TableColumn<TransferRow, String> speedColumn;

    @FXML
    private TableColumn<TransferRow, String> etaColumn;

    @FXML
    private TableColumn<TransferRow, TransferState> stateColumn;

    @FXML
    private TableColumn<TransferRow, TransferState> actionsColumn;

    @FXML
    private TableColumn<TransferRow, String> messageColumn;

    @FXML
    private Label status;

    @FXML
    private Label pageInfo;

    @FXML
    private Button previousPage;

    @FXML
    private Button nextPage;

    @FXML
    private ComboBox<StateFilter> stateFilter;

    private final Messages messages;

    public TransfersView(TransfersViewModel vm, KeyFileDialog keyFileDialog, Messages messages) {
        this.vm = vm;
        this.messages = messages;
        vm.useKeyFilePrompt((fileName, fingerprint) -> keyFileDialog.ask(
                table.getScene() == null ? null : table.getScene().getWindow(), fileName, fingerprint));
    }

    @FXML
    private void initialize() {
        // a page's rows reach a table that has no cells yet a few per pulse (StepwiseRows): the first page of a full
        // queue made all its rows' cells in one pulse
        StepwiseRows<TransferRow> stepwise = new StepwiseRows<>(vm.shownRows(), table, TransferRow.warmUp(messages));
        table.setItems(stepwise.shown());
        stateFilter.getItems().setAll(StateFilter.values());
        stateFilter.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(StateFilter f) {
                return f == null ? "" : messages.get(f.key());
            }

            @Override
            public StateFilter fromString(String s) {
                return java.util.Arrays.stream(StateFilter.values())
                        .filter(f -> toString(f).equals(s))
                        .findFirst()
                        .orElse(null);
            }
        });
        stateFilter.valueProperty().bindBidirectional(vm.filterProperty());
        table.setPlaceholder(new Label(messages.get("transfers.none")));
        Columns.follow(directionColumn, TransferRow::directionProperty);
        Columns.withTooltips(
                directionColumn, arrow -> messages.get("↓".equals(arrow) ? "transfers.download" : "transfers.upload"));
        Columns.follow(nameColumn, TransferRow::nameProperty);
        Columns.follow(sizeColumn, TransferRow::sizeProperty);
        Columns.follow(progressColumn, TransferRow::progressProperty);
        progressColumn.setCellFactory(c -> new ProgressCell(messages.get("transfers.notSent")));
        Columns.follow(speedColumn, TransferRow::speedProperty);
        Columns.follow(etaColumn, TransferRow::etaProperty);
        Columns.follow(stateColumn, TransferRow::stateProperty);
        stateColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(TransferState state, boolean empty) {
                super.updateItem(state, empty);
                TransferRow row = getTableRow() == null ? null : getTableRow().getItem();
                boolean down =
                        row != null && row.snapshot().direction() == io.obitox.transfer.TransferDirection.DOWNLOAD;
                setText(
                        empty || state == null
                                ? null
                                : down && state == TransferState.RUNNING
                                        ? messages.get("transfers.state.downloading")
                                        : label(state));
                // muted like the Upload view's "identical (skip)": nothing went wrong and nothing is left to do
                getStyleClass().remove("state-skipped");
                if (!empty && state == TransferState.SKIPPED) {
                    getStyleClass().add("state-skipped");
                }
            }
        });
        Columns.follow(actionsColumn, TransferRow::stateProperty);
        actionsColumn.setCellFactory(c -> new ActionsCell());
        Columns.follow(messageColumn, TransferRow::messageProperty);
        Columns.withTooltips(messageColumn);
        table.setRowFactory(t -> {
            TableRow<TransferRow> row = new TableRow<>();
            row.itemProperty().addListener((o, a, item) -> {
                row.setId(item == null ? null : "transfer-" + item.id());
                row.setOpacity(stepwise.isWarmUp(item) ? 0 : 1); // the table's hidden first row
            });
            return row;
        });
        // one menu for the whole table, acting on the selected row (a right click selects its row first): the rows
        // are recycled as pages turn, and a menu per row cost a ContextMenu and three MenuItems each on first show
        table.setContextMenu(selectedRowMenu());
        table.setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.PAGE_DOWN) {
                vm.nextPage();
                e.consume();
                return;
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.PAGE_UP) {
                vm.previousPage();
                e.consume();
                return;
            }
            TransferRow selected = table.getSelectionModel().getSelectedItem();
            if (selected == null) {
                return;
            }
            if (selected.stateProperty().get() != null
                    && selected.stateProperty().get().isFinal()) {
                return; // done, skipped or cancelled: nothing to pause, resume or cancel
            }
            if (e.getCode() == KeyCode.SPACE) {
                if (selected.stateProperty().get() == TransferState.RUNNING
                        || selected.stateProperty().get() == TransferState.QUEUED) {
                    vm.pause(selected);
                } else {
                    vm.resume(selected);
                }
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE) {
                vm.cancel(selected);
                e.consume();
            }
        });
        totals.textProperty().bind(vm.totalsProperty());
        pageInfo.textProperty().bind(vm.pageInfoProperty());
        previousPage.disableProperty().bind(vm.hasPreviousProperty().not());
        nextPage.disableProperty().bind(vm.hasNextProperty().not());
        previousPage.setTooltip(new Tooltip(messages.get("transfers.previousTooltip", TransfersViewModel.PAGE_SIZE)));
        nextPage.setTooltip(new Tooltip(messages.get("transfers.nextTooltip", TransfersViewModel.PAGE_SIZE)));
        status.textProperty().bind(vm.statusProperty());
        limitField.textProperty().bindBidirectional(vm.bandwidthLimitProperty());
        limitField.setOnAction(e -> vm.applyBandwidthLimit());
        root.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                vm.start();
            } else {
                vm.stop();
            }
        });
        vm.start();
    }

    private String label(TransferState state) {
        return messages.get("transfers.state." + state.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** FX thread: the table's context menu; its items are off while no transfer is selected. */
    private ContextMenu selectedRowMenu() {
        MenuItem copyKey = new MenuItem(messages.get("transfers.copyKey"));
        copyKey.setOnAction(e -> withSelected(row -> copy(row.snapshot().key())));
        MenuItem token = new MenuItem(messages.get("transfers.copyToken"));
        token.setOnAction(e -> withSelected(row -> vm.exportToken(row, this::copy)));
        MenuItem cancel = new MenuItem(messages.get("transfers.cancel"));
        cancel.setOnAction(e -> withSelected(vm::cancel));
        ContextMenu menu = new ContextMenu(copyKey, token, cancel);
        menu.setOnShowing(e -> {
            TransferRow row = table.getSelectionModel().getSelectedItem();
            boolean none = row == null;
            menu.getItems().forEach(i -> i.setDisable(none));
            // a skipped file was never sent: there is no upload to resume elsewhere and nothing to cancel
            boolean skipped = !none && row.stateProperty().get() == TransferState.SKIPPED;
            token.setDisable(none || skipped);
            cancel.setDisable(none || skipped);
        });
        return menu;
    }

    private void withSelected(java.util.function.Consumer<TransferRow> action) {
        TransferRow selected = table.getSelectionModel().getSelectedItem();
        if (selected != null) {
            action.accept(selected);
        }
    }

    private void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    @FXML
    private void applyLimit() {
        vm.applyBandwidthLimit();
    }

    @FXML
    private void pauseAll() {
        vm.pauseAll();
    }

    @FXML
    private void resumeAll() {
        vm.resumeAll();
    }

    @FXML
    private void cancelAll() {
        vm.cancelAll();
    }

    @FXML
    private void previousPage() {
        vm.previousPage();
    }

    @FXML
    private void nextPage() {
        vm.nextPage();
    }

    @FXML
    private void clearFinished() {
        vm.clearFinished();
    }

    /** A bar and a percentage; a skipped transfer sent nothing, so it shows words instead of a full bar. */
    private static final class ProgressCell extends TableCell<TransferRow, Number> {
        private final ProgressBar bar = new ProgressBar(0);
        private final Label pct = new Label();
        private final HBox box = new HBox(6, bar, pct);
        private final Label notSent;

        ProgressCell(String notSentText) {
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            bar.setPrefWidth(100);
            pct.setMinWidth(40);
            notSent = new Label(notSentText);
            notSent.getStyleClass().addAll("text-muted", "not-sent");
        }

        @Override
        protected void updateItem(Number value, boolean empty) {
            super.updateItem(value, empty);
            if (empty || value == null) {
                setGraphic(null);
                return;
            }
            TransferRow row = getTableRow() == null ? null : getTableRow().getItem();
            if (row != null && row.stateProperty().get() == TransferState.SKIPPED) {
                setGraphic(notSent); // a skipped row never changes state again, so its progress never updates this
                return;
            }
            bar.setProgress(value.doubleValue());
            pct.setText(Math.round(value.doubleValue() * 100) + "%");
            setGraphic(box);
        }
    }

    private final class ActionsCell extends TableCell<TransferRow, TransferState> {
        private final Button pause = new Button(messages.get("transfers.pause"));
        private final Button resume = new Button(messages.get("transfers.resume"));
        private final Button retry = new Button(messages.get("transfers.retry"));
        private final Button cancel = new Button(messages.get("transfers.cancel"));
        private final HBox box = new HBox(4);

        ActionsCell() {
            for (Button b : new Button[] {pause, resume, retry, cancel}) {
                b.getStyleClass().add("small");
                b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            pause.setOnAction(e -> vm.pause(getTableRow().getItem()));
            resume.setOnAction(e -> vm.resume(getTableRow().getItem()));
            retry.setOnAction(e -> vm.resume(getTableRow().getItem()));
            cancel.setOnAction(e -> vm.cancel(getTableRow().getItem()));
        }

        @Override
        protected void updateItem(TransferState state, boolean empty) {
            super.updateItem(state, empty);
            if (empty || state == null) {
                setGraphic(null);
                return;
            }
            List<Button> wanted = switch (state) {
                case RUNNING, QUEUED -> List.of(pause, cancel);
                case PAUSED -> List.of(resume, cancel);
                case FAILED -> List.of(retry, cancel);
                default -> List.of();
            };
            // a node taken out of the window and put back has its styles matched again from scratch (with its
            // children): every update used to take the row's buttons out and put them back; now only when they change
            if (!box.getChildren().equals(wanted)) {
                box.getChildren().setAll(wanted);
            }
            pause.setId("pause-" + getTableRow().getItem().id());
            resume.setId("resume-" + getTableRow().getItem().id());
            retry.setId("retry-" + getTableRow().getItem().id());
            cancel.setId("cancel-" + getTableRow().getItem().id());
            setGraphic(box);
        }
    }
}
