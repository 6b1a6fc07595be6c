package io.obitox.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.common.ObitoxException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransferSettingsTest {
    private static final TransferSettings D = TransferSettings.defaults();

    @Test
    void eachWitherChangesWhatItNamesAndKeepsTheRest() {
        TransferSettings s = D.withAutoResume(false).withBandwidthLimit(1000).withMultipartThreshold(64L << 20);
        assertThat(s)
                .isEqualTo(new TransferSettings(
                        64L << 20,
                        D.partSize(),
                        D.concurrency(),
                        D.maxActiveFiles(),
                        D.maxAttempts(),
                        D.backoffBase(),
                        D.backoffCap(),
                        false,
                        D.staleUploadAge(),
                        1000));
        TransferSettings r = D.withRetries(3, Duration.ofMillis(5), Duration.ofSeconds(2));
        assertThat(r.maxAttempts()).isEqualTo(3);
        assertThat(r.backoffBase()).isEqualTo(Duration.ofMillis(5));
        assertThat(r.backoffCap()).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.partSize()).isEqualTo(D.partSize());
    }

    @Test
    void coupledFieldsFollow() {
        TransferSettings big = D.withPartSize(64L << 20);
        assertThat(big.partSize()).isEqualTo(64L << 20);
        assertThat(big.multipartThreshold()).isEqualTo(64L << 20); // never below a part
        assertThat(D.withPartSize(8L << 20).multipartThreshold()).isEqualTo(D.multipartThreshold());

        TransferSettings wide = D.withConcurrency(40);
        assertThat(wide.concurrency()).isEqualTo(40);
        assertThat(wide.maxActiveFiles()).isEqualTo(40); // enough files to fill the slots
        assertThat(D.withConcurrency(2).maxActiveFiles()).isEqualTo(D.maxActiveFiles());

        assertThat(D.withBandwidthLimit(-5).bandwidthLimit()).isZero();
    }

    @Test
    void aWitherIsCheckedLikeTheConstructor() {
        assertThatThrownBy(() -> D.withPartSize(1024))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("between 5 MiB and 5 GiB");
        assertThatThrownBy(() -> D.withConcurrency(0))
                .isInstanceOf(ObitoxException.class)
                .hasMessageContaining("Concurrency must be between 1 and 256");
    }
}
