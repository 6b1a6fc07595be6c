package io.obitox.storage.ui;

import io.obitox.common.Sizes;
import io.obitox.storage.BucketInfo;
import io.obitox.storage.ObjectEntry;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;

/** The bucket browser view; logic lives in {@link BucketsViewModel}. */
public final class BucketsView {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private final BucketsViewModel vm;

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
    private TableColumn<ObjectEntry, String> sizeColumn;

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

    public BucketsView(BucketsViewModel vm) {
        this.vm = vm;
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
        bucketList.setPlaceholder(new Label("No buckets"));
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
        objects.setItems(vm.entries());
        objects.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        objects.setPlaceholder(new Label("Pick a bucket on the left"));
        nameColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                c.getValue().name(vm.prefixProperty().get())));
        sizeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                c.getValue().folder() ? "" : Sizes.bytes(c.getValue().size())));
        dateColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                c.getValue().lastModified() == null
                        ? ""
                        : DATE.format(c.getValue().lastModified())));
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
            }
        });
        root.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.F5) {
                vm.refresh();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                vm.cancel();
            }
        });
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
        corsButton.disableProperty().bind(vm.corsAvailableProperty().not());
        checkCorsButton.disableProperty().bind(vm.corsAvailableProperty().not());
        shareButton
                .disableProperty()
                .bind(vm.shareAvailableProperty()
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
        vm.openCors(false);
    }

    @FXML
    private void checkCors() {
        vm.openCors(true);
    }

    @FXML
    private void shareLinks() {
        vm.shareLinks(java.util.List.copyOf(objects.getSelectionModel().getSelectedItems()));
    }
}
