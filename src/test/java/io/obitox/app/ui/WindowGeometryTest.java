package io.obitox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.app.ui.WindowGeometry.Box;
import io.obitox.app.ui.WindowGeometry.Placement;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowGeometryTest {
    private static final Box LAPTOP = new Box(0, 0, 1920, 1050); // task bar below
    private static final Box LEFT_MONITOR = new Box(-2560, 0, 2560, 1400);

    @Test
    void theSavedTextRoundTrips() {
        WindowGeometry g = new WindowGeometry(-1200, 40, 1180, 760, true);
        assertThat(g.format()).isEqualTo("-1200,40,1180,760,true");
        assertThat(WindowGeometry.parse(g.format())).contains(g);
    }

    @Test
    void textThatIsNotOursGivesNothing() {
        for (String bad : new String[] {
            null,
            "",
            "1,2,3,4",
            "a,b,c,d,true",
            "1,2,NaN,4,false",
            "1,2,Infinity,4,false",
            "1,2,0,700,false",
            "1,2,800,-5,false",
            "1,2,3,4,5,6"
        }) {
            assertThat(WindowGeometry.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void aWindowOnAScreenKeepsItsPlaceAndSize() {
        Placement p = new WindowGeometry(100, 80, 1180, 760, false).placeOn(List.of(LAPTOP), 900, 600);
        assertThat(p).isEqualTo(new Placement(100, 80, 1180, 760, true, false));
    }

    @Test
    void aWindowOnAMonitorThatIsGoneIsCentredInstead() {
        // it was on the left monitor; today there is only the laptop
        Placement p = new WindowGeometry(-2000, 100, 1180, 760, false).placeOn(List.of(LAPTOP), 900, 600);
        assertThat(p.keepPosition()).isFalse();
        assertThat(p.width()).isEqualTo(1180);
        assertThat(p.height()).isEqualTo(760);
        // with that monitor plugged in, it goes back there
        assertThat(new WindowGeometry(-2000, 100, 1180, 760, false)
                        .placeOn(List.of(LAPTOP, LEFT_MONITOR), 900, 600)
                        .keepPosition())
                .isTrue();
    }

    @Test
    void theTitleBarMustBeReachable() {
        // above the top edge: the title bar cannot be grabbed
        assertThat(new WindowGeometry(100, -400, 1000, 700, false)
                        .placeOn(List.of(LAPTOP), 900, 600)
                        .keepPosition())
                .isFalse();
        // mostly off to the right, but 200 px of the title bar still on the screen
        assertThat(new WindowGeometry(1720, 100, 1000, 700, false)
                        .placeOn(List.of(LAPTOP), 900, 600)
                        .keepPosition())
                .isTrue();
        // only a sliver of 20 px left on the screen
        assertThat(new WindowGeometry(1900, 100, 1000, 700, false)
                        .placeOn(List.of(LAPTOP), 900, 600)
                        .keepPosition())
                .isFalse();
        // below the bottom of the usable area (behind the task bar)
        assertThat(new WindowGeometry(100, 1045, 1000, 700, false)
                        .placeOn(List.of(LAPTOP), 900, 600)
                        .keepPosition())
                .isFalse();
    }

    @Test
    void theSizeStaysWithinTheLargestScreenAndAboveTheMinimum() {
        Placement huge = new WindowGeometry(0, 0, 5000, 3000, false).placeOn(List.of(LAPTOP), 900, 600);
        assertThat(huge.width()).isEqualTo(1920);
        assertThat(huge.height()).isEqualTo(1050);
        Placement tiny = new WindowGeometry(10, 10, 200, 100, false).placeOn(List.of(LAPTOP), 900, 600);
        assertThat(tiny.width()).isEqualTo(900);
        assertThat(tiny.height()).isEqualTo(600);
        // a screen smaller than the minimum: the screen wins
        Placement small =
                new WindowGeometry(0, 0, 1180, 760, false).placeOn(List.of(new Box(0, 0, 800, 480)), 900, 600);
        assertThat(small.width()).isEqualTo(800);
        assertThat(small.height()).isEqualTo(480);
    }

    @Test
    void maximizedIsKept() {
        assertThat(new WindowGeometry(100, 80, 1180, 760, true)
                        .placeOn(List.of(LAPTOP), 900, 600)
                        .maximized())
                .isTrue();
    }
}
