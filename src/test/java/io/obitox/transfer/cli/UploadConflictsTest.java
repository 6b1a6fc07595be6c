package io.obitox.transfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.profile.TargetRef;
import io.obitox.sync.Rule;
import io.obitox.transfer.UploadRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of the CLI glue of issue 15: rule order, the one listing's prefix, the rules' paths. */
class UploadConflictsTest {
    @Test
    void excludesAndIncludesKeepTheOrderTheyWereTypedIn() {
        List<Rule> rules = UploadConflicts.commandLineRules(List.of(
                "upload",
                "--exclude",
                "*",
                "--bucket",
                "b",
                "--include=*.jpg",
                "--exclude",
                "raw/",
                "--",
                "--exclude"));
        assertThat(rules).extracting(Rule::pattern).containsExactly("*", "*.jpg", "raw/");
        assertThat(rules)
                .extracting(Rule::kind)
                .containsExactly(Rule.Kind.EXCLUDE, Rule.Kind.INCLUDE, Rule.Kind.EXCLUDE);
    }

    @Test
    void theListingCoversTheBatchAtAFolderBoundary() {
        assertThat(UploadConflicts.listPrefix("in/", List.of(req("in/photos/a.jpg"), req("in/photos/sub/b.jpg"))))
                .isEqualTo("in/photos/");
        assertThat(UploadConflicts.listPrefix("in/", List.of(req("in/photo1.jpg"), req("in/photo2.jpg"))))
                .isEqualTo("in/");
        assertThat(UploadConflicts.listPrefix("", List.of(req("a.txt")))).isEmpty();
        assertThat(UploadConflicts.listPrefix("p/", List.of())).isEqualTo("p/");
    }

    @Test
    void rulesSeePathsRelativeToTheNamedFolderOrTheNamedFilesName() {
        Path root = Path.of("/data/photos");
        assertThat(UploadConflicts.relativePath(
                        List.of(root, Path.of("/data/photos/raw")), Path.of("/data/photos/raw/x.cr2")))
                .isEqualTo("x.cr2");
        assertThat(UploadConflicts.relativePath(List.of(root), Path.of("/data/photos/a/b.jpg")))
                .isEqualTo("a/b.jpg");
        assertThat(UploadConflicts.relativePath(List.of(Path.of("/data/one.txt")), Path.of("/data/one.txt")))
                .isEqualTo("one.txt");
    }

    private static UploadRequest req(String key) {
        return new UploadRequest(Path.of("/x"), TargetRef.profile("p"), "b", key, null);
    }
}
