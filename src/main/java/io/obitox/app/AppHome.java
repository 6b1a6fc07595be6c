package io.obitox.app;

import io.obitox.common.ObitoxException;
import io.obitox.common.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The per-user folder that holds the database, logs and sandbox data. Resolution order: {@code --home DIR}, the
 * {@code OBITOX_HOME} variable, then the operating system's standard data folder.
 */
public record AppHome(Path root) {

    public static AppHome resolve(String homeOption, Map<String, String> env, String osName, String userHome) {
        if (homeOption != null && !homeOption.isBlank()) {
            return new AppHome(Path.of(homeOption).toAbsolutePath());
        }
        String fromEnv = env.get("OBITOX_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new AppHome(Path.of(fromEnv).toAbsolutePath());
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.getOrDefault("APPDATA", userHome + "\\AppData\\Roaming");
            return new AppHome(Path.of(appData, "ObitoX"));
        }
        if (os.contains("mac")) {
            return new AppHome(Path.of(userHome, "Library", "Application Support", "ObitoX"));
        }
        // The XDG spec: a relative path in XDG_DATA_HOME is invalid and must be ignored.
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(userHome, ".local", "share");
        return new AppHome(base.resolve("obitox"));
    }

    public static AppHome resolve(String homeOption) {
        return resolve(homeOption, System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    /** The value of {@code --home DIR} or {@code --home=DIR} in raw arguments, or null. */
    public static String homeOption(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--home") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--home=")) {
                return args[i].substring("--home=".length());
            }
        }
        return null;
    }

    public Path database() {
        return root.resolve("db");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path sandbox() {
        return root.resolve("sandbox");
    }

    /** The key that encrypts webhook signing secrets in the database (readable by the user only). */
    public Path webhookKey() {
        return root.resolve("webhooks.key");
    }

    /**
     * Creates the folders, for the user only (mode 0700, or an owner-only ACL on Windows). A folder that group or
     * others may write is refused, not tightened: whoever could write it may already have put a database, key or
     * sandbox file there, and the user should decide about it.
     */
    public AppHome create() {
        Path[] folders = {root, database(), logs(), sandbox()};
        for (Path dir : folders) {
            refuseIfOthersCanWrite(dir);
        }
        try {
            for (Path dir : folders) {
                Files.createDirectories(dir);
                restrictToOwner(dir);
            }
            return this;
        } catch (IOException e) {
            throw new ObitoxException(
                    "HOME_UNUSABLE",
                    "Cannot create the ObitoX data folder " + root + ": " + e.getMessage() + ".",
                    "Pick another folder with --home DIR or OBITOX_HOME, or fix its permissions.",
                    e);
        }
    }

    private static void refuseIfOthersCanWrite(Path dir) {
        Optional<String> mode;
        try {
            mode = Files.isDirectory(dir) ? OwnerOnly.writableByOthers(dir) : Optional.empty();
        } catch (IOException e) {
            return; // not readable here: creating it reports the problem
        }
        if (mode.isPresent()) {
            throw new ObitoxException(
                    "HOME_NOT_PRIVATE",
                    "The ObitoX data folder " + dir + " can be changed by other users (mode " + mode.get()
                            + "), so ObitoX will not keep its database and keys there.",
                    "Make it yours alone: chmod go-w " + dir + " (or chmod 700 " + dir
                            + "), or choose another folder with --home DIR.");
        }
    }

    static void restrictToOwner(Path dir) {
        try {
            OwnerOnly.restrictFolder(dir);
        } catch (UnsupportedOperationException | IOException ignored) {
            // some mounted file systems (FAT, some network shares) have neither POSIX modes nor ACLs
        }
    }
}
