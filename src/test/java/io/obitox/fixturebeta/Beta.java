package io.obitox.fixturebeta;

import io.obitox.fixturealpha.Alpha;

/** The other half of the deliberate cycle of {@code io.obitox.fixturealpha.Alpha}. */
public class Beta {
    public Alpha alpha() {
        return new Alpha();
    }
}
