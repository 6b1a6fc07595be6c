package io.obitox.settings;

/** Light or dark look (AtlantaFX Primer themes). */
public enum Theme {
    LIGHT,
    DARK
}
