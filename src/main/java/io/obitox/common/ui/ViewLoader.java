package io.obitox.common.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ResourceBundle;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.util.Callback;

/**
 * Loads {@code FooView.fxml} from the resources folder that mirrors {@code FooView}'s package, with controllers
 * from the composition root's factory (constructor injection, no reflection magic in the views), and the texts of the
 * chosen language for the FXML's {@code %key}s.
 */
public final class ViewLoader {
    private final Callback<Class<?>, Object> controllerFactory;
    private final ResourceBundle texts;

    public ViewLoader(Callback<Class<?>, Object> controllerFactory, ResourceBundle texts) {
        this.controllerFactory = controllerFactory;
        this.texts = texts;
    }

    public <C> Loaded<C> load(Class<C> controllerType) {
        URL fxml = controllerType.getResource(controllerType.getSimpleName() + ".fxml");
        if (fxml == null) {
            throw new IllegalStateException(
                    "Missing " + controllerType.getSimpleName() + ".fxml beside " + controllerType.getName());
        }
        FXMLLoader loader = new FXMLLoader(fxml, texts);
        loader.setControllerFactory(controllerFactory);
        try {
            Parent root = loader.load();
            return new Loaded<>(root, controllerType.cast(loader.getController()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + fxml, e);
        }
    }

    /** A loaded view: its root node and its controller. */
    public record Loaded<C>(Parent root, C controller) {}
}
