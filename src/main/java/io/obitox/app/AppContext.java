package io.obitox.app;

import io.obitox.common.Threads;
import io.obitox.cors.BrowserLocator;
import io.obitox.cors.CorsHistoryRepository;
import io.obitox.cors.CorsService;
import io.obitox.db.Compaction;
import io.obitox.db.Database;
import io.obitox.db.PageCache;
import io.obitox.presign.PresignService;
import io.obitox.profile.AwsSharedFiles;
import io.obitox.profile.ConnectionTester;
import io.obitox.profile.ProfileRepository;
import io.obitox.profile.ProfileService;
import io.obitox.settings.SettingsService;
import io.obitox.storage.BucketService;
import io.obitox.storage.DeleteService;
import io.obitox.storage.ObjectDetailsService;
import io.obitox.storage.SandboxAccess;
import io.obitox.storage.StorageClients;
import io.obitox.transfer.MultipartUploads;
import io.obitox.transfer.TransferEngine;
import io.obitox.transfer.TransferEvent;
import io.obitox.transfer.TransferRepository;
import io.obitox.transfer.TransferService;
import io.obitox.transfer.TransferSettingsStore;
import io.obitox.validation.BatchValidator;
import io.obitox.validation.FileValidator;
import io.obitox.validation.PolicyRepository;
import io.obitox.validation.PolicyService;
import io.obitox.validation.detect.ContentDetector;
import io.obitox.validation.detect.TypeRegistry;
import io.obitox.webhook.SecretBox;
import io.obitox.webhook.WebhookService;
import io.obitox.webhook.WebhookSettingsStore;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
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
    private final DeleteService deletes;
    private final ObjectDetailsService objectDetails;
    private final ConnectionTester connectionTester;
    private final CorsService cors;
    private final PresignService presign;
    private final ExecutorService background;
    private TransferService transfers;
    private io.obitox.transfer.DownloadService downloads;
    private TransferRepository transferRepository;
    private WebhookService webhooks;
    private FileValidator validator;
    private io.obitox.watch.WatchFolderService watches;
    private BatchValidator batchValidator;
    private final PolicyService validationPolicies;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

    private AppContext(
            AppHome home,
            Clock clock,
            AwsSharedFiles awsFiles,
            StorageClients.Timeouts timeouts,
            Consumer<String> waitNotices,
            Compaction compaction,
            PageCache pageCache) {
        this.home = home.create();
        this.clock = clock;
        this.database = register(
                Database.open(home.database(), clock, Database.Waiting.standard(waitNotices), compaction, pageCache));
        this.settings = new SettingsService(database);
        this.clients = register(new StorageClients(timeouts));
        this.sandbox = ServiceLoader.load(SandboxAccess.Factory.class)
                .findFirst()
                .map(f -> register(f.create(home.sandbox())));
        this.profiles =
                new ProfileService(new ProfileRepository(database), awsFiles, settings, clients, sandbox, clock);
        this.buckets = new BucketService(clients);
        this.deletes = new DeleteService(clients);
        this.objectDetails = new ObjectDetailsService(clients);
        this.connectionTester = new ConnectionTester(clients);
        this.cors = new CorsService(
                clients,
                new CorsHistoryRepository(database),
                new BrowserLocator(() -> settings.get(BrowserLocator.SETTING)),
                clock);
        // the history is read only when a link is signed with auto expiry, so the queue opens only then
        this.presign = new PresignService(
                clients,
                (target, limit) -> transfers().throughputHistory(TransferService.endpointKey(target), limit),
                clock);
        this.background = Executors.newCachedThreadPool(Threads.daemon("obitox-bg"));
        closeables.push(background::shutdownNow);
        this.validationPolicies = new PolicyService(new PolicyRepository(database), clock);
        profiles.ensureSandboxProfile();
        log.info("ObitoX {} started with home {}", Version.current(), home.root());
    }

    /** Opens the app home (creating it, migrating the database) with the standard AWS shared files. */
    public static AppContext open(AppHome home) {
        return open(home, log::warn);
    }

    /**
     * As {@link #open(AppHome)}; {@code waitNotices} gets the line that says what opening waits for when another
     * process holds the database and does not answer (the CLI prints it), on the calling thread.
     */
    public static AppContext open(AppHome home, Consumer<String> waitNotices) {
        return new AppContext(
                home,
                Clock.systemUTC(),
                AwsSharedFiles.standard(),
                StorageClients.Timeouts.defaults(),
                waitNotices,
                Compaction.EVERY_CLOSE,
                PageCache.WINDOW);
    }

    /**
     * For a command: as {@link #open(AppHome, Consumer)}, but the database compacts its file at the first close of a
     * day only (see {@link Compaction#DAILY}), and keeps a smaller page cache ({@link PageCache#COMMAND}).
     */
    public static AppContext openForCommand(AppHome home, Consumer<String> waitNotices) {
        return new AppContext(
                home,
                Clock.systemUTC(),
                AwsSharedFiles.standard(),
                StorageClients.Timeouts.defaults(),
                waitNotices,
                Compaction.DAILY,
                PageCache.COMMAND);
    }

    public static AppContext open(AppHome home, Clock clock, AwsSharedFiles awsFiles) {
        return new AppContext(
                home,
                clock,
                awsFiles,
                StorageClients.Timeouts.defaults(),
                log::warn,
                Compaction.EVERY_CLOSE,
                PageCache.WINDOW);
    }

    /** For tests that need short network timeouts (stalled servers). */
    public static AppContext open(
            AppHome home, Clock clock, AwsSharedFiles awsFiles, StorageClients.Timeouts timeouts) {
        return new AppContext(home, clock, awsFiles, timeouts, log::warn, Compaction.EVERY_CLOSE, PageCache.WINDOW);
    }

    private <T extends AutoCloseable> T register(T closeable) {
        closeables.push(closeable);
        return closeable;
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

    public DeleteService deletes() {
        return deletes;
    }

    public ObjectDetailsService objectDetails() {
        return objectDetails;
    }

    public ConnectionTester connectionTester() {
        return connectionTester;
    }

    /**
     * The transfer queue, created and started on first use (commands that never upload do not pay for it).
     * Thread-safe.
     */
    public synchronized TransferService transfers() {
        if (transfers == null) {
            TransferRepository repo = transferRepository();
            TransferSettingsStore transferSettings = new TransferSettingsStore(settings);
            java.time.Duration keep = transferSettings.keepFinished();
            if (!keep.isZero()) {
                repo.compactFinished(clock.instant().minus(keep)); // old finished transfers leave the list
            }
            TransferEngine engine =
                    new TransferEngine(repo, profiles::resolve, clients, transferSettings.load(), clock);
            transfers = new TransferService(repo, engine, profiles::resolve, clients, clock);
            closeables.push(transfers);
            WebhookService hooks = webhooks();
            // the outbox row is committed when the engine publishes the outcome: wake the dispatcher then (only when
            // that outcome wrote a row: no round of three queries per file when nobody subscribed)
            engine.events().subscribe(e -> {
                if (e.type() == TransferEvent.Type.COMPLETED || e.type() == TransferEvent.Type.FAILED) {
                    hooks.outcomeCommitted(e.snapshot().id());
                }
            });
            hooks.start();
            engine.start();
        }
        return transfers;
    }

    /** Downloads (issue 18): the same queue and engine as {@link #transfers()}, started with it. Thread-safe. */
    public synchronized io.obitox.transfer.DownloadService downloads() {
        if (downloads == null) {
            TransferService t = transfers();
            downloads = new io.obitox.transfer.DownloadService(
                    transferRepository(), t.engine(), profiles::resolve, clients, buckets, clock);
        }
        return downloads;
    }

    private synchronized TransferRepository transferRepository() {
        if (transferRepository == null) {
            transferRepository = new TransferRepository(database);
            // before any engine can complete a transfer: the outbox row joins the outcome's transaction
            transferRepository.addOutcomeHook(webhooks().outboxHook());
            // every verified upload becomes a row of the upload index, committed with the completion (issue 15)
            transferRepository.addOutcomeHook(io.obitox.sync.UploadIndex.recordOnCompletion());
        }
        return transferRepository;
    }

    /**
     * Webhook endpoints, the delivery log and the dispatcher. The dispatcher starts with the transfer queue (or when
     * a command calls {@link WebhookService#start()}); commands that never upload do not run it. Thread-safe.
     */
    public synchronized WebhookService webhooks() {
        if (webhooks == null) {
            webhooks = new WebhookService(
                    database,
                    new WebhookSettingsStore(settings),
                    SecretBox.open(home.webhookKey()),
                    profiles::resolve,
                    clock);
            closeables.push(webhooks);
        }
        return webhooks;
    }

    /** Orphaned multipart uploads of a bucket (list, abort). */
    public MultipartUploads multipartUploads() {
        return new MultipartUploads(clients, transferRepository(), clock);
    }

    public CorsService cors() {
        return cors;
    }

    /**
     * Checks single files against a validation policy (blocking; content detection by Tika and our signatures).
     * Built on first use: loading Tika's type database takes a noticeable part of a second.
     */
    public synchronized FileValidator validator() {
        if (validator == null) {
            validator = new FileValidator(new ContentDetector(new TypeRegistry()));
        }
        return validator;
    }

    /** Validates dropped files and folders in the background, streaming results (uses {@link #background()}). */
    public synchronized BatchValidator batchValidator() {
        if (batchValidator == null) {
            batchValidator = new BatchValidator(
                    validator(),
                    background,
                    Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())));
        }
        return batchValidator;
    }

    /**
     * Watch folders (issue 19). Running a watch starts the transfer queue; listing or adding one does not. Thread-safe.
     */
    public synchronized io.obitox.watch.WatchFolderService watches() {
        if (watches == null) {
            watches = new io.obitox.watch.WatchFolderService(
                    new io.obitox.watch.WatchRepository(database),
                    new io.obitox.watch.WatchLedger(database),
                    profiles::resolve,
                    this::transfers,
                    this::validator,
                    () -> new io.obitox.sync.UploadPlanner(
                            new io.obitox.sync.UploadIndex(database),
                            new io.obitox.sync.RemoteLister(buckets, clients),
                            new io.obitox.sync.ConditionalWrites(clients, settings)),
                    validationPolicies,
                    settings,
                    clock);
            closeables.push(watches::close); // the watches stop before what was opened before them
        }
        return watches;
    }

    /** Validation policies: presets, custom policies and the policy per profile and bucket. */
    public PolicyService validationPolicies() {
        return validationPolicies;
    }

    public PresignService presign() {
        return presign;
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
