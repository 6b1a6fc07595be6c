package io.obitox.storage.ui;

import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.common.ui.Columns;
import io.obitox.storage.BucketInfo;
import io.obitox.storage.ObjectDetails;
import io.obitox.storage.ObjectEntry;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The bucket browser view; logic lives in {@link BucketsViewModel}. Keys: Enter opens a folder, Backspace goes up,
 * Delete deletes (after a confirmation with count and size), Ctrl+D downloads the selection, Ctrl+F goes to the
 * filter, F5 refreshes, Esc stops.
 */
public final class BucketsView {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private final BucketsViewModel vm;
    private final DownloadDialog downloadDialog;

    @FXML
    private BorderPane root;

    @FXML
    private TextField newBucketField;

    @FXML
    private Button createButton;

    @FXML
    private Button refreshButton;

    @FXML
    private Button cancelButton;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private ListView<BucketInfo> bucketList;

    @FXML
    private Button upButton;

    @FXML
    private Label pathLabel;

    @FXML
    private TableView<ObjectEntry> objects;

    @FXML
    private TableColumn<ObjectEntry, String> nameColumn;

    @FXML
    private TableColumn<ObjectEntry, Long> sizeColumn;

    @FXML
    private TableColumn<ObjectEntry, String> dateColumn;

    @FXML
    private Button moreButton;

    @FXML
    private Button corsButton;

    @FXML
    private Button checkCorsButton;

    @FXML
    private Button shareButton;

    @FXML
    private Label status;

    @FXML
    private TextField filterField;

    @FXML
    private Button searchButton;

    @FXML
    private Button downloadButton;

    @FXML
    private Button deleteButton;

    @FXML
    private Button detailsButton;

    @FXML
    private SplitPane objectsSplit;

    @FXML
    private VBox detailsPane;

    @FXML
    private Label detailsSummary;

    @FXML
    private GridPane detailsGrid;

    @FXML
    private Button copyKeyButton;

    @FXML
    private Button copyUriButton;

    @FXML
    private Button copyUrlButton;

    private final Messages messages;

    /** The two dialogs are the platform's choosers of the download dialog's folder and key file (SSE-C). */
    public BucketsView(
            BucketsViewModel vm, DownloadFolderDialog folders, DownloadKeyFileDialog keys, Messages messages) {
        this.vm = vm;
        this.messages = messages;
        this.downloadDialog = new DownloadDialog(vm.downloads().dialog(), folders, keys, messages);
    }

