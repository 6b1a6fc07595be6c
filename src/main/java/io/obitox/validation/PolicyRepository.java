package io.obitox.validation;

import io.obitox.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Custom policies (as JSON) and the policy chosen per profile and bucket, in the app database (migration V3).
 * Thread-safe; each call is one short statement or transaction.
 */
public final class PolicyRepository {
    private final Database db;

    public PolicyRepository(Database db) {
        this.db = db;
    }

    public List<ValidationPolicy> findAll() {
        return db.query(c -> {
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT name, policy_json FROM validation_policy ORDER BY name_key");
                    ResultSet rs = ps.executeQuery()) {
                List<ValidationPolicy> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs.getString(1), rs.getString(2)));
                }
                return out;
            }
        });
    }

    public Optional<ValidationPolicy> find(String nameKey) {
        return db.query(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT name, policy_json FROM validation_policy WHERE name_key = ?")) {
                ps.setString(1, nameKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(map(rs.getString(1), rs.getString(2)))
                            : Optional.<ValidationPolicy>empty();
                }
            }
        });
    }

    /** Inserts or replaces the policy with the same name key. */
    public void save(ValidationPolicy policy, Instant now) {
        db.update(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO validation_policy (name_key, name, policy_json, updated_at) KEY (name_key) "
                            + "VALUES (?, ?, ?, ?)")) {
                ps.setString(1, policy.key());
                ps.setString(2, policy.name());
                ps.setString(3, PolicyJson.write(policy));
                ps.setTimestamp(4, Timestamp.from(now));
                ps.executeUpdate();
            }
        });
    }

    /** Deletes the policy and every assignment to it, in one transaction; false when there was no such policy. */
    public boolean delete(String nameKey) {
        return db.inTransaction(c -> {
            try (PreparedStatement targets = c.prepareStatement("DELETE FROM validation_target WHERE policy_key = ?");
                    PreparedStatement policy = c.prepareStatement("DELETE FROM validation_policy WHERE name_key = ?")) {
                targets.setString(1, nameKey);
                targets.executeUpdate();
                policy.setString(1, nameKey);
                return policy.executeUpdate() > 0;
            }
        });
    }

    /** The policy key chosen for exactly this profile and bucket ("" = all buckets of the profile). */
    public Optional<String> assignment(String profileId, String bucket) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT policy_key FROM validation_target WHERE profile_id = ? AND bucket = ?")) {
                ps.setString(1, profileId);
                ps.setString(2, bucket);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    public void assign(String profileId, String bucket, String policyKey, Instant now) {
        db.update(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO validation_target (profile_id, bucket, policy_key, updated_at) KEY (profile_id, bucket)"
                            + " VALUES (?, ?, ?, ?)")) {
                ps.setString(1, profileId);
                ps.setString(2, bucket);
                ps.setString(3, policyKey);
                ps.setTimestamp(4, Timestamp.from(now));
                ps.executeUpdate();
            }
        });
    }

    public boolean unassign(String profileId, String bucket) {
        return db.query(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM validation_target WHERE profile_id = ? AND bucket = ?")) {
                ps.setString(1, profileId);
                ps.setString(2, bucket);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Every assignment as (profile id, bucket or "", policy key). */
    public List<String[]> assignments() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT profile_id, bucket, policy_key FROM validation_target ORDER BY profile_id, bucket");
                    ResultSet rs = ps.executeQuery()) {
                List<String[]> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
                return out;
            }
        });
    }

    private static ValidationPolicy map(String name, String json) {
        return PolicyJson.read(json, name, "'" + name + "' stored in the database");
    }
}
