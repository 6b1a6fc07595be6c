package io.obitox.app.ui;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The main window's size and position as saved in the settings ({@code x,y,width,height,maximized}), and where to put
 * it on the screens there are today. Plain arithmetic, no JavaFX, so it is tested without a toolkit.
 *
 * @param x left edge of the window when it was last not maximized
 * @param maximized whether it was maximized when it closed
 */
public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
    /** A screen's usable area (without task bars), in the same coordinates as the window. */
    public record Box(double x, double y, double width, double height) {
        double overlapWidth(Box o) {
            return Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
        }

        double overlapHeight(Box o) {
            return Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
        }
    }

    /**
     * Where the window goes.
     *
     * @param keepPosition false when the saved position is on no screen any more (a monitor was unplugged): then
     *     the window is centred instead
     */
    public record Placement(double x, double y, double width, double height, boolean keepPosition, boolean maximized) {}

    /** How much of the title bar must be on one screen for the saved position to count as visible. */
    static final double TITLE_BAR_HEIGHT = 32;

    static final double MIN_VISIBLE_WIDTH = 120;

    public String format() {
        return String.format(Locale.ROOT, "%.0f,%.0f,%.0f,%.0f,%s", x, y, width, height, maximized);
    }

    /** The saved value, or empty when it is missing or not one of ours. */
    public static Optional<WindowGeometry> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] p = text.trim().split(",");
        if (p.length != 5) {
            return Optional.empty();
        }
        try {
            WindowGeometry g = new WindowGeometry(
                    Double.parseDouble(p[0]),
                    Double.parseDouble(p[1]),
                    Double.parseDouble(p[2]),
                    Double.parseDouble(p[3]),
                    Boolean.parseBoolean(p[4]));
            boolean finite = Double.isFinite(g.x)
                    && Double.isFinite(g.y)
                    && Double.isFinite(g.width)
                    && Double.isFinite(g.height);
            return finite && g.width > 0 && g.height > 0 ? Optional.of(g) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Fits this geometry to today's screens: the size is kept within the minimum and the largest screen; the position
     * is kept only if enough of the title bar lies on one screen, so the window can be grabbed and moved.
     */
    public Placement placeOn(List<Box> screens, double minWidth, double minHeight) {
        double maxW = screens.stream().mapToDouble(Box::width).max().orElse(width);
        double maxH = screens.stream().mapToDouble(Box::height).max().orElse(height);
        double w = Math.max(Math.min(width, maxW), Math.min(minWidth, maxW));
        double h = Math.max(Math.min(height, maxH), Math.min(minHeight, maxH));
        Box titleBar = new Box(x, y, w, TITLE_BAR_HEIGHT);
        boolean visible = screens.stream()
                .anyMatch(s -> titleBar.overlapWidth(s) >= Math.min(MIN_VISIBLE_WIDTH, w)
                        && titleBar.overlapHeight(s) >= TITLE_BAR_HEIGHT / 2);
        return new Placement(x, y, w, h, visible, maximized);
    }
}
