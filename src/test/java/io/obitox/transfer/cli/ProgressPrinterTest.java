package io.obitox.transfer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The live progress line is redrawn in place without leftovers of a longer line before it. */
class ProgressPrinterTest {

    /** What a terminal shows after the carriage returns: each write overwrites from column 0. */
    private static String screen(String written) {
        StringBuilder line = new StringBuilder();
        int col = 0;
        for (char c : written.toCharArray()) {
            if (c == '\r') {
                col = 0;
            } else {
                if (col < line.length()) {
                    line.setCharAt(col, c);
                } else {
                    line.append(c);
                }
                col++;
            }
        }
        return line.toString().stripTrailing();
    }

    @Test
    void aShorterLineLeavesNothingOfTheLongerOneBehind() {
        String longer = "14/15 files, 380 MiB of 385 MiB, 76.4 MiB/s, 1 s left";
        String shorter = "15/15 files, 385 MiB of 385 MiB, 76.4 MiB/s";
        String written = ProgressPrinter.redraw(longer, 0) + ProgressPrinter.redraw(shorter, longer.length());
        assertThat(screen(written)).isEqualTo(shorter);
    }

    @Test
    void aLongerLineIsWrittenWhole() {
        String written = ProgressPrinter.redraw("1/2 files", 0) + ProgressPrinter.redraw("2/2 files, 3 KiB", 9);
        assertThat(screen(written)).isEqualTo("2/2 files, 3 KiB");
    }
}
