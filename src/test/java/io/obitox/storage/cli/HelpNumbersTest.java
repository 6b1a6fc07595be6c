package io.obitox.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import io.obitox.sync.cli.SyncCommand;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Help texts that name a limit of the code: since the help moved into the message files they are fixed text, so a
 * changed constant must change them too.
 */
class HelpNumbersTest {
    @Test
    void theHelpNamesTheLimitsTheCommandsUse() {
        for (Locale l : new Locale[] {Locale.ENGLISH, Locale.GERMAN}) {
            Messages m = Messages.of(l);
            assertThat(m.get("cli.help.ls.long")).as(l.toString()).contains(String.valueOf(LsCommand.LONG_HEADS));
            assertThat(m.get("cli.help.sync.yes")).as(l.toString()).contains(String.valueOf(SyncCommand.MAX_DELETES));
        }
    }
}
