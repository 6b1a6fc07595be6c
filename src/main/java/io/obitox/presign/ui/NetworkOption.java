package io.obitox.presign.ui;

import io.obitox.presign.NetworkType;
import java.util.ArrayList;
import java.util.List;

/**
 * An entry of the view's network chooser: measured history (no type), or one row of the network table.
 *
 * @param type null for "measured"
 */
public record NetworkOption(NetworkType type) {

    public static final NetworkOption MEASURED = new NetworkOption(null);

    public static List<NetworkOption> all() {
        List<NetworkOption> out = new ArrayList<>();
        out.add(MEASURED);
        for (NetworkType t : NetworkType.values()) {
            out.add(new NetworkOption(t));
        }
        return out;
    }

    @Override
    public String toString() {
        if (type == null) {
            return "Measured (your uploads)";
        }
        return type.label() + " · " + io.obitox.common.Sizes.rate(type.bytesPerSecond());
    }
}
