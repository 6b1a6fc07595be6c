package io.obitox.profile;

import io.obitox.db.Database;
import io.obitox.storage.Provider;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Storage profiles in the app database. Thread-safe; each call is one short statement. */
public final class ProfileRepository {
    private static final String COLUMNS = "id, name, provider, endpoint, region, path_style, default_bucket, "
            + "credential_kind, aws_profile, managed_keys, created_at, updated_at";

    private final Database db;

    public ProfileRepository(Database db) {
        this.db = db;
    }

    public List<StorageProfile> findAll() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                            + " FROM profile ORDER BY CASE WHEN provider = 'SANDBOX' THEN 0 ELSE 1 END, LOWER(name)");
                    ResultSet rs = ps.executeQuery()) {
                List<StorageProfile> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        });
    }

    public Optional<StorageProfile> findById(String id) {
        return findOne("id", id);
    }

    public Optional<StorageProfile> findByName(String name) {
        return findOne("name", name);
    }

    private Optional<StorageProfile> findOne(String column, String value) {
        return db.query(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM profile WHERE " + column + " = ?")) {
                ps.setString(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.<StorageProfile>empty();
                }
            }
        });
    }

    /** Inserts or updates by id. */
    public void save(StorageProfile p) {
        db.update(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO profile (" + COLUMNS + ") KEY (id) " + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, p.id());
                ps.setString(2, p.name());
                ps.setString(3, p.provider().name());
                ps.setString(4, p.endpoint());
                ps.setString(5, p.region());
                ps.setBoolean(6, p.pathStyle());
                ps.setString(7, p.defaultBucket());
                ps.setString(8, p.credentialKind().name());
                ps.setString(9, p.awsProfile());
                ps.setBoolean(10, p.managedKeys());
                ps.setTimestamp(11, Timestamp.from(p.createdAt()));
                ps.setTimestamp(12, Timestamp.from(p.updatedAt()));
                ps.executeUpdate();
            }
        });
    }

    public boolean delete(String id) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM profile WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static StorageProfile map(ResultSet rs) throws SQLException {
        return new StorageProfile(
                rs.getString("id"),
                rs.getString("name"),
                Provider.valueOf(rs.getString("provider")),
                rs.getString("endpoint"),
                rs.getString("region"),
                rs.getBoolean("path_style"),
                rs.getString("default_bucket"),
                CredentialKind.valueOf(rs.getString("credential_kind")),
                rs.getString("aws_profile"),
                rs.getBoolean("managed_keys"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
