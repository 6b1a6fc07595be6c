package io.obitox.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.common.Messages;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The providers' names from the bundle: English as displayName() (the CLI prints that), German where it differs. */
class ProviderNamesTest {
    @Test
    void everyNameIsInTheBundleAndEnglishIsTheDisplayName() {
        Messages german = Messages.of(Locale.GERMAN);
        for (Provider p : Provider.values()) {
            assertThat(p.nameText().english()).as(p.name()).isEqualTo(p.displayName());
            assertThat(german.render(p.nameText())).as(p.name()).isNotBlank();
        }
        assertThat(german.render(Provider.SANDBOX.nameText())).isEqualTo("Sandbox (eingebettet)");
    }
}
