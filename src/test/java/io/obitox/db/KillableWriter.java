package io.obitox.db;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A child process for {@link CommitsSurviveKillTest}: opens the database of a home as the app does and commits part
 * rows one by one, appending each id to an ack file only after its commit returned, with inserts and deletes of larger
 * rows beside them so that chunks die and their space is reused. When H2 has just rewritten its file header (the moment
 * after which a kill lost the last commits), it prints {@value #KILL_POINT} and waits to be killed.
 *
 * <p>Arguments: database folder, ack file, first id.
 */
public final class KillableWriter {
    static final String KILL_POINT = "KILL-POINT";
    /** Commits before a header change counts: the first writes after open rewrite the header anyway. */
    private static final int WARM_UP = 30;

    private static final int MAX_COMMITS = 3000;

    private KillableWriter() {}

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        Path ack = Path.of(args[1]);
        long id = Long.parseLong(args[2]);
        Database db = Database.open(directory, Clock.systemUTC());
        db.update(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS kill_part(id BIGINT PRIMARY KEY, etag VARCHAR(64))");
                s.execute("CREATE TABLE IF NOT EXISTS kill_churn(id BIGINT AUTO_INCREMENT PRIMARY KEY, body VARCHAR)");
                // Space of dead chunks is reused only once they are older than the retention time (45 s); the
                // download test's kills were spread over a minute or more. 0 lets that happen at once.
                s.execute("SET RETENTION_TIME 0");
            }
        });
        Random random = new Random(id);
        Path store = Database.storeFile(directory);
        String header = header(store);
        for (int n = 1; n <= MAX_COMMITS; n++) {
            long part = id++;
            db.inTransaction(c -> {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO kill_part VALUES(?, ?)")) {
                    p.setLong(1, part);
                    p.setString(2, Long.toHexString(part * 7919));
                    p.executeUpdate();
                }
                return null;
            });
            Files.writeString(ack, part + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            churn(db, random);
            String now = header(store);
            if (n > WARM_UP && !now.equals(header)) {
                break;
            }
            header = now;
        }
        System.out.println(KILL_POINT);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // the test kills this process; it never closes the database
    }

    private static void churn(Database db, Random random) {
        db.update(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO kill_churn(body) VALUES(?)")) {
                p.setString(1, "x".repeat(500 + random.nextInt(4000)));
                p.executeUpdate();
            }
            if (random.nextInt(4) == 0) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM kill_churn WHERE id < (SELECT MAX(id) - 200 FROM kill_churn)");
                }
            }
        });
    }

    /** The first line of the MVStore file: its header, which names the chunk a reopen after a kill starts from. */
    private static String header(Path store) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(store.toFile(), "r")) {
            byte[] block = new byte[256];
            int read = f.read(block);
            String text = new String(block, 0, Math.max(read, 0), StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\n');
            return end < 0 ? text : text.substring(0, end);
        }
    }

    /** Starts {@code java KillableWriter ARGS} with the test class path; its output goes to {@code log}. */
    static Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        String cp = System.getProperty("surefire.test.class.path");
        cmd.add(cp == null || cp.isBlank() ? System.getProperty("java.class.path") : cp);
        cmd.add(KillableWriter.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }
}
