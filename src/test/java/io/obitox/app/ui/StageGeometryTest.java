package io.obitox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.settings.SettingsService;
import io.obitox.testing.TestApp;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The main window comes back where it was, through the settings database. */
@ExtendWith(ApplicationExtension.class)
class StageGeometryTest {
    private static TestApp app;

    @BeforeAll
    static void createApp() {
        app = TestApp.create("stage-geometry");
    }

    @AfterAll
    static void close() {
        app.close();
    }

    private static Stage stage() {
        Stage stage = new Stage();
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setScene(new Scene(new StackPane(), 10, 10));
        return stage;
    }

    @Test
    void theWindowReopensWhereItClosedAndRemembersItsNormalSizeWhenMaximized(FxRobot robot) {
        SettingsService settings = app.context().settings();
        settings.put(StageGeometry.SETTING, "40,30,1000,650,false");
        AtomicReference<String> saved = new AtomicReference<>();
        AtomicReference<Rectangle2D> shown = new AtomicReference<>();
        robot.interact(() -> {
            Stage stage = stage();
            StageGeometry g = StageGeometry.restore(stage, settings.get(StageGeometry.SETTING));
            stage.show();
            shown.set(new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
            stage.setX(60);
            stage.setWidth(1100);
            stage.setMaximized(true);
            saved.set(g.current());
            stage.hide();
        });
        assertThat(shown.get()).isEqualTo(new Rectangle2D(40, 30, 1000, 650));
        settings.put(StageGeometry.SETTING, saved.get());

        assertThat(settings.get(StageGeometry.SETTING).flatMap(WindowGeometry::parse))
                .contains(new WindowGeometry(60, 30, 1100, 650, true));
    }

    @Test
    void aWindowThatWasOnAScreenThatIsGoneOpensOnAVisibleOne(FxRobot robot) {
        AtomicReference<Rectangle2D> shown = new AtomicReference<>();
        robot.interact(() -> {
            Stage stage = stage();
            StageGeometry.restore(stage, Optional.of("9000,7000,1000,650,false"));
            stage.show();
            shown.set(new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
            stage.hide();
        });
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        assertThat(screen.intersects(shown.get()))
                .as("%s on %s", shown.get(), screen)
                .isTrue();
        assertThat(shown.get().getWidth()).isEqualTo(Math.min(1000, screen.getWidth()));
    }

    @Test
    void withoutASavedValueTheWindowHasItsDefaultSize(FxRobot robot) {
        AtomicReference<String> saved = new AtomicReference<>();
        robot.interact(() -> {
            Stage stage = stage();
            StageGeometry g = StageGeometry.restore(stage, Optional.of("not ours"));
            stage.show();
            saved.set(g.current());
            stage.hide();
        });
        WindowGeometry g = WindowGeometry.parse(saved.get()).orElseThrow();
        assertThat(g.width()).isEqualTo(StageGeometry.DEFAULT_WIDTH);
        assertThat(g.height()).isEqualTo(StageGeometry.DEFAULT_HEIGHT);
        assertThat(g.maximized()).isFalse();
    }
}
