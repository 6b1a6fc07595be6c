package io.obitox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.obitox.profile.AwsSharedFiles;
import io.obitox.testing.TestPaths;
import io.obitox.testing.TestSecrets;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class AppContextTest {

    @Test
    void opensAFreshHomeWithTheSandboxProfileAndClosesEverythingItStarted() {
        Path dir = TestPaths.newDir("appcontext");
        AppHome home = new AppHome(dir.resolve("home"));
        AwsSharedFiles aws = new AwsSharedFiles(dir.resolve("aws/credentials"), dir.resolve("aws/config"));
        AppContext app = AppContext.open(home, Clock.systemUTC(), aws);
        int port;
        try {
            assertThat(home.database().resolve("obitox.mv.db")).exists();
            assertThat(app.database().recoveryNotice()).isEmpty();
            assertThat(app.profiles().list())
                    .singleElement()
                    .satisfies(p -> assertThat(p.isSandbox()).isTrue());
            assertThat(app.sandbox()).isPresent();
            assertThat(app.sandbox().get().isRunning())
                    .as("started on first use only")
                    .isFalse();
            var target = app.profiles().target(app.profiles().require("Sandbox"));
            TestSecrets.register(target.credentials().resolveCredentials().secretAccessKey());
            assertThat(app.buckets().listBuckets(target)).isNotEmpty();
            port = target.endpoint().getPort();
            assertThat(app.background().isShutdown()).isFalse();
        } finally {
            app.close();
        }
        assertThat(app.background().isShutdown()).isTrue();
        assertThat(app.sandbox().get().isRunning()).isFalse();
        assertThatThrownBy(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                    }
                })
                .as("the sandbox port is closed")
                .isInstanceOf(ConnectException.class);
        try (AppContext again = AppContext.open(home, Clock.systemUTC(), aws)) {
            assertThat(again.profiles().list()).hasSize(1);
        }
    }
}
