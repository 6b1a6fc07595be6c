package io.obitox.app.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.obitox.settings.Theme;
import javafx.application.Application;
import javafx.scene.Scene;

/** Applies the AtlantaFX Primer theme and ObitoX's own stylesheet. FX thread only. */
public final class Themes {
    public static final String APP_CSS = Themes.class.getResource("obitox.css").toExternalForm();

    private Themes() {}

    public static void apply(Theme theme, Scene scene) {
        Application.setUserAgentStylesheet(
                theme == Theme.DARK
                        ? new PrimerDark().getUserAgentStylesheet()
                        : new PrimerLight().getUserAgentStylesheet());
        if (!scene.getStylesheets().contains(APP_CSS)) {
            scene.getStylesheets().add(APP_CSS);
        }
        scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
        scene.getRoot().getStyleClass().add(theme == Theme.DARK ? "theme-dark" : "theme-light");
    }

    /** Builds the main scene and keeps it in step with the theme property. */
    public static Scene mainScene(ViewFactory views) {
        Scene scene = new Scene(views.mainWindow());
        apply(views.mainWindowViewModel().themeProperty().get(), scene);
        views.mainWindowViewModel().themeProperty().addListener((o, a, t) -> apply(t, scene));
        return scene;
    }
}
