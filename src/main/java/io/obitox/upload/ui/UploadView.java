package io.obitox.upload.ui;

import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.common.ui.Columns;
import io.obitox.common.ui.EnumLabels;
import io.obitox.objects.ui.ObjectSettingsForm;
import io.obitox.objects.ui.ObjectSettingsViewModel;
import io.obitox.objects.ui.TitledPanes;
import io.obitox.sync.ConflictChoice;
import io.obitox.sync.PlanState;
import io.obitox.validation.ValidationPolicy;
import io.obitox.validation.ValidationResult;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The Upload view: a drop zone with accept/reject feedback while dragging, the target, and the two lists. The
 * drop handler only hands paths to {@link UploadViewModel}; all checking happens there, off the FX thread.
 */
public final class UploadView {
    private final UploadViewModel vm;

    @FXML
    private BorderPane root;

    @FXML
    private ComboBox<String> bucketBox;

    @FXML
    private TextField prefixField;

    @FXML
    private ComboBox<ValidationPolicy> policyBox;

    @FXML
    private ComboBox<ConflictChoice> conflictBox;

    @FXML
    private HBox planLine;

    @FXML
    private TitledPane objectSettingsPane;

    @FXML
    private Label objectSettingsSummary;

    @FXML
    private VBox objectSettingsBox;

    @FXML
    private Button resetObjectSettingsButton;

    @FXML
    private HBox objectSettingsTitle;

    @FXML
    private Label dropTitle;

    @FXML
    private ProgressIndicator planningIndicator;

    @FXML
    private Label planSummary;

    @FXML
    private Label lastUpload;

    @FXML
    private TableColumn<ReadyFile, ReadyFile> readyPlan;

    @FXML
    private StackPane dropZone;

    @FXML
    private Label dropHint;

    @FXML
    private ProgressIndicator checkingIndicator;

    @FXML
    private Label progress;

    @FXML
    private Button stopButton;

    @FXML
    private Label readyTitle;

    @FXML
    private TableView<ReadyFile> readyTable;

    @FXML
    private TableColumn<ReadyFile, String> readyName;

    @FXML
    private TableColumn<ReadyFile, String> readyType;

    @FXML
    private TableColumn<ReadyFile, String> readySize;

    @FXML
    private TableColumn<ReadyFile, String> readyKey;

    @FXML
    private Label rejectedTitle;

    @FXML
    private TableView<ValidationResult> rejectedTable;

    @FXML
    private TableColumn<ValidationResult, String> rejectedName;

    @FXML
    private TableColumn<ValidationResult, String> rejectedCode;

    @FXML
    private TableColumn<ValidationResult, String> rejectedReason;

    @FXML
    private Button uploadButton;

    @FXML
    private Label status;

    private final Messages messages;

    public UploadView(UploadViewModel vm, Messages messages) {
        this.vm = vm;
        this.messages = messages;
        vm.useMessages(messages);
    }

