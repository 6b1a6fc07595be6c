package io.obitox.settings.ui;

import io.obitox.settings.Theme;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.util.StringConverter;

/** The Settings view; binds to {@link SettingsViewModel}. */
public final class SettingsView {
    private final SettingsViewModel vm;

    @FXML
    private ChoiceBox<Theme> themeBox;

    @FXML
    private ChoiceBox<String> languageBox;

    @FXML
    private TextField homeField;

    @FXML
    private TextField dbField;

    @FXML
    private TextField logsField;

    @FXML
    private TextField sandboxField;

    @FXML
    private TextField credentialsField;

    @FXML
    private Label versionLabel;

    @FXML
    private CheckBox notificationsBox;

    @FXML
    private TextField browserField;

    @FXML
    private Label browserFound;

    public SettingsView(SettingsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        themeBox.getItems().setAll(Theme.values());
        themeBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Theme t) {
                return vm.themeName(t);
            }

            @Override
            public Theme fromString(String s) {
                return vm.themeName(Theme.DARK).equals(s) ? Theme.DARK : Theme.LIGHT;
            }
        });
        themeBox.valueProperty().bindBidirectional(vm.themeProperty());
        languageBox.getItems().setAll(vm.languages());
        languageBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(String code) {
                return vm.languageName(code);
            }

            @Override
            public String fromString(String s) {
                return vm.languages().stream()
                        .filter(c -> vm.languageName(c).equals(s))
                        .findFirst()
                        .orElse(null);
            }
        });
        languageBox.valueProperty().bindBidirectional(vm.languageProperty());
        homeField.setText(vm.homeFolder());
        dbField.setText(vm.databaseFolder());
        logsField.setText(vm.logsFolder());
        sandboxField.setText(vm.sandboxFolder());
        credentialsField.setText(vm.credentialsFile());
        versionLabel.setText(vm.version());
        notificationsBox.selectedProperty().bindBidirectional(vm.notificationsProperty());
        browserField.textProperty().bindBidirectional(vm.browserPathProperty());
        browserField.setOnAction(e -> vm.saveBrowserPath());
        browserField.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                vm.saveBrowserPath();
            }
        });
        browserFound.textProperty().bind(vm.browserFoundProperty());
    }
}
