package io.obitox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.obitox.testing.TestPaths;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceLockTest {

    @Test
    void oneGuiPerHomeAndFreeAgainAfterClose() {
        AppHome home = new AppHome(TestPaths.newDir("instance-lock").resolve("home")).create();
        Optional<InstanceLock> first = InstanceLock.tryAcquire(home);
        assertThat(first).isPresent();
        assertThat(InstanceLock.lockFile(home)).exists();
        assertThat(InstanceLock.tryAcquire(home))
                .as("a second GUI of the same home")
                .isEmpty();

        AppHome other = new AppHome(TestPaths.newDir("instance-lock-other").resolve("home")).create();
        try (InstanceLock otherLock = InstanceLock.tryAcquire(other).orElseThrow()) {
            assertThat(otherLock).isNotNull();
        }

        first.get().close();
        try (InstanceLock again = InstanceLock.tryAcquire(home).orElseThrow()) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void aHomeThatCannotHoldTheLockFileGivesNoLock() {
        AppHome missing = new AppHome(TestPaths.newDir("instance-lock-missing").resolve("not/created"));
        assertThat(InstanceLock.tryAcquire(missing)).isEmpty();
    }
}
