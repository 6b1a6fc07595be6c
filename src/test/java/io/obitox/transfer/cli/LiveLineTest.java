package io.obitox.transfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live progress line is redrawn in place without leftovers of a longer line drawn before it. */
class LiveLineTest {
    private static final String LONGER = "14/15 files, 380 MiB of 385 MiB, 76.4 MiB/s, 1 s left";
    private static final String MIDDLE = "14/15 files, 384 MiB of 385 MiB, 7.6 MiB/s, 0 s";
    private static final String SHORTER = "15/15 files, 385 MiB of 385 MiB, 76.4 MiB/s";

    private final StringWriter written = new StringWriter();

    private LiveLine line(boolean ansi) {
        return new LiveLine(new PrintWriter(written), ansi);
    }

    /**
     * What a terminal shows for the bytes: CR goes to column 0, ESC[K erases to the end of the row, LF starts a new
     * row, anything else overwrites the cell under the cursor. Rows with their trailing blanks removed.
     */
    private static List<String> screen(String bytes) {
        List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
        int col = 0;
        for (int i = 0; i < bytes.length(); i++) {
            char c = bytes.charAt(i);
            StringBuilder row = rows.get(rows.size() - 1);
            if (c == '\r') {
                col = 0;
            } else if (c == '\n') {
                rows.add(new StringBuilder());
                col = 0;
            } else if (bytes.startsWith(LiveLine.CLEAR_TO_END, i)) {
                row.setLength(Math.min(row.length(), col));
                i += LiveLine.CLEAR_TO_END.length() - 1;
            } else {
                assertThat(c).as("no other control character").isGreaterThanOrEqualTo(' ');
                while (row.length() <= col) {
                    row.append(' ');
                }
                row.setCharAt(col++, c);
            }
        }
        return rows.stream().map(r -> r.toString().stripTrailing()).toList();
    }

    @Test
    void onAnAnsiTerminalEachRedrawErasesTheRestOfTheRow() {
        LiveLine live = line(true);
        live.show(LONGER);
        live.show(SHORTER);
        assertThat(written.toString())
                .isEqualTo("\r" + LONGER + "\u001b[K" + "\r" + SHORTER + "\u001b[K")
                .doesNotEndWith(" ");
        assertThat(screen(written.toString())).containsExactly(SHORTER);
    }

    @Test
    void withoutEscapesBlanksCoverTheWidestLineNotOnlyThePreviousOne() {
        LiveLine live = line(false);
        live.show(LONGER);
        live.show(MIDDLE);
        live.show(SHORTER);
        String last = written.toString().substring(written.toString().lastIndexOf('\r'));
        assertThat(last).isEqualTo("\r" + SHORTER + " ".repeat(LONGER.length() - SHORTER.length()));
        assertThat(screen(written.toString())).containsExactly(SHORTER);
    }

    @Test
    void theFinalLineIsCleanAndEndsTheRowSoTheSummaryStartsOnItsOwn() {
        for (boolean ansi : new boolean[] {true, false}) {
            written.getBuffer().setLength(0);
            LiveLine live = line(ansi);
            live.show(LONGER);
            live.finish(SHORTER);
            new PrintWriter(written, true).println("15 uploaded, 8 rejected, 0 failed.");
            assertThat(screen(written.toString()))
                    .as("ansi=%s", ansi)
                    .containsExactly(SHORTER, "15 uploaded, 8 rejected, 0 failed.", "");
        }
    }

    @Test
    void aFinishedLineStartsAfreshTheNextRoundDoesNotPadForTheOldOne() {
        LiveLine live = line(false);
        live.show(LONGER);
        live.finish(LONGER);
        live.show("1/1 files");
        assertThat(written.toString()).endsWith("\n\r1/1 files");
    }

    @Test
    void onlyATerminalDeviceCountsAsATerminalNotALogFileOrAPipe() {
        assertThat(LiveLine.isTerminalDevice("/dev/pts/3")).isTrue();
        assertThat(LiveLine.isTerminalDevice("/dev/tty1")).isTrue();
        assertThat(LiveLine.isTerminalDevice("/tmp/upload.log")).isFalse();
        assertThat(LiveLine.isTerminalDevice("pipe:[48213]")).isFalse();
        assertThat(LiveLine.isTerminalDevice("socket:[48213]")).isFalse();
        assertThat(LiveLine.isTerminalDevice("/dev/null")).isFalse();
    }
}