    @FXML
    private void initialize() {
        bucketList.setItems(vm.buckets());
        bucketList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(BucketInfo b, boolean empty) {
                super.updateItem(b, empty);
                setText(empty || b == null ? null : b.name());
            }
        });
        bucketList.setPlaceholder(new Label(messages.get("buckets.noBuckets")));
        bucketList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(vm.bucketProperty().get())) {
                vm.bucketProperty().set(b);
            }
        });
        vm.bucketProperty().addListener((o, a, b) -> {
            if (b == null) {
                bucketList.getSelectionModel().clearSelection();
            } else {
                bucketList.getSelectionModel().select(b);
            }
        });
        SortedList<ObjectEntry> sorted = new SortedList<>(vm.filter().visibleEntries());
        sorted.comparatorProperty().bind(objects.comparatorProperty());
        objects.setItems(sorted);
        objects.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Label placeholder = new Label();
        placeholder.textProperty().bind(vm.placeholderProperty());
        objects.setPlaceholder(placeholder);
        Columns.read(nameColumn, e -> e.name(vm.prefixProperty().get()));
        // sorted by the number of bytes, shown as KiB/MiB (folders are -1: they sort first)
        Columns.read(sizeColumn, ObjectEntry::size);
        sizeColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long size, boolean empty) {
                super.updateItem(size, empty);
                setText(empty || size == null || size < 0 ? "" : Sizes.bytes(size));
            }
        });
        Columns.read(dateColumn, e -> e.lastModified() == null ? "" : DATE.format(e.lastModified()));
        objects.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                vm.open(objects.getSelectionModel().getSelectedItem());
            }
        });
        objects.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                vm.open(objects.getSelectionModel().getSelectedItem());
            } else if (e.getCode() == KeyCode.BACK_SPACE) {
                vm.up();
            } else if (e.getCode() == KeyCode.DELETE) {
                deleteSelected();
            }
        });
        KeyCombination find = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
        KeyCombination download = new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN);
        root.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.F5) {
                vm.refresh();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                vm.cancel();
            } else if (find.match(e)) {
                filterField.requestFocus();
                filterField.selectAll();
            } else if (download.match(e) && !objects.getSelectionModel().isEmpty()) {
                // not a menu accelerator: those stay on the scene, and this view leaves the scene when another shows
                downloadSelected();
                e.consume();
            }
        });
        new ObjectTableActions(
                        objects,
                        root,
                        vm,
                        this::shareLinks,
                        this::downloadSelected,
                        this::deleteSelected,
                        this::showDetails,
                        messages)
                .install();
        installDetails();
        new LoadOnScroll(objects, vm.hasMoreProperty(), vm.busyProperty(), vm::loadMore).install();
        filterField.textProperty().bindBidirectional(vm.filter().filterProperty());
        filterField.setOnAction(e -> vm.searchFromHere());
        searchButton.disableProperty().bind(vm.bucketProperty().isNull());
        downloadButton
                .disableProperty()
                .bind(Bindings.isEmpty(objects.getSelectionModel().getSelectedItems()));
        deleteButton
                .disableProperty()
                .bind(Bindings.isEmpty(objects.getSelectionModel().getSelectedItems())
                        .or(vm.busyProperty()));
        detailsButton
                .disableProperty()
                .bind(objects.getSelectionModel().selectedItemProperty().isNull());
        pathLabel
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> vm.bucketProperty().get() == null
                                ? ""
                                : "s3://" + vm.bucketProperty().get().name() + "/"
                                        + vm.prefixProperty().get(),
                        vm.bucketProperty(),
                        vm.prefixProperty()));
        upButton.disableProperty().bind(vm.prefixProperty().isEmpty());
        moreButton.visibleProperty().bind(vm.hasMoreProperty());
        corsButton.disableProperty().bind(vm.handOffs().corsAvailableProperty().not());
        checkCorsButton
                .disableProperty()
                .bind(vm.handOffs().corsAvailableProperty().not());
        shareButton
                .disableProperty()
                .bind(vm.handOffs()
                        .shareAvailableProperty()
                        .not()
                        .or(Bindings.isEmpty(objects.getSelectionModel().getSelectedItems())));
        newBucketField.textProperty().bindBidirectional(vm.newBucketNameProperty());
        newBucketField.setOnAction(e -> vm.createBucket());
        createButton.disableProperty().bind(vm.newBucketNameProperty().isEmpty().or(vm.busyProperty()));
        refreshButton.disableProperty().bind(vm.busyProperty());
        cancelButton.visibleProperty().bind(vm.busyProperty());
        progress.visibleProperty().bind(vm.busyProperty());
        status.textProperty().bind(vm.statusProperty());
        vm.errorProperty().addListener((o, a, err) -> {
            status.getStyleClass().remove("danger");
            if (err) {
                status.getStyleClass().add("danger");
            }
        });
        if (vm.selection().getCurrent() != null) {
            vm.refreshBuckets();
        }
    }

    @FXML
    private void createBucket() {
        vm.createBucket();
    }

    @FXML
    private void refresh() {
        vm.refresh();
    }

    @FXML
    private void cancel() {
        vm.cancel();
    }

    @FXML
    private void up() {
        vm.up();
    }

    @FXML
    private void loadMore() {
        vm.loadMore();
    }

    @FXML
    private void openCors() {
        vm.handOffs().openCors(false);
    }

    @FXML
    private void checkCors() {
        vm.handOffs().openCors(true);
    }

    @FXML
    private void searchFromHere() {
        vm.searchFromHere();
    }

    /** The download dialog (folder, customer key), then the selection queued (the status line says how many). */
    @FXML
    private void downloadSelected() {
        List<ObjectEntry> selected = List.copyOf(objects.getSelectionModel().getSelectedItems());
        BucketInfo b = vm.bucketProperty().get();
        if (!selected.isEmpty() && b != null) {
            downloadDialog.show(
                    root.getScene() == null ? null : root.getScene().getWindow(),
                    selected.size(),
                    b.name(),
                    choice -> vm.downloads().download(selected, choice));
        }
    }

    @FXML
    private void deleteSelected() {
        vm.deleteSelected(List.copyOf(objects.getSelectionModel().getSelectedItems()));
    }

    @FXML
    private void showDetails() {
        vm.showDetails(objects.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void closeDetails() {
        vm.details().close();
    }

    @FXML
    private void copyKey() {
        copyDetail(ObjectDetails::key);
    }

    @FXML
    private void copyUri() {
        copyDetail(ObjectDetails::s3Uri);
    }

    @FXML
    private void copyUrl() {
        copyDetail(ObjectDetails::url);
    }

    private void copyDetail(java.util.function.Function<ObjectDetails, String> what) {
        ObjectDetails d = vm.details().detailsProperty().get();
        if (d != null) {
            ObjectTableActions.copy(what.apply(d));
        }
    }

    /** The pane is an item of the split only while shown: a SplitPane keeps room for hidden items. */
    private void installDetails() {
        DetailsPane pane = new DetailsPane(detailsGrid, messages);
        objectsSplit.getItems().remove(detailsPane);
        vm.details().shownProperty().addListener((o, a, shown) -> {
            if (shown && !objectsSplit.getItems().contains(detailsPane)) {
                objectsSplit.getItems().add(detailsPane);
                objectsSplit.setDividerPositions(0.55);
            } else if (!shown) {
                objectsSplit.getItems().remove(detailsPane);
            }
        });
        vm.details().detailsProperty().addListener((o, a, d) -> pane.show(d));
        detailsSummary.textProperty().bind(vm.details().summaryProperty());
        for (Button b : List.of(copyKeyButton, copyUriButton, copyUrlButton)) {
            b.disableProperty().bind(vm.details().detailsProperty().isNull());
        }
        objects.getSelectionModel().selectedItemProperty().addListener((o, a, e) -> {
            if (vm.details().shownProperty().get() && e != null && !e.folder()) {
                vm.showDetails(e);
            }
        });
    }

    @FXML
    private void shareLinks() {
        vm.handOffs().shareLinks(List.copyOf(objects.getSelectionModel().getSelectedItems()));
    }
}