    @FXML
    private void initialize() {
        bucketBox.setItems(vm.bucketNames());
        bucketBox.valueProperty().bindBidirectional(vm.bucketProperty());
        prefixField.textProperty().bindBidirectional(vm.prefixProperty());
        policyBox.setItems(vm.policies());
        policyBox.valueProperty().bindBidirectional(vm.policyProperty());
        policyBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(ValidationPolicy p) {
                return p == null ? "" : messages.render(p.nameText(), p.name());
            }

            @Override
            public ValidationPolicy fromString(String s) {
                return null;
            }
        });

        initPlan();
        initObjectSettings();

        // both tables have rows of one fixed height (style class fixed-rows in obitox.css): with 100,000 rows the
        // table would otherwise measure cells to estimate its length on every change of the item count
        readyTable.setItems(vm.ready());
        readyTable.setPlaceholder(new Label(messages.get("upload.nothingYet")));
        readyName.setCellValueFactory(c -> text(c.getValue().relativePath()));
        readyType.setCellValueFactory(c -> text(messages.render(c.getValue().typeText(), null)));
        readySize.setCellValueFactory(c -> text(Sizes.bytes(c.getValue().size())));
        readyKey.setCellValueFactory(c -> text(c.getValue().objectKey()));
        rejectedTable.setItems(vm.rejected());
        rejectedTable.setPlaceholder(new Label(messages.get("upload.noRejected")));
        rejectedName.setCellValueFactory(c -> text(c.getValue().relativePath()));
        rejectedCode.setCellValueFactory(c -> text(c.getValue().error().code().name()));
        rejectedReason.setCellValueFactory(c -> text(Verdicts.reason(c.getValue(), messages)));
        Columns.withTooltips(rejectedReason); // a long reason is cut short in its cell
        readyTitle
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> messages.get("upload.readyCount", vm.ready().size()), vm.ready()));
        rejectedTitle
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> messages.get("upload.rejectedCount", vm.rejected().size()), vm.rejected()));

        // what the preview says will be sent when it is fewer than the ready files ("Upload 1 of 5 files")
        uploadButton
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> vm.plan().uploadTextProperty().get().isEmpty()
                                ? vm.uploadLabel()
                                : vm.plan().uploadTextProperty().get(),
                        vm.uploadLabelProperty(),
                        vm.plan().uploadTextProperty()));
        uploadButton.disableProperty().bind(vm.canUploadProperty().not());
        checkingIndicator.visibleProperty().bind(vm.checkingProperty());
        stopButton.visibleProperty().bind(vm.checkingProperty());
        progress.textProperty().bind(vm.progressProperty());
        status.textProperty().bind(vm.statusProperty());
        vm.errorProperty().addListener((o, a, err) -> {
            status.getStyleClass().remove("danger");
            if (err) {
                status.getStyleClass().add("danger");
            }
        });

        dropZone.setOnDragOver(this::dragOver);
        dropZone.setOnDragExited(e -> {
            dropZone.pseudoClassStateChanged(ACCEPT, false);
            dropZone.pseudoClassStateChanged(REJECT, false);
        });
        dropZone.setOnDragDropped(this::dropped);
    }

    /** The existing-keys picker, the "In the bucket" column, the preview line and the last upload's numbers. */
    private void initPlan() {
        UploadPlanViewModel plan = vm.plan();
        conflictBox.setItems(plan.choices());
        conflictBox.setConverter(EnumLabels.converter(messages, "conflictChoice"));
        conflictBox.valueProperty().bindBidirectional(plan.choiceProperty());
        readyPlan.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        readyPlan.setCellFactory(col -> new PlanCell(plan));
        planningIndicator.visibleProperty().bind(plan.planningProperty());
        planningIndicator.managedProperty().bind(plan.planningProperty());
        planSummary.textProperty().bind(plan.summaryProperty());
        planLine.visibleProperty().bind(plan.summaryProperty().isNotEmpty());
        planLine.managedProperty().bind(planLine.visibleProperty());
        plan.warningProperty().addListener((o, a, w) -> {
            planSummary.getStyleClass().remove("warning");
            if (w) {
                planSummary.getStyleClass().add("warning");
            }
        });
        lastUpload.textProperty().bind(plan.lastUploadProperty());
        lastUpload.visibleProperty().bind(plan.lastUploadProperty().isNotEmpty());
        lastUpload.managedProperty().bind(lastUpload.visibleProperty());
        // a preview's states are on the rows themselves: redraw the visible rows when one ends
        plan.revisionProperty().addListener((o, a, r) -> readyTable.refresh());
        plan.setAsker((file, left) -> ConflictDialog.ask(
                root.getScene() == null ? null : root.getScene().getWindow(), file, left));
    }

    /**
     * Issue 16: the collapsed "Object settings" panel with its one-line summary (red while a value is not valid: the
     * Upload button is off then); Alt+J opens it and moves to its first field.
     */
    private void initObjectSettings() {
        ObjectSettingsViewModel form = vm.objectSettings();
        objectSettingsBox.getChildren().add(0, new ObjectSettingsForm(form, ObjectSettingsForm.Layout.WIDE).root());
        objectSettingsSummary.textProperty().bind(form.summaryProperty());
        javafx.scene.control.Tooltip full = new javafx.scene.control.Tooltip();
        full.textProperty().bind(form.summaryProperty()); // the line is cut to the title's width
        objectSettingsSummary.setTooltip(full);
        form.validProperty().addListener((o, a, ok) -> {
            objectSettingsSummary.getStyleClass().removeAll("text-muted", "danger-text");
            objectSettingsSummary.getStyleClass().add(ok ? "text-muted" : "danger-text");
        });
        resetObjectSettingsButton.disableProperty().bind(form.changedProperty().not());
        // the title is the graphic (name + summary): as wide as the title bar less the arrow, the summary cut to fit
        objectSettingsTitle
                .prefWidthProperty()
                .bind(objectSettingsPane.widthProperty().subtract(48));
        objectSettingsTitle.maxWidthProperty().bind(objectSettingsTitle.prefWidthProperty());
        // while the form is open the drop zone is its buttons alone, so the lists and Upload keep their room
        BooleanBinding open = objectSettingsPane.expandedProperty().not();
        for (Node n : List.of(dropTitle, dropHint)) {
            n.visibleProperty().bind(open);
            n.managedProperty().bind(open);
        }
        dropZone.minHeightProperty().bind(Bindings.when(open).then(110.0).otherwise(0.0));
        // the title's mnemonic fires an action on the pane: open it and go to its first field
        Node first = objectSettingsBox.getChildren().get(0).lookup("#objectStorageClass");
        TitledPanes.openOnMnemonic(objectSettingsPane, first);
    }

    /** "new", "changed (ask)", "identical (skip)" … coloured by what will happen. */
    private static final class PlanCell extends TableCell<ReadyFile, ReadyFile> {
        private static final List<String> STATES =
                List.of("plan-new", "plan-changed", "plan-identical", "plan-exists", "plan-excluded");
        private final UploadPlanViewModel plan;

        PlanCell(UploadPlanViewModel plan) {
            this.plan = plan;
            getStyleClass().add("plan-cell");
        }

        @Override
        protected void updateItem(ReadyFile f, boolean empty) {
            super.updateItem(f, empty);
            getStyleClass().removeAll(STATES);
            if (empty || f == null) {
                setText(null);
                return;
            }
            setText(plan.label(f));
            PlanState s = f.plan();
            if (s != null) {
                getStyleClass().add(STATES.get(s.ordinal()));
            }
        }
    }

    private static final javafx.css.PseudoClass ACCEPT = javafx.css.PseudoClass.getPseudoClass("accept");
    private static final javafx.css.PseudoClass REJECT = javafx.css.PseudoClass.getPseudoClass("reject");

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            List<Path> paths =
                    e.getDragboard().getFiles().stream().map(File::toPath).toList();
            boolean ok = vm.acceptsDrag(paths, Files::isDirectory);
            dropZone.pseudoClassStateChanged(ACCEPT, ok);
            dropZone.pseudoClassStateChanged(REJECT, !ok);
            if (ok) {
                e.acceptTransferModes(TransferMode.COPY);
            }
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        boolean done = false;
        if (e.getDragboard().hasFiles()) {
            vm.add(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            done = true;
        }
        dropZone.pseudoClassStateChanged(ACCEPT, false);
        dropZone.pseudoClassStateChanged(REJECT, false);
        e.setDropCompleted(done);
        e.consume();
    }

    private static ReadOnlyStringWrapper text(String s) {
        return new ReadOnlyStringWrapper(s == null ? "" : s);
    }

    @FXML
    private void chooseFiles() {
        List<File> files =
                new FileChooser().showOpenMultipleDialog(root.getScene().getWindow());
        if (files != null) {
            vm.add(files.stream().map(File::toPath).toList());
        }
    }

    @FXML
    private void chooseFolder() {
        File dir = new DirectoryChooser().showDialog(root.getScene().getWindow());
        if (dir != null) {
            vm.add(List.of(dir.toPath()));
        }
    }

    @FXML
    private void stopChecking() {
        vm.cancel();
    }

    @FXML
    private void upload() {
        vm.upload();
    }

    @FXML
    private void resetObjectSettings() {
        vm.objectSettings().reset();
    }

    @FXML
    private void clear() {
        vm.clear();
    }
}
