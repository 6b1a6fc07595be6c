package io.obitox.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version the build stamped into {@code version.properties}. */
public final class Version {
    private Version() {}

    public static String current() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // fall through to the default
        }
        String v = p.getProperty("version", "dev");
        return v.startsWith("${") ? "dev" : v;
    }
}
