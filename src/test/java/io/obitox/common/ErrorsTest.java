package io.obitox.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void fileProblemsNameTheFile() {
        UserMessage missing = Errors.describe(new NoSuchFileException("/data/photo.jpg"));
        assertThat(missing.code()).isEqualTo("FILE_NOT_FOUND");
        assertThat(missing.message()).isEqualTo("File not found: /data/photo.jpg.");
        UserMessage denied = Errors.describe(new AccessDeniedException("/data/secret.jpg"));
        assertThat(denied.code()).isEqualTo("UNREADABLE");
        assertThat(denied.message()).contains("/data/secret.jpg");
        UserMessage other = Errors.describe(new FileSystemException("/data/x", null, "Read-only file system"));
        assertThat(other.code()).isEqualTo("IO_ERROR");
        assertThat(other.message()).contains("Read-only file system");
    }

    @Test
    void cancellationIsNotAnError() {
        assertThat(Errors.describe(new CancellationException()).code()).isEqualTo("CANCELLED");
        assertThat(Errors.describe(new CompletionException(new InterruptedException()))
                        .code())
                .isEqualTo("CANCELLED");
    }

    @Test
    void unknownFailuresAreReadableAndRedacted() {
        UserMessage m = Errors.describe(new IllegalStateException("boom with aws_secret_access_key=abc123XYZ"));
        assertThat(m.code()).isEqualTo("UNEXPECTED");
        assertThat(m.message()).contains("boom").doesNotContain("abc123XYZ");
        assertThat(Errors.describe(new IllegalStateException()).message()).contains("IllegalStateException");
        assertThat(Errors.describe(new IOException("pipe closed")).code()).isEqualTo("IO_ERROR");
        assertThat(Errors.describe(new IllegalArgumentException("Not a size: 'x'."))
                        .code())
                .isEqualTo("INVALID_INPUT");
    }

    @Test
    void obitoxExceptionsKeepTheirCodeAndFix() {
        UserMessage m =
                Errors.describe(new CompletionException(new ObitoxException("MY_CODE", "It broke.", "Do this.")));
        assertThat(m).isEqualTo(new UserMessage("MY_CODE", "It broke.", "Do this."));
        assertThat(m.oneLine()).isEqualTo("It broke. Do this.");
        assertThat(new UserMessage("C", "Only message.", "").oneLine()).isEqualTo("Only message.");
    }
}
