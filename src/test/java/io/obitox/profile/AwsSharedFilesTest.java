package io.obitox.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.obitox.common.Messages;
import io.obitox.common.ObitoxException;
import io.obitox.storage.S3Errors;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class AwsSharedFilesTest {
    private static final String OTHER_SECTIONS = """
            # my personal keys, written by aws configure
            [default]
            aws_access_key_id = AKIADEFAULT
            aws_secret_access_key = default-secret-value

            ; work account
            [work]
            aws_access_key_id = AKIAWORK
            aws_secret_access_key = work-secret-value
            """;

    private final Path dir = TestPaths.newDir("aws-files").resolve("aws");
    private final AwsSharedFiles files = new AwsSharedFiles(dir.resolve("credentials"), dir.resolve("config"));

    private static String secret() {
        return TestSecrets.register("aws-files-secret-" + UUID.randomUUID());
    }

    private String credentials() throws IOException {
        return Files.readString(files.credentialsFile());
    }

    @Test
    void writesASectionTheWayAwsConfigureDoes() throws IOException {
        String secret = secret();
        files.writeKeys("obitox-x", "AKIAOBITOXX", secret, null);
        assertThat(credentials())
                .isEqualTo("[obitox-x]\naws_access_key_id = AKIAOBITOXX\naws_secret_access_key = " + secret + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.credentialsFile())))
                .isEqualTo("rw-------");
        assertThat(files.hasProfile("obitox-x")).isTrue();
    }

    @Test
    void writesTheSessionTokenOfTemporaryKeys() throws IOException {
        String token = TestSecrets.register(
                "FwoGZXIvYXdzE" + UUID.randomUUID().toString().replace("-", ""));
        files.writeKeys("obitox-temp", "ASIATEMP", secret(), token);
        assertThat(credentials()).contains("aws_session_token = " + token + "\n");
        AwsCredentials c = files.credentialsProvider("obitox-temp").resolveCredentials();
        assertThat(c).isInstanceOf(AwsSessionCredentials.class);
        assertThat(((AwsSessionCredentials) c).sessionToken()).isEqualTo(token);
    }

    @Test
    void replacesItsSectionInsteadOfAddingASecond() throws IOException {
        files.writeKeys("obitox-x", "AKIAFIRST", secret(), null);
        String second = secret();
        files.writeKeys("obitox-x", "AKIASECOND", second, null);
        String content = credentials();
        assertThat(content.split("\\[obitox-x]", -1)).hasSize(2);
        assertThat(content).doesNotContain("AKIAFIRST").contains("AKIASECOND").contains(second);
    }

    @Test
    void keepsOtherSectionsAndCommentsWhenWritingAndRemoving() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(files.credentialsFile(), OTHER_SECTIONS);
        Files.setPosixFilePermissions(files.credentialsFile(), PosixFilePermissions.fromString("rw-r--r--"));

        files.writeKeys("obitox-x", "AKIAOBITOXX", secret(), null);
        String written = credentials();
        assertThat(written).startsWith(OTHER_SECTIONS).contains("\n[obitox-x]\naws_access_key_id = AKIAOBITOXX\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.credentialsFile())))
                .as("tightened like aws configure")
                .isEqualTo("rw-------");

        files.removeKeys("obitox-x");
        assertThat(credentials()).isEqualTo(OTHER_SECTIONS);
        assertThat(files.profileNames()).containsExactly("default", "work");
    }

    @Test
    void removingASectionInTheMiddleKeepsTheCommentThatIntroducesTheNextOne() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(files.credentialsFile(), """
                [obitox-x]
                aws_access_key_id = AKIAOBITOXX
                aws_secret_access_key = x-secret

                # the work account, do not touch
                [work]
                aws_access_key_id = AKIAWORK
                aws_secret_access_key = work-secret-value
                """);
        files.removeKeys("obitox-x");
        assertThat(credentials()).isEqualTo("""
                # the work account, do not touch
                [work]
                aws_access_key_id = AKIAWORK
                aws_secret_access_key = work-secret-value
                """);
    }

    @Test
    void removingAnAbsentSectionOrFileChangesNothing() throws IOException {
        files.removeKeys("obitox-none");
        assertThat(files.credentialsFile()).doesNotExist();
        Files.createDirectories(dir);
        Files.writeString(files.credentialsFile(), OTHER_SECTIONS);
        files.removeKeys("obitox-none");
        assertThat(credentials()).isEqualTo(OTHER_SECTIONS);
    }

    @Test
    void rejectsKeysWithSpacesOrBracketsAndEmptyKeys() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(files.credentialsFile(), OTHER_SECTIONS);
        assertCode(() -> files.writeKeys("obitox-x", "AKIA WITH SPACE", "secret", null), "INVALID_CREDENTIALS");
        assertCode(() -> files.writeKeys("obitox-x", "AKIAOK", "sec ret", null), "INVALID_CREDENTIALS");
        assertCode(() -> files.writeKeys("obitox-x", "AKIAOK", "secret\n[default]", null), "INVALID_CREDENTIALS");
        assertCode(() -> files.writeKeys("obitox-x", "[AKIA]", "secret", null), "INVALID_CREDENTIALS");
        assertCode(() -> files.writeKeys("obitox-x", "", "secret", null), "MISSING_CREDENTIALS");
        assertCode(() -> files.writeKeys("obitox-x", "AKIAOK", "  ", null), "MISSING_CREDENTIALS");
        assertThat(credentials()).as("nothing written").isEqualTo(OTHER_SECTIONS);
    }

    /** The reasons keep their English (CLI) and name the field in German for a German view. */
    @Test
    void aRefusedKeySaysWhichFieldInEitherLanguage() {
        Messages german = Messages.of(Locale.GERMAN);
        ObitoxException empty =
                catchThrowableOfType(() -> files.writeKeys("obitox-x", "AKIAOK", " ", null), ObitoxException.class);
        assertThat(empty.toUserMessage().oneLine())
                .isEqualTo("The secret access key is empty. Type the secret access key.");
        assertThat(german.oneLine(empty.toUserMessage()))
                .isEqualTo("Das Feld „Geheimschlüssel“ ist leer. Geben Sie „Geheimschlüssel“ ein.");
        ObitoxException spaces = catchThrowableOfType(
                () -> files.writeKeys("obitox-x", "AKIA WITH SPACE", "secret", null), ObitoxException.class);
        assertThat(spaces.getMessage())
                .isEqualTo("The access key ID contains spaces or characters that keys never contain.");
        assertThat(german.message(spaces.toUserMessage())).startsWith("„Schlüssel-ID“ enthält Leerzeichen");
    }

    @Test
    void rejectsASessionTokenThatWouldInjectLines() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(files.credentialsFile(), OTHER_SECTIONS);
        assertCode(
                () -> files.writeKeys("obitox-x", "AKIAOK", "secret", "token\n[default]\naws_access_key_id = EVIL"),
                "INVALID_CREDENTIALS");
        assertThat(credentials()).isEqualTo(OTHER_SECTIONS);
    }

    @Test
    void surroundingWhitespaceOfPastedKeysIsTrimmed() throws IOException {
        files.writeKeys("obitox-x", "  AKIAPASTED \n", " pasted-secret\t", null);
        TestSecrets.register("pasted-secret");
        assertThat(credentials())
                .contains("aws_access_key_id = AKIAPASTED\n")
                .contains("aws_secret_access_key = pasted-secret\n");
    }

    @Test
    void listsProfilesOfBothFilesButNotSsoSessionsOrServices() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(files.credentialsFile(), OTHER_SECTIONS);
        Files.writeString(files.configFile(), """
                [default]
                region = eu-west-1
                [profile sso-dev]
                sso_session = corp
                sso_account_id = 111122223333
                sso_role_name = Dev
                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-west-1
                [services local-s3]
                s3 =
                  endpoint_url = http://127.0.0.1:9000
                """);
        assertThat(files.profileNames()).containsExactly("default", "sso-dev", "work");
        assertThat(files.hasProfile("sso-dev")).isTrue();
        assertThat(files.hasProfile("corp")).isFalse();
    }

    @Test
    void credentialsProviderSeesChangesToTheFile() throws Exception {
        files.writeKeys("obitox-reload", "AKIABEFORE", secret(), null);
        AwsCredentialsProvider provider = files.credentialsProvider("obitox-reload");
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIABEFORE");

        String after = secret();
        files.writeKeys("obitox-reload", "AKIAAFTER", after, null);
        AwsCredentials c = null;
        for (int i = 0; i < 50; i++) {
            c = provider.resolveCredentials();
            if (c.accessKeyId().equals("AKIAAFTER")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(c.accessKeyId()).isEqualTo("AKIAAFTER");
        assertThat(c.secretAccessKey()).isEqualTo(after);
    }

    @Test
    void credentialsProviderCreatedBeforeTheFileExistsFindsItLater() throws Exception {
        AwsCredentialsProvider provider = files.credentialsProvider("obitox-late");
        files.writeKeys("obitox-late", "AKIALATE", secret(), null);
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIALATE");
    }

    @Test
    void aMissingProfileIsNoCredentials() {
        files.writeKeys("obitox-other", "AKIAOTHER", secret(), null);
        assertThatThrownBy(() -> files.credentialsProvider("obitox-missing").resolveCredentials())
                .satisfies(e -> assertThat(S3Errors.describe(e).code()).isEqualTo(S3Errors.NO_CREDENTIALS));
    }

    private static void assertCode(Runnable r, String code) {
        assertThatThrownBy(r::run)
                .isInstanceOfSatisfying(
                        ObitoxException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
