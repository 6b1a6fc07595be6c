package io.obitox.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Every secret a test hands to ObitoX (secret keys, session tokens, webhook secrets …) is registered here, so that
 * {@code SecretLeakTest}, which runs after the whole suite, can prove none of them reached a database file or a log.
 */
public final class TestSecrets {
    private static final Path FILE = TestPaths.target().resolve("test-secrets.txt");

    private TestSecrets() {}

    public static synchronized String register(String secret) {
        try {
            Files.createDirectories(FILE.getParent());
            List<String> known = Files.exists(FILE) ? Files.readAllLines(FILE, StandardCharsets.UTF_8) : List.of();
            if (!known.contains(secret)) {
                Files.writeString(
                        FILE,
                        secret + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> all() {
        try {
            return Files.exists(FILE)
                    ? Files.readAllLines(FILE, StandardCharsets.UTF_8).stream()
                            .filter(s -> !s.isBlank())
                            .toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
