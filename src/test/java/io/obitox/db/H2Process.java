package io.obitox.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;

/**
 * A second OS process that uses an ObitoX database file, to test what one process sees of another:
 * {@code hold URL} opens it and keeps it open until stdin closes (printing {@code READY}); {@code query URL SQL}
 * runs one statement and prints the first column of each row.
 */
public final class H2Process {
    private static final String PASSWORD_FILE_VARIABLE = "H2PROCESS_PASSWORD_FILE";

    private H2Process() {}

    public static void main(String[] args) throws Exception {
        String passwordFile = System.getenv(PASSWORD_FILE_VARIABLE);
        String password = passwordFile == null
                ? ""
                : Files.readString(Path.of(passwordFile), StandardCharsets.US_ASCII)
                        .trim();
        try (Connection c = DriverManager.getConnection(args[1], "obitox", password)) {
            if (args[0].equals("half-commit")) {
                halfCommit(c);
            } else if (args[0].equals("hold")) {
                System.out.println("READY");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait until the test closes our stdin
                }
            } else {
                try (Statement s = c.createStatement()) {
                    if (s.execute(args[2])) {
                        try (ResultSet rs = s.getResultSet()) {
                            while (rs.next()) {
                                System.out.println(rs.getString(1));
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Leaves the database as a process killed in the middle of a commit does (for {@link LeftoverCommitsTest}): table
     * {@code half} with rows 1..50 at v = 0 committed, then one transaction sets v = 1 on all of them and starts to
     * commit as H2's {@code TransactionStore.commit} does (committing bit, then the mark in the undo log); that state
     * is stored to the file, and the process halts before the changes are made committed. Prints HALF-COMMITTED.
     */
    private static void halfCommit(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE half(id INT PRIMARY KEY, v INT)");
            s.execute("INSERT INTO half SELECT X, 0 FROM SYSTEM_RANGE(1, 50)");
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE half SET v = 1");
        }
        SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
        Transaction t = session.getTransaction();
        TransactionStore store = session.getDatabase().getStore().getTransactionStore();
        Method flip =
                TransactionStore.class.getDeclaredMethod("flipCommittingTransactionsBit", int.class, boolean.class);
        Method mark = TransactionStore.class.getDeclaredMethod("markUndoLogAsCommitted", int.class, long.class);
        flip.setAccessible(true);
        mark.setAccessible(true);
        Object bits = flip.invoke(store, t.getId(), true);
        Method version = bits.getClass().getMethod("getVersion");
        version.setAccessible(true);
        mark.invoke(store, t.getId(), (long) version.invoke(bits));
        session.getDatabase().getStore().getMvStore().commit();
        System.out.println("HALF-COMMITTED");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /** The URL of the ObitoX database in {@code dir}, as the app opens it ({@code AUTO_SERVER}) or exclusively. */
    static String url(Path dir, boolean autoServer) {
        return "jdbc:h2:file:" + dir.resolve("obitox").toAbsolutePath() + (autoServer ? ";AUTO_SERVER=TRUE" : "");
    }

    /** Starts {@code java H2Process ARGS} with H2 and the test classes on the class path. */
    static Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-cp");
        cmd.add(location(org.h2.Driver.class) + java.io.File.pathSeparator + location(H2Process.class));
        cmd.add(H2Process.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // as an ObitoX process of that home would, it logs in with the password kept beside the database folder
        Path passwordFile = passwordFileOf(args[1]);
        if (Files.exists(passwordFile)) {
            pb.environment().put(PASSWORD_FILE_VARIABLE, passwordFile.toString());
        }
        return pb.start();
    }

    private static Path passwordFileOf(String url) {
        String path = url.substring("jdbc:h2:file:".length()).split(";")[0];
        return Path.of(path).toAbsolutePath().getParent().resolveSibling(Database.PASSWORD_FILE);
    }

    /** Runs a query in another process; returns its output lines, or throws with its output when it fails. */
    static List<String> query(String url, String sql) throws Exception {
        Process p = start("query", url, sql);
        p.getOutputStream().close();
        List<String> lines = readAll(p);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("second process failed: " + String.join("\n", lines));
        }
        return lines;
    }

    /** Waits for the READY line of a {@code hold} process. */
    static void awaitReady(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = r.readLine()) != null; ) {
            if (line.equals("READY")) {
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("holder process ended without READY: " + seen);
    }

    private static List<String> readAll(Process p) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
