package io.obitox.profile;

import io.obitox.app.AppContext;
import io.obitox.app.AppHome;
import io.obitox.storage.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A second JVM for {@link CredentialsFileWritersTest}: opens its own app home on a shared AWS credentials file, waits
 * for the go file, then adds {@code count} profiles with typed keys as fast as it can.
 *
 * <p>Arguments: home, credentials file, name prefix, count, go file.
 */
public final class AddProfilesMain {
    private AddProfilesMain() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path credentials = Path.of(args[1]);
        String prefix = args[2];
        int count = Integer.parseInt(args[3]);
        Path go = Path.of(args[4]);
        AwsSharedFiles files = new AwsSharedFiles(credentials, credentials.resolveSibling("config"));
        try (AppContext app = AppContext.open(new AppHome(home), Clock.systemUTC(), files)) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(go) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            for (int i = 0; i < count; i++) {
                app.profiles()
                        .add(new ProfileDraft(
                                prefix + "-" + i,
                                Provider.CEPH,
                                "http://127.0.0.1:7480",
                                null,
                                true,
                                null,
                                ProfileDraft.CredentialMode.KEYS,
                                null,
                                "AK" + prefix.toUpperCase() + i,
                                CredentialsFileWritersTest.secret(prefix, i),
                                null));
            }
        }
        System.exit(0);
    }
}
