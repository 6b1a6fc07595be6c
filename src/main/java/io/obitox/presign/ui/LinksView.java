package io.obitox.presign.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.Columns;
import io.obitox.objects.ui.ObjectSettingsForm;
import io.obitox.objects.ui.ObjectSettingsViewModel;
import io.obitox.objects.ui.TitledPanes;
import io.obitox.presign.LinkMethod;
import io.obitox.presign.PresignedLink;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The Links view: files to sign, expiry, and the signed links with copy and export; logic in {@link LinksViewModel}. */
public final class LinksView {
    private final LinksViewModel vm;
    private final SaveDialog saveDialog;
    private final Messages messages;

    @FXML
    private BorderPane root;

    @FXML
    private TextField bucketField;

    @FXML
    private Button removeButton;

    @FXML
    private ChoiceBox<LinkMethod> methodChoice;

    @FXML
    private TextField keyField;

    @FXML
    private TextField sizeField;

    @FXML
    private TextField typeField;

    @FXML
    private TableView<LinkDraft> files;

    @FXML
    private TableColumn<LinkDraft, String> fileKeyColumn;

    @FXML
    private TableColumn<LinkDraft, String> fileMethodColumn;

    @FXML
    private TableColumn<LinkDraft, String> fileSizeColumn;

    @FXML
    private TableColumn<LinkDraft, String> fileTypeColumn;

    @FXML
    private TableColumn<LinkDraft, String> fileOriginColumn;

    @FXML
    private SplitPane split;

    @FXML
    private TitledPane objectSettingsPane;

    @FXML
    private HBox objectSettingsTitle;

    @FXML
    private Label objectSettingsSummary;

    @FXML
    private VBox objectSettingsBox;

    @FXML
    private Button resetObjectSettingsButton;

    @FXML
    private RadioButton autoRadio;

    @FXML
    private RadioButton fixedRadio;

    @FXML
    private TextField fixedField;

    @FXML
    private ChoiceBox<NetworkOption> networkChoice;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private Button generateButton;

    @FXML
    private Label preview;

    @FXML
    private Button copyAllButton;

    @FXML
    private Button csvButton;

    @FXML
    private Button jsonButton;

    @FXML
    private TableView<PresignedLink> links;

    @FXML
    private TableColumn<PresignedLink, String> linkKeyColumn;

    @FXML
    private TableColumn<PresignedLink, String> linkMethodColumn;

    @FXML
    private TableColumn<PresignedLink, String> linkExpiryColumn;

    @FXML
    private TableColumn<PresignedLink, PresignedLink> linkHeadersColumn;

    @FXML
    private TableColumn<PresignedLink, PresignedLink> linkCopyColumn;

    @FXML
    private TableColumn<PresignedLink, String> linkUrlColumn;

    @FXML
    private Label details;

    @FXML
    private Label warnings;

    @FXML
    private Label status;

    public LinksView(LinksViewModel vm, SaveDialog saveDialog, Messages messages) {
        this.vm = vm;
        this.messages = messages;
        this.saveDialog = saveDialog;
    }

