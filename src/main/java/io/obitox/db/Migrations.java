package io.obitox.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Flyway migrations this build carries ({@code db/migration/V<n>__*.sql}), read without starting Flyway. */
final class Migrations {
    static final String LOCATION = "db/migration";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__.+\\.sql");

    private Migrations() {}

    /**
     * The highest version among the bundled migration scripts. A constant, because listing them means reading the
     * whole (fat) jar's directory at every start; {@code MigrationsTest} checks it against the scripts.
     */
    static final int LATEST = 18;

    /** The highest version number among the bundled migration scripts, read from the scripts themselves. */
    static int latestListed() {
        return names().stream()
                .map(NAME::matcher)
                .filter(Matcher::matches)
                .mapToInt(m -> Integer.parseInt(m.group(1)))
                .max()
                .orElse(0);
    }

    static List<String> names() {
        URL url = Migrations.class.getClassLoader().getResource(LOCATION);
        if (url == null) {
            return List.of();
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                List<String> out = new ArrayList<>();
                JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String n = e.nextElement().getName();
                    if (n.startsWith(LOCATION + "/") && n.length() > LOCATION.length() + 1) {
                        out.add(n.substring(LOCATION.length() + 1));
                    }
                }
                return out;
            }
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                return files.map(p -> p.getFileName().toString()).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The highest schema version Flyway recorded as applied, or 0 for a new (or foreign) database. */
    static int appliedVersion(Connection c) {
        try (var st = c.createStatement();
                var rs = st.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\"")) {
            int max = 0;
            while (rs.next()) {
                String v = rs.getString(1);
                if (v != null && v.matches("\\d+")) {
                    max = Math.max(max, Integer.parseInt(v));
                }
            }
            return max;
        } catch (SQLException noHistoryYet) {
            return 0;
        }
    }
}
