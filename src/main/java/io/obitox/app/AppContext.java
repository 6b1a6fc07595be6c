package io.obitox.app;

import io.obitox.db.Database;
import io.obitox.profile.AwsSharedFiles;
import io.obitox.profile.ConnectionTester;
import io.obitox.profile.ProfileRepository;
import io.obitox.profile.ProfileService;
import io.obitox.settings.SettingsService;
import io.obitox.storage.BucketService;
import io.obitox.storage.SandboxAccess;
import io.obitox.storage.StorageClients;
import io.obitox.validation.BatchValidator;
import io.obitox.validation.FileValidator;
import io.obitox.validation.PolicyRepository;
import io.obitox.validation.PolicyService;
import io.obitox.validation.detect.ContentDetector;
import io.obitox.validation.detect.TypeRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the services: builds every service once, with its collaborators passed in through
 * constructors, and closes them in reverse order. No JavaFX here; the views are wired from this context in
 * {@code io.obitox.app.ui.ViewFactory}. The GUI and the CLI each create exactly one.
 */
public final class AppContext implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AppContext.class);

    private final AppHome home;
    private final Clock clock;
    private final Database database;
    private final SettingsService settings;
    private final StorageClients clients;
    private final Optional<SandboxAccess> sandbox;
    private final ProfileService profiles;
    private final BucketService buckets;
    private final ConnectionTester connectionTester;
    private final ExecutorService background;
    private final FileValidator validator;
    private final BatchValidator batchValidator;
    private final PolicyService validationPolicies;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

    private AppContext(AppHome home, Clock clock, AwsSharedFiles awsFiles) {
        this.home = home.create();
        this.clock = clock;
        this.database = register(Database.open(home.database(), clock));
        this.settings = new SettingsService(database);
        this.clients = register(new StorageClients());
        this.sandbox = ServiceLoader.load(SandboxAccess.Factory.class)
                .findFirst()
                .map(f -> register(f.create(home.sandbox())));
        this.profiles =
                new ProfileService(new ProfileRepository(database), awsFiles, settings, clients, sandbox, clock);
        this.buckets = new BucketService(clients);
        this.connectionTester = new ConnectionTester(clients);
        this.background = Executors.newCachedThreadPool(daemonThreads("obitox-bg"));
        closeables.push(background::shutdownNow);
        this.validator = new FileValidator(new ContentDetector(new TypeRegistry()));
        this.batchValidator = new BatchValidator(
                validator,
                background,
                Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())));
        this.validationPolicies = new PolicyService(new PolicyRepository(database), clock);
        profiles.ensureSandboxProfile();
        log.info("ObitoX {} started with home {}", Version.current(), home.root());
    }

    /** Opens the app home (creating it, migrating the database) with the standard AWS shared files. */
    public static AppContext open(AppHome home) {
        return new AppContext(home, Clock.systemUTC(), AwsSharedFiles.standard());
    }

    public static AppContext open(AppHome home, Clock clock, AwsSharedFiles awsFiles) {
        return new AppContext(home, clock, awsFiles);
    }

    private <T extends AutoCloseable> T register(T closeable) {
        closeables.push(closeable);
        return closeable;
    }

    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public AppHome home() {
        return home;
    }

    public Clock clock() {
        return clock;
    }

    public Database database() {
        return database;
    }

    public SettingsService settings() {
        return settings;
    }

    public StorageClients clients() {
        return clients;
    }

    public Optional<SandboxAccess> sandbox() {
        return sandbox;
    }

    public ProfileService profiles() {
        return profiles;
    }

    public BucketService buckets() {
        return buckets;
    }

    public ConnectionTester connectionTester() {
        return connectionTester;
    }

    /** Checks single files against a validation policy (blocking; content detection by Tika and our signatures). */
    public FileValidator validator() {
        return validator;
    }

    /** Validates dropped files and folders in the background, streaming results (uses {@link #background()}). */
    public BatchValidator batchValidator() {
        return batchValidator;
    }

    /** Validation policies: presets, custom policies and the policy per profile and bucket. */
    public PolicyService validationPolicies() {
        return validationPolicies;
    }

    /** The pool for background work of the UI (see {@code UiTasks}); daemon threads. */
    public ExecutorService background() {
        return background;
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                log.warn("Error while closing", e);
            }
        }
    }
}
