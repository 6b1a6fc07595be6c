package io.obitox.fixturealpha;

import io.obitox.fixturebeta.Beta;

/** Half of a deliberate package cycle that {@code ArchitectureTest} must report (only that test imports it). */
public class Alpha {
    public Beta beta() {
        return new Beta();
    }
}
