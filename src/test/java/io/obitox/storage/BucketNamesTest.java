package io.obitox.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.Messages;
import io.obitox.common.ObitoxException;
import io.obitox.common.Sizes;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The bucket naming rules' reasons, in English for the CLI and in German for a German view. */
class BucketNamesTest {
    private static final Messages GERMAN = Messages.of(Locale.GERMAN);

    @Test
    void everyRuleHasItsReasonInEnglishAndGerman() {
        assertThat(BucketNames.problem("my-uploads")).isNull();
        assertThat(BucketNames.problem("ab")).isEqualTo("A bucket name has 3 to 63 characters; 'ab' has 2.");
        assertThat(BucketNames.problem("192.168.1.1")).isEqualTo("A bucket name cannot look like an IP address.");
        for (String bad : List.of("", "ab", "Upper", "a..b", "192.168.1.1")) {
            String english = BucketNames.problem(bad);
            String german = GERMAN.render(BucketNames.problemText(bad));
            assertThat(english).as(bad).startsWith(bad.isEmpty() ? "The bucket name" : "A bucket name");
            assertThat(german).as(bad).contains("Bucket-Name").doesNotContain("bucket name", "svc.");
        }
        assertThat(GERMAN.render(BucketNames.problemText("ab")))
                .isEqualTo("Ein Bucket-Name hat 3 bis 63 Zeichen; „ab“ hat 2.");
    }

    @Test
    void requireThrowsTheCodeWithAFixInBothLanguages() {
        assertThatThrownBy(() -> BucketNames.require("a..b")).isInstanceOfSatisfying(ObitoxException.class, e -> {
            assertThat(e.toUserMessage().code()).isEqualTo("INVALID_BUCKET_NAME");
            assertThat(e.toUserMessage().fix()).isEqualTo("Choose another name, e.g. 'my-uploads'.");
            assertThat(GERMAN.oneLine(e.toUserMessage())).contains("zwei Punkte", "meine-uploads");
        });
    }

    @Test
    void aTextThatIsNotASizeIsExplainedInBothLanguages() {
        assertThatThrownBy(() -> Sizes.parse("viel")).isInstanceOfSatisfying(Sizes.NotASize.class, e -> {
            assertThat(e.getMessage()).isEqualTo("Not a size: 'viel'. Use a number with an optional unit, e.g. 16M.");
            assertThat(GERMAN.render(e.text()))
                    .isEqualTo("Keine Größe: „viel“. Geben Sie eine Zahl mit optionaler Einheit an, z. B. 16M.");
        });
    }
}
