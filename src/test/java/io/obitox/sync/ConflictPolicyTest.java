package io.obitox.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConflictPolicyTest {

    @Test
    void parsesTheCommandLineSpellingsAndPrintsThemBack() {
        assertThat(ConflictPolicy.parse("overwrite")).isEqualTo(ConflictPolicy.OVERWRITE);
        assertThat(ConflictPolicy.parse("skip-identical")).isEqualTo(ConflictPolicy.SKIP_IDENTICAL);
        assertThat(ConflictPolicy.parse("SKIP_IDENTICAL")).isEqualTo(ConflictPolicy.SKIP_IDENTICAL);
        assertThat(ConflictPolicy.parse(" skip ")).isEqualTo(ConflictPolicy.SKIP);
        assertThat(ConflictPolicy.parse("Rename")).isEqualTo(ConflictPolicy.RENAME);
        assertThat(ConflictPolicy.parse("fail")).isEqualTo(ConflictPolicy.FAIL);
        for (ConflictPolicy p : ConflictPolicy.values()) {
            assertThat(ConflictPolicy.parse(p.cliName())).isEqualTo(p);
            assertThat(p.toString()).isEqualTo(p.cliName());
        }
        assertThat(ConflictPolicy.DEFAULT).isEqualTo(ConflictPolicy.SKIP_IDENTICAL);
        assertThat(ConflictPolicy.SKIP.mustNotClobber()).isTrue();
        assertThat(ConflictPolicy.SKIP_IDENTICAL.mustNotClobber()).isFalse();
    }

    @Test
    void anUnknownValueNamesTheValidOnes() {
        assertThatThrownBy(() -> ConflictPolicy.parse("keep-both"))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("keep-both")
                .satisfies(e -> assertThat(((ObitoxException) e).fix())
                        .contains("overwrite, skip-identical, skip, rename, fail"));
        assertThatThrownBy(() -> ConflictPolicy.parse(null)).isInstanceOf(ObitoxException.class);
        assertThat(ConflictPolicy.objectExists("b", "k.txt").code()).isEqualTo("OBJECT_EXISTS");
    }

    @Test
    void renameNumbersBeforeTheExtensionAndTakesTheFirstFreeKey() {
        Set<String> keys = new HashSet<>(Set.of("photos/cat.jpg"));
        String first = RenameKeys.firstFree("photos/cat.jpg", keys::contains);
        assertThat(first).isEqualTo("photos/cat (1).jpg");
        keys.add(first);
        String second = RenameKeys.firstFree("photos/cat.jpg", keys::contains);
        assertThat(second).as("twice in a row").isEqualTo("photos/cat (2).jpg");
        keys.remove(first);
        assertThat(RenameKeys.firstFree("photos/cat.jpg", keys::contains))
                .as("a gap is reused")
                .isEqualTo(first);
        assertThat(RenameKeys.firstFree("free.txt", keys::contains))
                .as("a free key stays")
                .isEqualTo("free.txt");
    }

    @Test
    void renameHandlesNamesWithoutExtensionDotfilesCompoundExtensionsAndDottedFolders() {
        assertThat(RenameKeys.numbered("README", 1)).isEqualTo("README (1)");
        assertThat(RenameKeys.numbered("cfg/.env", 2)).isEqualTo("cfg/.env (2)");
        assertThat(RenameKeys.numbered(".config.json", 1)).isEqualTo(".config (1).json");
        assertThat(RenameKeys.numbered("backup.tar.gz", 1)).isEqualTo("backup (1).tar.gz");
        assertThat(RenameKeys.numbered("v1.2/notes", 1)).isEqualTo("v1.2/notes (1)");
        assertThat(RenameKeys.numbered("odd.", 1)).isEqualTo("odd. (1)");
        assertThat(RenameKeys.numbered("a/b/c.d.e", 3)).isEqualTo("a/b/c.d (3).e");
        assertThatThrownBy(() -> RenameKeys.numbered("folder/", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
