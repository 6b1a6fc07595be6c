package io.obitox.presign.ui;

import io.obitox.common.Messages;
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

    /** How the option reads in the chooser. */
    public String label(Messages messages) {
        if (type == null) {
            return messages.get("links.network.measured");
        }
        return type.label() + " · " + io.obitox.common.Sizes.rate(type.bytesPerSecond());
    }
}
