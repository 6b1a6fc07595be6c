package io.obitox.upload.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.validation.ValidationResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ReadyFileTest {
    private static ValidationResult valid(Path path, String rel, String key) {
        return new ValidationResult(
                path, rel, 12, "text/plain", "text", "text/plain", "a.txt", key, null, List.of(), null);
    }

    @Test
    void filesOfOneFolderShareItsPathAndGiveTheirOwnBack() {
        Map<Path, Path> bases = new ConcurrentHashMap<>();
        Path a = Path.of("/drop/many/d000/a.txt").toAbsolutePath();
        Path b = Path.of("/drop/many/d001/b.txt").toAbsolutePath();
        ReadyFile fa = ReadyFile.of(valid(a, "many/d000/a.txt", "many/d000/a.txt"), bases);
        ReadyFile fb = ReadyFile.of(valid(b, "many/d001/b.txt", "many/d001/b.txt"), bases);

        assertThat(fa.path()).isEqualTo(a);
        assertThat(fb.path()).isEqualTo(b);
        assertThat(bases).hasSize(1).containsKey(a.getParent().getParent().getParent());
        // the key is the relative path itself when they are equal: one string, not two
        assertThat(fa.objectKey()).isSameAs(fa.relativePath());
        assertThat(fa.size()).isEqualTo(12);
        assertThat(fa.type()).isEqualTo("text");
        assertThat(fa.contentType()).isEqualTo("text/plain");
    }

    @Test
    void aPathThatDoesNotEndWithItsRelativePathIsKeptWhole() {
        Path p = Path.of("/elsewhere/x.txt").toAbsolutePath();
        ReadyFile f = ReadyFile.of(valid(p, "folder/x.txt", "pre/folder/x.txt"), new ConcurrentHashMap<>());

        assertThat(f.path()).isEqualTo(p);
        assertThat(f.objectKey()).isEqualTo("pre/folder/x.txt");
        assertThat(f.withObjectKey("folder/x.txt").objectKey()).isSameAs(f.relativePath());
        assertThat(f.withObjectKey("folder/x.txt").path()).isEqualTo(p);
    }
}
