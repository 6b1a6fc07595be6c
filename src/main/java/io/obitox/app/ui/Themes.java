package io.obitox.app.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.obitox.settings.Theme;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.VBox;

/**
 * Applies the AtlantaFX Primer theme and ObitoX's own stylesheet. FX thread only.
 *
 * <p>The themes are loaded in their compiled (binary, {@code .bss}) form: the same rules without parsing 170 KB of
 * CSS at every start.
 */
public final class Themes {
    public static final String APP_CSS = Themes.class.getResource("obitox.css").toExternalForm();
    private static final String LIGHT = new PrimerLight().getUserAgentStylesheetBSS();
    private static final String DARK = new PrimerDark().getUserAgentStylesheetBSS();

    private Themes() {}

    public static void apply(Theme theme, Scene scene) {
        String ua = theme == Theme.DARK ? DARK : LIGHT;
        if (!ua.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(ua);
        }
        if (!scene.getStylesheets().contains(APP_CSS)) {
            scene.getStylesheets().add(APP_CSS);
        }
        scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
        scene.getRoot().getStyleClass().add(theme == Theme.DARK ? "theme-dark" : "theme-light");
    }

    /**
     * Start-up work that needs neither the services nor the saved theme, done while they load: sets the light theme
     * before the first control exists (else JavaFX loads its own Modena theme first, only to drop it), and styles a
     * few throwaway controls so the stylesheets are read and the control skins loaded.
     */
    static void preload() {
        if (Application.getUserAgentStylesheet() == null) {
            Application.setUserAgentStylesheet(LIGHT);
        }
        VBox box = new VBox(
                new Label("ObitoX"),
                new Button("OK"),
                new ToggleButton("Upload"),
                new TextField(),
                new ComboBox<String>(),
                new ListView<String>());
        Scene scene = new Scene(box);
        scene.getStylesheets().add(APP_CSS);
        box.applyCss();
        box.layout();
    }

    /** Builds the main scene and keeps it in step with the theme property. */
    public static Scene mainScene(ViewFactory views) {
        Scene scene = new Scene(views.mainWindow());
        apply(views.mainWindowViewModel().themeProperty().get(), scene);
        views.mainWindowViewModel().themeProperty().addListener((o, a, t) -> apply(t, scene));
        return scene;
    }
}
