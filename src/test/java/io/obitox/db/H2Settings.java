package io.obitox.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one of H2's settings as the database reports it (INFORMATION_SCHEMA.SETTINGS), for tests. */
final class H2Settings {
    private H2Settings() {}

    static String value(Connection c, String name) throws SQLException {
        try (var st =
                c.prepareStatement("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : "(not listed)";
            }
        }
    }

    static String value(Database db, String name) {
        return db.query(c -> value(c, name));
    }
}
