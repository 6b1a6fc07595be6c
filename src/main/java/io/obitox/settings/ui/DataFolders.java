package io.obitox.settings.ui;

/**
 * Where this ObitoX keeps its data, and its version, as the Settings view shows them. Given by the composition root
 * (the view model would otherwise depend on {@code io.obitox.app}, which depends on every view).
 *
 * @param version the line shown under the folders, e.g. {@code ObitoX 1.2.0 · Java 17.0.9}
 */
public record DataFolders(
        String home, String database, String logs, String sandbox, String credentialsFile, String version) {}
