package io.obitox.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
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

    /** The English stays as the command line, logs and JSON read it; a view renders the same message in German. */
    @Test
    void fileProblemsAreEnglishAsBeforeAndGermanInAGermanView() {
        Messages german = Messages.of(Locale.GERMAN);
        UserMessage missing = Errors.describe(new NoSuchFileException("/data/photo.jpg"));
        assertThat(missing.fix()).isEqualTo("Check that the file still exists and the path is right.");
        assertThat(german.oneLine(missing))
                .isEqualTo("Datei nicht gefunden: /data/photo.jpg. "
                        + "Prüfen Sie, ob die Datei noch existiert und der Pfad stimmt.");

        UserMessage full = Errors.describe(new FileSystemException("/data/out.bin", null, "No space left on device"));
        assertThat(full.oneLine()).isEqualTo("Could not use /data/out.bin: No space left on device.");
        assertThat(german.oneLine(full))
                .isEqualTo("/data/out.bin konnte nicht verwendet werden: Kein Platz mehr auf dem Datenträger.");
        UserMessage fullStream = Errors.describe(new IOException("No space left on device"));
        assertThat(fullStream.message()).isEqualTo("Input/output error: No space left on device.");
        assertThat(german.message(fullStream)).isEqualTo("Ein-/Ausgabefehler: Kein Platz mehr auf dem Datenträger.");
        // a reason the system words otherwise is shown as it said it
        UserMessage odd = Errors.describe(new FileSystemException("/x", null, "Stale file handle"));
        assertThat(german.message(odd)).isEqualTo("/x konnte nicht verwendet werden: Stale file handle.");

        UserMessage denied = Errors.describe(new AccessDeniedException("/data/secret.jpg"));
        assertThat(denied.oneLine())
                .isEqualTo("Permission denied: /data/secret.jpg. "
                        + "Give your user read access to the file, or pick another one.");
        assertThat(german.message(denied)).isEqualTo("Zugriff verweigert: /data/secret.jpg.");
        assertThat(german.message(Errors.describe(new CancellationException()))).isEqualTo("Abgebrochen.");
        UserMessage timeout = Errors.describe(new java.net.SocketTimeoutException("read timed out"));
        assertThat(timeout.oneLine())
                .isEqualTo("The server did not answer in time. Check your network, then try again.");
        for (UserMessage m : java.util.List.of(missing, full, fullStream, odd, denied, timeout)) {
            assertThat(german.oneLine(m)).doesNotContain("svc.").isNotEqualTo(m.oneLine());
        }
    }
}
