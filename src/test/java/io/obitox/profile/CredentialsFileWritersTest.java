package io.obitox.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.storage.Provider;
import io.obitox.testing.ChildProcess;
import io.obitox.testing.TestApp;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Writers of the AWS credentials file: two real JVMs at once, a credentials file that is a symbolic link, and a
 * profile whose save fails after its keys were written.
 */
class CredentialsFileWritersTest {
    private static final int PER_JVM = 25;

    static String secret(String prefix, int i) {
        return "writers-secret-" + prefix + "-" + i + "-x9Qz";
    }

    private static ProfileDraft keys(String name, String accessKey, String secret) {
        return new ProfileDraft(
                name,
                Provider.CEPH,
                "http://127.0.0.1:7480",
                null,
                true,
                null,
                ProfileDraft.CredentialMode.KEYS,
                null,
                accessKey,
                secret,
                null);
    }

    @Test
    void twoProcessesAddingProfilesAtOnceLoseNoKeys() throws Exception {
        Path dir = TestPaths.newDir("aws-writers");
        Path credentials = dir.resolve("aws/credentials");
        Path go = dir.resolve("go");
        List<Process> children = new ArrayList<>();
        for (String prefix : List.of("left", "right")) {
            for (int i = 0; i < PER_JVM; i++) {
                TestSecrets.register(secret(prefix, i));
            }
            List<String> cmd = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    ChildProcess.classpath(),
                    AddProfilesMain.class.getName(),
                    dir.resolve(prefix + "-home").toString(),
                    credentials.toString(),
                    prefix,
                    Integer.toString(PER_JVM),
                    go.toString());
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir.toFile(), prefix + ".out")));
            pb.redirectError(ProcessBuilder.Redirect.appendTo(new File(dir.toFile(), prefix + ".err")));
            children.add(pb.start());
        }
        Thread.sleep(4000); // both JVMs open their homes, then start together
        Files.writeString(go, "go");
        for (Process p : children) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
            assertThat(p.exitValue()).as("child exit; see %s", dir).isZero();
        }

        AwsSharedFiles files = new AwsSharedFiles(credentials, dir.resolve("aws/config"));
        List<String> expected = new ArrayList<>();
        for (String prefix : List.of("left", "right")) {
            for (int i = 0; i < PER_JVM; i++) {
                expected.add(ProfileService.managedAwsProfileName(prefix + "-" + i));
            }
        }
        assertThat(files.profileNames()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(files.credentialsProvider("obitox-right-7")
                        .resolveCredentials()
                        .secretAccessKey())
                .isEqualTo(secret("right", 7));
    }

    @Test
    void aCredentialsFileThatIsALinkStaysALinkAndItsTargetGetsTheKeys() throws Exception {
        try (TestApp app = TestApp.create("aws-link")) {
            Path link = app.awsFiles().credentialsFile();
            Path target = app.dir().resolve("dotfiles/aws-credentials");
            Files.createDirectories(target.getParent());
            Files.writeString(target, "[default]\naws_access_key_id = AKIAMINE\naws_secret_access_key = mine\n");
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, target);
            String secret = TestSecrets.register("link-secret-" + System.nanoTime());

            StorageProfile p = app.context().profiles().add(keys("Linked", "AKIALINKED", secret));

            assertThat(Files.isSymbolicLink(link)).isTrue();
            assertThat(Files.readSymbolicLink(link)).isEqualTo(target);
            assertThat(Files.readString(target))
                    .contains("[default]", "aws_secret_access_key = mine", "[" + p.awsProfile() + "]", secret);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                    .isEqualTo("rw-------");
            assertThat(Files.list(link.getParent()).map(x -> x.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aProfileWhoseSaveFailsLeavesNoKeysBehind() throws Exception {
        try (TestApp app = TestApp.create("aws-rollback")) {
            ProfileService profiles = app.context().profiles();
            String kept = TestSecrets.register("rollback-kept-" + System.nanoTime());
            StorageProfile before = profiles.add(keys("Kept", "AKIAKEPT", kept));
            // the database refuses the row only at the save, after validation passed and the keys were written
            app.context()
                    .database()
                    .update(c -> c.createStatement()
                            .execute("ALTER TABLE profile ADD CONSTRAINT test_refuse"
                                    + " CHECK (endpoint <> 'http://refused:1')"));
            String lost = TestSecrets.register("rollback-lost-" + System.nanoTime());

            ProfileDraft refused = new ProfileDraft(
                    "Refused",
                    Provider.CEPH,
                    "http://refused:1",
                    null,
                    true,
                    null,
                    ProfileDraft.CredentialMode.KEYS,
                    null,
                    "AKIAREFUSED",
                    lost,
                    null);
            assertThatThrownBy(() -> profiles.add(refused)).isInstanceOf(ObitoxException.class);
            String text = Files.readString(app.awsFiles().credentialsFile());
            assertThat(text).doesNotContain(lost).doesNotContain("AKIAREFUSED").contains(kept);
            assertThat(app.awsFiles().profileNames()).containsExactly(before.awsProfile());

            // an edit whose save fails keeps the old keys, not the new ones
            String newer = TestSecrets.register("rollback-newer-" + System.nanoTime());
            ProfileDraft edit = new ProfileDraft(
                    "Kept",
                    Provider.CEPH,
                    "http://refused:1",
                    null,
                    true,
                    null,
                    ProfileDraft.CredentialMode.KEYS,
                    null,
                    "AKIANEWER",
                    newer,
                    null);
            assertThatThrownBy(() -> profiles.update(before.id(), edit)).isInstanceOf(ObitoxException.class);
            assertThat(app.awsFiles()
                            .credentialsProvider(before.awsProfile())
                            .resolveCredentials()
                            .secretAccessKey())
                    .isEqualTo(kept);
            assertThat(Files.readString(app.awsFiles().credentialsFile())).doesNotContain(newer);
        }
    }
}
