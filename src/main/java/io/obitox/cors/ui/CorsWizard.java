package io.obitox.cors.ui;

import io.obitox.cors.ui.CorsWizardViewModel.Step;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

/**
 * The wizard shell: the steps of the chosen mode across the top, the current step's view in the middle, Back /
 * Next / Close at the bottom. Next is bound in FXML to {@link #canGoNextProperty()}, i.e. to the current step's
 * {@code validProperty()}.
 */
public final class CorsWizard {
    private final CorsWizardViewModel vm;
    private final Function<Step, Node> stepViews;
    private final Map<Step, Node> built = new EnumMap<>(Step.class);

    @FXML
    private BorderPane root;

    @FXML
    private Label title;

    @FXML
    private HBox stepBar;

    @FXML
    private StackPane content;

    @FXML
    private Button backButton;

    @FXML
    private Button nextButton;

    @FXML
    private ProgressIndicator progress;

    public CorsWizard(CorsWizardViewModel vm, Function<Step, Node> stepViews) {
        this.vm = vm;
        this.stepViews = stepViews;
    }

    /** For the FXML binding of the Next button. */
    public ReadOnlyBooleanProperty canGoNextProperty() {
        return vm.canGoNextProperty();
    }

    public boolean isCanGoNext() {
        return vm.canGoNextProperty().get();
    }

    @FXML
    private void initialize() {
        vm.currentProperty().addListener((o, a, s) -> show(s));
        vm.state().modeProperty().addListener((o, a, m) -> renderSteps());
        nextButton.textProperty().bind(vm.nextTextProperty());
        backButton.disableProperty().bind(vm.canGoBackProperty().not());
        progress.visibleProperty().bind(vm.busyProperty());
        title.textProperty()
                .bind(javafx.beans.binding.Bindings.createStringBinding(
                        () -> vm.title(vm.state().getBucket()), vm.state().bucketProperty()));
        vm.finishedProperty().addListener((o, a, done) -> {
            if (done) {
                close();
            }
        });
        show(vm.currentProperty().get());
    }

    private void show(Step s) {
        content.getChildren().setAll(built.computeIfAbsent(s, stepViews));
        renderSteps();
    }

    private void renderSteps() {
        stepBar.getChildren().clear();
        List<Step> flow = vm.flow();
        for (int i = 0; i < flow.size(); i++) {
            Step s = flow.get(i);
            Label l = new Label((i + 1) + ". " + vm.stepTitle(s));
            l.getStyleClass().add("wizard-step");
            if (s == vm.currentProperty().get()) {
                l.getStyleClass().add("current");
            }
            l.setId("step-" + s.name().toLowerCase(java.util.Locale.ROOT));
            stepBar.getChildren().add(l);
        }
    }

    public BorderPane root() {
        return root;
    }

    @FXML
    private void next() {
        vm.next();
    }

    @FXML
    private void back() {
        vm.back();
    }

    @FXML
    private void close() {
        vm.close();
        if (root.getScene() != null && root.getScene().getWindow() != null) {
            root.getScene().getWindow().hide();
        }
    }
}
