package io.obitox.settings;

import io.obitox.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Key/value preferences in the app database (theme, default profile, auto-resume …). Thread-safe: every call is
 * one short statement; call off the FX thread.
 */
public final class SettingsService {
    public static final String THEME = "ui.theme";
    /** Desktop notifications when a batch is finished (read by {@code notify.BatchNotifier}, set in Settings). */
    public static final String NOTIFICATIONS = "ui.notifications";

    public static final String DEFAULT_PROFILE = "profile.default";

    private final Database db;

    public SettingsService(Database db) {
        this.db = db;
    }

    public Optional<String> get(String name) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT val FROM setting WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Every setting whose name starts with {@code prefix}, by name (a handful of rows: read in one query). */
    public SortedMap<String, String> withPrefix(String prefix) {
        return db.query(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT name, val FROM setting WHERE name LIKE ? ESCAPE '\\'")) {
                ps.setString(1, prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                SortedMap<String, String> out = new TreeMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
                return out;
            }
        });
    }

    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    public boolean getBoolean(String name, boolean fallback) {
        return get(name).map(Boolean::parseBoolean).orElse(fallback);
    }

    public long getLong(String name, long fallback) {
        return get(name)
                .map(v -> {
                    try {
                        return Long.parseLong(v.trim());
                    } catch (NumberFormatException e) {
                        return fallback;
                    }
                })
                .orElse(fallback);
    }

    public <E extends Enum<E>> E getEnum(String name, Class<E> type, E fallback) {
        return get(name)
                .map(v -> {
                    try {
                        return Enum.valueOf(type, v);
                    } catch (IllegalArgumentException e) {
                        return fallback;
                    }
                })
                .orElse(fallback);
    }

    public void put(String name, String value) {
        db.update(c -> {
            if (value == null) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM setting WHERE name = ?")) {
                    ps.setString(1, name);
                    ps.executeUpdate();
                }
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO setting (name, val) KEY (name) VALUES (?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, value);
                ps.executeUpdate();
            }
        });
    }

    public void put(String name, Object value) {
        put(name, value == null ? null : value instanceof Enum<?> e ? e.name() : String.valueOf(value));
    }
}
