package io.obitox.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.settings.SettingsService;
import io.obitox.testing.ChildProcess;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * H2's server mode (AUTO_SERVER) listens on loopback, where any local user can connect: the database user has a
 * random password kept in an owner-only file of the app home, which every ObitoX process of that home reads.
 */
class DatabasePasswordTest {
    private static final Clock CLOCK = Clock.systemUTC();

    private static String url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("obitox").toAbsolutePath();
    }

    private static int loginError(Path dir, String password) {
        try (Connection c = DriverManager.getConnection(url(dir), "obitox", password)) {
            return 0;
        } catch (SQLException e) {
            return e.getErrorCode();
        }
    }

    @Test
    void aNewDatabaseGetsARandomPasswordInAnOwnerOnlyFileOfTheAppHome() throws Exception {
        Path home = TestPaths.newDir("db-password");
        Path dir = home.resolve("db");
        Database.open(dir, CLOCK).close();

        Path file = home.resolve(Database.PASSWORD_FILE);
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String password = TestSecrets.register(
                Files.readString(file, StandardCharsets.US_ASCII).trim());
        assertThat(password).hasSizeGreaterThanOrEqualTo(32);
        assertThat(loginError(dir, "")).as("no login without the password").isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD);
        assertThat(loginError(dir, password)).isZero();

        Path other = TestPaths.newDir("db-password-other");
        Database.open(other.resolve("db"), CLOCK).close();
        assertThat(Files.readString(other.resolve(Database.PASSWORD_FILE)).trim())
                .as("another home, another password")
                .isNotEqualTo(password);
    }

    @Test
    void anExistingDatabaseWithoutPasswordGetsOneOnItsFirstOpen() throws Exception {
        Path home = TestPaths.newDir("db-password-legacy");
        Path dir = home.resolve("db");
        // a database as earlier versions left it: the schema, user obitox with an empty password, no password file
        Database.open(dir, CLOCK).close();
        Path file = home.resolve(Database.PASSWORD_FILE);
        String first = Files.readString(file).trim();
        try (Connection c = DriverManager.getConnection(url(dir), "obitox", first);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v VARCHAR)");
            s.execute("INSERT INTO kept VALUES ('from before')");
            s.execute("ALTER USER obitox SET PASSWORD ''");
        }
        Files.delete(file);
        assertThat(loginError(dir, "")).as("as before this version").isZero();
        try (Database db = Database.open(dir, CLOCK)) {
            assertThat(db.recoveryNotice()).isEmpty();
            String kept = db.query(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(kept).isEqualTo("from before");
            new SettingsService(db).put("after", "migration");
        }
        String password = TestSecrets.register(
                Files.readString(home.resolve(Database.PASSWORD_FILE)).trim());
        assertThat(loginError(dir, "")).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD);
        assertThat(loginError(dir, password)).isZero();
        try (Database again = Database.open(dir, CLOCK)) {
            assertThat(new SettingsService(again).get("after")).contains("migration");
        }
    }

    @Test
    void theCommandLineBesideTheWindowReadsTheSameFile() throws Exception {
        Path root = TestPaths.newDir("db-password-cli");
        Path home = root.resolve("home");
        // the window holds the database and serves it (AUTO_SERVER); a CLI in another JVM uses it
        try (Database window = Database.open(home.resolve("db"), CLOCK)) {
            new SettingsService(window).put("written.by", "window");
            Process cli =
                    ChildProcess.start(root, "cli", Map.of(), List.of("--home", home.toString(), "profile", "list"));
            assertThat(cli.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String err = Files.readString(root.resolve("cli.err"));
            assertThat(cli.exitValue()).as(err).isZero();
            assertThat(Files.readString(root.resolve("cli.out"))).contains("Sandbox");
        }
    }

    @Test
    void aPasswordFileThatDoesNotFitIsReportedAndNothingIsMoved() throws Exception {
        Path home = TestPaths.newDir("db-password-wrong");
        Path dir = home.resolve("db");
        Database.open(dir, CLOCK).close();
        Files.writeString(home.resolve(Database.PASSWORD_FILE), "not-the-password\n");
        List<String> before;
        try (var s = Files.list(dir)) {
            before = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThatThrownBy(() -> Database.open(dir, CLOCK)).isInstanceOfSatisfying(ObitoxException.class, e -> {
            assertThat(e.code()).isEqualTo("DATABASE_PASSWORD_WRONG");
            assertThat(e.getMessage()).contains(Database.PASSWORD_FILE);
        });
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .as("nothing moved aside")
                    .isEqualTo(before);
        }
    }
}