    @FXML
    private void initialize() {
        bucketField.textProperty().bindBidirectional(vm.bucketProperty());
        methodChoice.getItems().setAll(LinkMethod.values());
        methodChoice.valueProperty().bindBidirectional(vm.newMethodProperty());
        keyField.textProperty().bindBidirectional(vm.newKeyProperty());
        keyField.setOnAction(e -> vm.addTyped());
        sizeField.textProperty().bindBidirectional(vm.newSizeProperty());
        sizeField.setOnAction(e -> vm.addTyped());
        typeField.textProperty().bindBidirectional(vm.newContentTypeProperty());
        typeField.disableProperty().bind(vm.newMethodProperty().isNotEqualTo(LinkMethod.PUT));

        files.setItems(vm.files());
        files.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Columns.placeholder(files, messages.get("links.view.filesPlaceholder"));
        Columns.read(fileKeyColumn, LinkDraft::key);
        Columns.read(fileMethodColumn, d -> d.method().name());
        Columns.read(fileSizeColumn, LinkDraft::sizeText);
        Columns.read(fileTypeColumn, d -> d.method() == LinkMethod.PUT ? nullToEmpty(d.contentType()) : "");
        Columns.read(fileOriginColumn, LinkDraft::origin);
        files.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) {
                removeSelected();
            }
        });
        removeButton
                .disableProperty()
                .bind(files.getSelectionModel().selectedItemProperty().isNull());

        initObjectSettings();
        autoRadio.setSelected(vm.autoExpiryProperty().get());
        fixedRadio.setSelected(!vm.autoExpiryProperty().get());
        autoRadio
                .selectedProperty()
                .addListener((o, a, on) -> vm.autoExpiryProperty().set(on));
        fixedField.textProperty().bindBidirectional(vm.fixedExpiryProperty());
        fixedField.disableProperty().bind(vm.autoExpiryProperty());
        networkChoice.setItems(vm.networkOptions());
        networkChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(NetworkOption o) {
                return o == null ? "" : o.label(messages);
            }

            @Override
            public NetworkOption fromString(String s) {
                return null; // not editable
            }
        });
        networkChoice.valueProperty().bindBidirectional(vm.networkProperty());
        networkChoice.disableProperty().bind(vm.autoExpiryProperty().not());
        preview.textProperty().bind(vm.expiryPreviewProperty());
        generateButton.disableProperty().bind(vm.canGenerateBinding().not());
        progress.visibleProperty().bind(vm.busyProperty());

        links.setItems(vm.links());
        Columns.placeholder(links, messages.get("links.view.noLinks"));
        Columns.read(linkKeyColumn, PresignedLink::key);
        Columns.read(linkMethodColumn, l -> l.method().name());
        Columns.read(linkExpiryColumn, l -> vm.expiryText(l, ZoneId.systemDefault()));
        Columns.read(linkUrlColumn, PresignedLink::redactedUrl);
        Columns.read(linkHeadersColumn, l -> l);
        linkHeadersColumn.setCellFactory(c -> new LinkHeadersCell(messages));
        Columns.read(linkCopyColumn, l -> l);
        linkCopyColumn.setCellFactory(c -> new LinkCopyCell(this::copy, messages));
        links.setRowFactory(t -> {
            TableRow<PresignedLink> row = new TableRow<>();
            row.itemProperty()
                    .addListener((o, a, l) -> row.setTooltip(
                            l == null
                                    ? null
                                    : new Tooltip(
                                            messages.render(l.explanation().textRef()))));
            return row;
        });
        links.getSelectionModel().selectedItemProperty().addListener((o, a, l) -> {
            if (l != null) {
                vm.selectedLinkProperty().set(l);
            }
        });
        vm.selectedLinkProperty().addListener((o, a, l) -> {
            if (l != null && links.getSelectionModel().getSelectedItem() != l) {
                links.getSelectionModel().select(l);
            }
        });
        copyAllButton.disableProperty().bind(vm.hasLinksBinding().not());
        csvButton.disableProperty().bind(vm.hasLinksBinding().not().or(vm.busyProperty()));
        jsonButton.disableProperty().bind(vm.hasLinksBinding().not().or(vm.busyProperty()));
        details.textProperty().bind(vm.detailsProperty());
        details.visibleProperty().bind(vm.detailsProperty().isNotEmpty());
        details.managedProperty().bind(details.visibleProperty());
        warnings.textProperty().bind(vm.warningsProperty());
        warnings.visibleProperty().bind(vm.warningsProperty().isNotEmpty());
        warnings.managedProperty().bind(warnings.visibleProperty());
        status.textProperty().bind(vm.statusProperty());
        vm.errorProperty().addListener((o, a, err) -> {
            status.getStyleClass().remove("danger");
            if (err) {
                status.getStyleClass().add("danger");
            }
        });
        vm.refreshPreview();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private void copy(PresignedLink link, LinkCopy what) {
        putOnClipboard(vm.copy(link, what));
    }

    /**
     * Issue 16: the collapsed "Object settings (PUT links)" pane, the form the Upload view has, with its one-line
     * summary (red while a value is not valid); Alt+J opens it at its first field.
     */
    private void initObjectSettings() {
        ObjectSettingsViewModel form = vm.objectSettings().form();
        objectSettingsBox.getChildren().add(0, new ObjectSettingsForm(form, ObjectSettingsForm.Layout.WIDE).root());
        objectSettingsSummary.textProperty().bind(form.summaryProperty());
        Tooltip full = new Tooltip();
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
        // open, the form takes most of the height; new links fold it again so they and their headers are in view
        double[] before = {0.5};
        objectSettingsPane.expandedProperty().addListener((o, was, open) -> {
            if (open) {
                before[0] = split.getDividers().get(0).getPosition();
            }
            split.setDividerPositions(open ? 1.0 : before[0]); // as far as the links half's minimum lets it
        });
        vm.links().addListener((ListChangeListener<PresignedLink>) c -> {
            if (!vm.links().isEmpty()) {
                objectSettingsPane.setExpanded(false);
            }
        });
        TitledPanes.openOnMnemonic(
                objectSettingsPane, objectSettingsBox.getChildren().get(0).lookup("#objectStorageClass"));
    }

    @FXML
    private void resetObjectSettings() {
        vm.objectSettings().reset();
    }

    private static void putOnClipboard(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    @FXML
    private void addFinishedUploads() {
        vm.addFinishedUploads();
    }

    @FXML
    private void addTyped() {
        vm.addTyped();
    }

    @FXML
    private void removeSelected() {
        vm.remove(files.getSelectionModel().getSelectedItems());
    }

    @FXML
    private void clearFiles() {
        vm.clearFiles();
    }

    @FXML
    private void generate() {
        vm.generate();
    }

    @FXML
    private void copyAll() {
        putOnClipboard(vm.allUrls());
        vm.copied(vm.links().size());
    }

    @FXML
    private void exportCsv() {
        ask(messages.get("links.view.exportCsv"), "links.csv", "csv").ifPresent(vm::exportCsv);
    }

    @FXML
    private void exportJson() {
        ask(messages.get("links.view.exportJson"), "links.json", "json").ifPresent(vm::exportJson);
    }

    private Optional<Path> ask(String title, String name, String extension) {
        return saveDialog.ask(root.getScene() == null ? null : root.getScene().getWindow(), title, name, extension);
    }
}
