package io.obitox.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import io.obitox.testing.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** Signing secrets at rest: AES-GCM with an owner-only key file, bound to their endpoint. */
class SecretBoxTest {

    @Test
    void createsAnOwnerOnlyKeyFileAndRoundTripsBoundToTheEndpoint() throws Exception {
        Path key = TestPaths.newDir("secret-box").resolve("webhooks.key");
        SecretBox box = SecretBox.open(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");

        String secret = "whsec_" + "A".repeat(43) + "=";
        String sealed = box.encrypt(secret, "ep_1");
        assertThat(sealed).startsWith("v1:").doesNotContain(secret).doesNotContain("AAAAAAAA");
        assertThat(box.encrypt(secret, "ep_1")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box.decrypt(sealed, "ep_1")).isEqualTo(secret);
        assertThat(SecretBox.open(key).decrypt(sealed, "ep_1"))
                .as("the same key after a restart")
                .isEqualTo(secret);

        assertThatThrownBy(() -> box.decrypt(sealed, "ep_2"))
                .isInstanceOf(ObitoxException.class)
                .extracting(e -> ((ObitoxException) e).code())
                .isEqualTo("WEBHOOK_SECRET_UNREADABLE");
    }

    @Test
    void anotherKeyFileCannotDecryptAndSaysHowToRecover() {
        Path dir = TestPaths.newDir("secret-box-other");
        String sealed = SecretBox.open(dir.resolve("a.key")).encrypt("whsec_x", "ep_9");
        assertThatThrownBy(() -> SecretBox.open(dir.resolve("b.key")).decrypt(sealed, "ep_9"))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("cannot be decrypted")
                .satisfies(e -> assertThat(((ObitoxException) e).fix()).contains("rotate ep_9"));
    }

    @Test
    void tightensAKeyFileThatOthersCouldRead() throws Exception {
        Path key = TestPaths.newDir("secret-box-perms").resolve("webhooks.key");
        SecretBox.open(key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        SecretBox.open(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
    }

    @Test
    void aDamagedKeyFileIsAClearError() throws Exception {
        Path key = TestPaths.newDir("secret-box-bad").resolve("webhooks.key");
        Files.writeString(key, "not a key");
        assertThatThrownBy(() -> SecretBox.open(key))
                .isInstanceOf(ObitoxException.class)
                .extracting(e -> ((ObitoxException) e).code())
                .isEqualTo("WEBHOOK_KEY_UNUSABLE");
    }
}
