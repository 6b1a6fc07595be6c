package io.obitox.app.ui;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Restores the main window where it was and remembers where it is: follows the stage's bounds while it is neither
 * maximized nor minimized, so the saved value is the normal size even when it closes maximized. FX thread only.
 */
final class StageGeometry {
    /** Settings key of the saved geometry. */
    static final String SETTING = "ui.window";

    static final double DEFAULT_WIDTH = 1180;
    static final double DEFAULT_HEIGHT = 760;

    private final Stage stage;
    private double x = Double.NaN;
    private double y = Double.NaN;
    private double width = DEFAULT_WIDTH;
    private double height = DEFAULT_HEIGHT;

    private StageGeometry(Stage stage) {
        this.stage = stage;
    }

    /** Sizes and places {@code stage} (before it is shown) from the saved value, and starts following it. */
    static StageGeometry restore(Stage stage, Optional<String> saved) {
        StageGeometry g = new StageGeometry(stage);
        Optional<WindowGeometry> geometry = saved.flatMap(WindowGeometry::parse);
        if (geometry.isPresent()) {
            WindowGeometry.Placement p = geometry.get().placeOn(screens(), stage.getMinWidth(), stage.getMinHeight());
            stage.setWidth(p.width());
            stage.setHeight(p.height());
            g.width = p.width();
            g.height = p.height();
            if (p.keepPosition()) {
                stage.setX(p.x());
                stage.setY(p.y());
                g.x = p.x();
                g.y = p.y();
            } else {
                stage.centerOnScreen();
            }
            stage.setMaximized(p.maximized());
        } else {
            stage.setWidth(DEFAULT_WIDTH);
            stage.setHeight(DEFAULT_HEIGHT);
        }
        g.follow();
        return g;
    }

    private void follow() {
        stage.xProperty().addListener((o, a, v) -> {
            if (normal()) {
                x = v.doubleValue();
            }
        });
        stage.yProperty().addListener((o, a, v) -> {
            if (normal()) {
                y = v.doubleValue();
            }
        });
        stage.widthProperty().addListener((o, a, v) -> {
            if (normal()) {
                width = v.doubleValue();
            }
        });
        stage.heightProperty().addListener((o, a, v) -> {
            if (normal()) {
                height = v.doubleValue();
            }
        });
    }

    private boolean normal() {
        return !stage.isMaximized() && !stage.isIconified() && !stage.isFullScreen();
    }

    /** The value to save: the last normal bounds and whether the window is maximized now. */
    String current() {
        double px = Double.isNaN(x) ? stage.getX() : x;
        double py = Double.isNaN(y) ? stage.getY() : y;
        return new WindowGeometry(px, py, width, height, stage.isMaximized()).format();
    }

    private static List<WindowGeometry.Box> screens() {
        return Screen.getScreens().stream()
                .map(Screen::getVisualBounds)
                .map(StageGeometry::box)
                .toList();
    }

    private static WindowGeometry.Box box(Rectangle2D r) {
        return new WindowGeometry.Box(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
    }
}
