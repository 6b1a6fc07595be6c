package io.obitox.app.ui;

import io.obitox.common.Messages;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ProfileSelection;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The shell: header with the storage chooser and theme switch, navigation on the left (Ctrl+1 … Ctrl+7), the
 * section's view in the middle (built on first visit, then kept), and a notice bar at the bottom.
 */
public final class MainWindowView {
    private final MainWindowViewModel vm;
    private final ProfileSelection selection;
    private final Function<Section, Node> views;
    private final Messages messages;
    private final Map<Section, Node> built = new EnumMap<>(Section.class);

    @FXML
    private BorderPane root;

    @FXML
    private ComboBox<StorageProfile> profileChooser;

    @FXML
    private Button themeButton;

    @FXML
    private VBox nav;

    @FXML
    private StackPane content;

    @FXML
    private HBox noticeBar;

    @FXML
    private Label notice;

    public MainWindowView(
            MainWindowViewModel vm, ProfileSelection selection, Function<Section, Node> views, Messages messages) {
        this.vm = vm;
        this.messages = messages;
        this.selection = selection;
        this.views = views;
    }

    @FXML
    private void initialize() {
        ToggleGroup group = new ToggleGroup();
        for (Section s : Section.values()) {
            ToggleButton b = new ToggleButton(messages.get(s.titleKey()));
            b.setId(s.navId());
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.getStyleClass().add("nav-button");
            b.setUserData(s);
            b.setOnAction(e -> vm.show(s));
            nav.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true); // one section is always chosen
            }
        });
        vm.sectionProperty().addListener((o, a, s) -> show(s, group));
        show(vm.sectionProperty().get(), group);

        profileChooser.setItems(selection.profiles());
        profileChooser.valueProperty().bindBidirectional(selection.currentProperty());
        profileChooser.setCellFactory(l -> new ProfileNameCell());
        profileChooser.setButtonCell(new ProfileNameCell());

        notice.textProperty().bind(vm.noticeProperty());
        noticeBar.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        noticeBar.managedProperty().bind(noticeBar.visibleProperty());

        root.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                for (Section s : Section.values()) {
                    scene.getAccelerators()
                            .put(new KeyCodeCombination(s.shortcut(), KeyCombination.SHORTCUT_DOWN), () -> vm.show(s));
                }
            }
        });
    }

    private void show(Section s, ToggleGroup group) {
        Node view = built.computeIfAbsent(s, views);
        content.getChildren().setAll(view);
        group.getToggles().stream()
                .filter(t -> t.getUserData() == s)
                .findFirst()
                .ifPresent(t -> t.setSelected(true));
    }

    public BorderPane root() {
        return root;
    }

    @FXML
    private void toggleTheme() {
        vm.toggleTheme();
    }

    @FXML
    private void dismissNotice() {
        vm.dismissNotice();
    }

    private final class ProfileNameCell extends ListCell<StorageProfile> {
        @Override
        protected void updateItem(StorageProfile p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setText(null);
            } else {
                setText(
                        p.isSandbox()
                                ? messages.render(p.provider().nameText())
                                : p.name() + "  ·  "
                                        + messages.render(p.provider().nameText()));
            }
        }
    }
}
