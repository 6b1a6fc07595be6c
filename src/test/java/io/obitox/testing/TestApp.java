package io.obitox.testing;

import io.obitox.app.AppContext;
import io.obitox.app.AppHome;
import io.obitox.profile.AwsSharedFiles;
import io.obitox.profile.ProfileDraft;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.Provider;
import io.obitox.storage.StorageClients;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A real {@link AppContext} on a fresh app home under {@code target/test-homes}, with its own AWS shared files in
 * that home (so no test ever reads or writes {@code ~/.aws}). Close it after the test.
 */
public final class TestApp implements AutoCloseable {
    private final Path dir;
    private final AppHome home;
    private final AwsSharedFiles awsFiles;
    private final AppContext context;

    private TestApp(String name, Clock clock, StorageClients.Timeouts timeouts) {
        this(TestPaths.newDir(name), clock, timeouts);
    }

    private TestApp(Path dir, Clock clock, StorageClients.Timeouts timeouts) {
        this.dir = dir;
        this.home = new AppHome(dir.resolve("home"));
        this.awsFiles = new AwsSharedFiles(dir.resolve("aws/credentials"), dir.resolve("aws/config"));
        this.context = AppContext.open(home, clock, awsFiles, timeouts);
    }

    public static TestApp create(String name) {
        return new TestApp(name, Clock.systemUTC(), StorageClients.Timeouts.defaults());
    }

    public static TestApp create(String name, Clock clock) {
        return new TestApp(name, clock, StorageClients.Timeouts.defaults());
    }

    /** In a folder the test prepared (e.g. with a tmpfs mounted at {@code dir/home/db}). */
    public static TestApp inDirectory(Path dir) {
        return new TestApp(dir, Clock.systemUTC(), StorageClients.Timeouts.defaults());
    }

    /** With short network timeouts, for tests against stalling servers. */
    public static TestApp create(String name, StorageClients.Timeouts timeouts) {
        return new TestApp(name, Clock.systemUTC(), timeouts);
    }

    /** Saves a profile for an S3Proxy (typed keys, written to this test's AWS credentials file). */
    public StorageProfile addProfile(String name, S3ProxyServer server, String defaultBucket) {
        return addProfile(name, server, server.endpoint(), defaultBucket);
    }

    /** The same, reaching the S3Proxy through {@code via} (e.g. a {@link FaultProxy} in front of it). */
    public StorageProfile addProfile(String name, S3ProxyServer server, java.net.URI via, String defaultBucket) {
        return addProfile(name, Provider.GENERIC, server, via, defaultBucket);
    }

    /** The same, as a profile of {@code provider} (whose quirks, e.g. how it makes ETags, then apply). */
    public StorageProfile addProfile(
            String name, Provider provider, S3ProxyServer server, java.net.URI via, String defaultBucket) {
        return context.profiles()
                .add(new ProfileDraft(
                        name,
                        provider,
                        via.toString(),
                        null,
                        true,
                        defaultBucket,
                        ProfileDraft.CredentialMode.KEYS,
                        null,
                        server.accessKey(),
                        server.secretKey(),
                        null));
    }

    public AppContext context() {
        return context;
    }

    public AppHome home() {
        return home;
    }

    public AwsSharedFiles awsFiles() {
        return awsFiles;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        context.close();
    }
}
