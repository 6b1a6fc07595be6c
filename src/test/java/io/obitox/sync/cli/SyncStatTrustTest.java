package io.obitox.sync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.obitox.testing.CliRun;
import io.obitox.testing.S3ProxyServer;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 15, the git-index check of {@code obitox sync}: an unchanged file is decided by one stat (size, mtime, ctime,
 * inode) against the upload index and the listing, and not read ({@code "filesRead"} in the JSON summary counts the
 * files planning read); an edit that keeps the size and puts the mtime back, and a file renamed into place, are
 * still caught (their ctime or inode moved); a racy entry (the file changed within 2 s of the moment its entry was
 * proven) is read again until its stat has settled. Real files, the real CLI, the in-process S3Proxy.
 */
class SyncStatTrustTest {
    private static final int FILES = 30;
    private static final int SIZE = 64 * 1024;
    private static S3ProxyServer server;
    private static Path home;
    private static Path folder;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket("stat");
        Path dir = TestPaths.newDir("sync-stat");
        home = dir.resolve("home");
        folder = dir.resolve("folder");
        Files.createDirectories(folder);
        CliRun.addProfile(home, "Stat", server, "stat");
        s3 = server.client();
        Random random = new Random(15);
        for (int i = 0; i < FILES; i++) {
            byte[] data = new byte[SIZE];
            random.nextBytes(data);
            Files.write(folder.resolve("f" + i + ".bin"), data);
        }
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    private static JsonNode sync() {
        return CliRun.run(
                        home,
                        "sync",
                        folder.toString(),
                        "--bucket",
                        "stat",
                        "--prefix",
                        "p/",
                        "--json",
                        "-q",
                        "--profile",
                        "Stat")
                .ok()
                .json()
                .get("summary");
    }

    private static void settle() throws InterruptedException {
        Thread.sleep(2_200); // past the 2 s racy window of every stat taken so far
    }

    private static byte[] object(String key) {
        return s3.getObjectAsBytes(b -> b.bucket("stat").key(key)).asByteArray();
    }

    @Test
    void unchangedFilesAreDecidedByStatAndEditsThatKeepSizeAndMtimeAreStillFound() throws Exception {
        settle(); // the files were written in @BeforeAll: their entries would be racy otherwise
        JsonNode first = sync();
        assertThat(first.get("uploaded").asInt()).isEqualTo(FILES);

        JsonNode unchanged = sync();
        assertThat(unchanged.get("skippedIdentical").asInt()).isEqualTo(FILES);
        assertThat(unchanged.get("filesRead").asInt())
                .as("every entry was proven with a settled stat: nothing is read")
                .isZero();

        // same size, other bytes, mtime put back (what touch -d does); and a file renamed into place the same way
        Path edited = folder.resolve("f3.bin");
        FileTime mtime = Files.getLastModifiedTime(edited);
        byte[] data = Files.readAllBytes(edited);
        data[SIZE / 2] ^= 1;
        Files.write(edited, data);
        Files.setLastModifiedTime(edited, mtime);
        assertThat(Files.getLastModifiedTime(edited)).isEqualTo(mtime);
        Path replaced = folder.resolve("f7.bin");
        FileTime mtime7 = Files.getLastModifiedTime(replaced);
        byte[] data7 = Files.readAllBytes(replaced);
        data7[0] ^= 1;
        Path tmp = Files.write(folder.resolve(".f7.tmp"), data7);
        Files.setLastModifiedTime(tmp, mtime7);
        Files.move(tmp, replaced, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        JsonNode changed = sync();
        assertThat(changed.get("uploaded").asInt()).isEqualTo(2);
        assertThat(changed.get("skippedIdentical").asInt()).isEqualTo(FILES - 2);
        assertThat(changed.get("filesRead").asInt())
                .as("only the two changed files are read")
                .isEqualTo(2);
        assertThat(object("p/f3.bin")).isEqualTo(data);
        assertThat(object("p/f7.bin")).isEqualTo(data7);

        // their entries were written within 2 s of the edits: racy, so they are read again (and found identical)
        JsonNode racy = sync();
        assertThat(racy.get("skippedIdentical").asInt()).isEqualTo(FILES);
        assertThat(racy.get("filesRead").asInt()).isEqualTo(2);

        // once the edits are older than 2 s, a read records the settled stat (the run above already did when it
        // came 2 s after them), and then nothing is read
        settle();
        assertThat(sync().get("filesRead").asInt()).isIn(0, 2);
        JsonNode settled = sync();
        assertThat(settled.get("skippedIdentical").asInt()).isEqualTo(FILES);
        assertThat(settled.get("filesRead").asInt()).isZero();

        // the listing check stays: an object overwritten by another tool is not trusted, whatever the stat says
        s3.putObject(b -> b.bucket("stat").key("p/f9.bin"), RequestBody.fromBytes(new byte[SIZE]));
        JsonNode overwritten = sync();
        assertThat(overwritten.get("uploaded").asInt()).isEqualTo(1);
        assertThat(object("p/f9.bin")).isEqualTo(Files.readAllBytes(folder.resolve("f9.bin")));
        assertThat(overwritten.get("filesRead").asInt()).isEqualTo(1);
    }
}
