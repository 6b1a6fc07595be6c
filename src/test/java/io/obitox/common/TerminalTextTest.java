package io.obitox.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void controlAndDirectionCharactersBecomeVisibleText() {
        assertThat(TerminalText.escape("a\u001b]0;x\u0007b")).isEqualTo("a\\e]0;x\\ab");
        assertThat(TerminalText.escape("tab\tnl\ncr\rdel\u007fc1\u0085csi\u009b"))
                .isEqualTo("tab\\tnl\\ncr\\rdel\\u007Fc1\\u0085csi\\u009B");
        assertThat(TerminalText.escape("report\u202Etxt.pdf")).isEqualTo("report\\u202Etxt.pdf");
        assertThat(TerminalText.escape("\u2066\u2069\u200E\u200F\u061C\u202A"))
                .isEqualTo("\\u2066\\u2069\\u200E\\u200F\\u061C\\u202A");
        assertThat(TerminalText.escape("\u0000\u0008")).isEqualTo("\\0\\b");
    }

    @Test
    void ordinaryTextIsUntouchedAndEscapingTwiceChangesNothing() {
        String plain = "Été/résumé final ✓ 日本語.txt \\e is a backslash";
        assertThat(TerminalText.escape(plain)).isSameAs(plain);
        String once = TerminalText.escape("x\u001by\u202E");
        assertThat(TerminalText.escape(once)).isEqualTo(once);
        assertThat(TerminalText.escape(null)).isNull();
    }

    @Test
    void linesKeepTheirLineBreaksOnly() {
        assertThat(TerminalText.escapeLines("one\ntwo\u001b[2J\rthree")).isEqualTo("one\ntwo\\e[2J\\rthree");
    }
}
