package io.obitox.app.ui;

import io.obitox.app.AppContext;
import io.obitox.app.AppHome;
import io.obitox.app.Version;
import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.common.ui.ViewLoader;
import io.obitox.cors.ui.CorsWizardDialog;
import io.obitox.cors.ui.CorsWizardState;
import io.obitox.objects.ObjectSettingsDefaults;
import io.obitox.objects.ui.ObjectSettingsViewModel;
import io.obitox.presign.ui.LinkObjectSettings;
import io.obitox.presign.ui.LinksView;
import io.obitox.presign.ui.LinksViewModel;
import io.obitox.presign.ui.SaveDialog;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ObjectDefaultsViewModel;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.profile.ui.ProfilesView;
import io.obitox.profile.ui.ProfilesViewModel;
import io.obitox.settings.SettingsService;
import io.obitox.settings.Theme;
import io.obitox.settings.ui.DataFolders;
import io.obitox.settings.ui.SettingsView;
import io.obitox.settings.ui.SettingsViewModel;
import io.obitox.storage.ui.BucketsView;
import io.obitox.storage.ui.BucketsViewModel;
import io.obitox.storage.ui.DownloadFolderDialog;
import io.obitox.storage.ui.DownloadKeyFileDialog;
import io.obitox.sync.ConditionalWrites;
import io.obitox.sync.ConflictDefaults;
import io.obitox.sync.RemoteLister;
import io.obitox.sync.UploadIndex;
import io.obitox.sync.UploadPlanner;
import io.obitox.sync.UploadPlans;
import io.obitox.sync.ui.SyncSettingsView;
import io.obitox.sync.ui.SyncSettingsViewModel;
import io.obitox.transfer.TransferSettingsStore;
import io.obitox.transfer.ui.IncompleteUploadsView;
import io.obitox.transfer.ui.IncompleteUploadsViewModel;
import io.obitox.transfer.ui.KeyFileDialog;
import io.obitox.transfer.ui.TransferSettingsView;
import io.obitox.transfer.ui.TransferSettingsViewModel;
import io.obitox.transfer.ui.TransfersView;
import io.obitox.transfer.ui.TransfersViewModel;
import io.obitox.upload.FolderDrop;
import io.obitox.upload.ui.UploadPlanViewModel;
import io.obitox.upload.ui.UploadView;
import io.obitox.upload.ui.UploadViewModel;
import io.obitox.watch.ui.FolderOpener;
import io.obitox.watch.ui.WatchFoldersView;
import io.obitox.watch.ui.WatchFoldersViewModel;
import io.obitox.webhook.ui.WebhooksView;
import io.obitox.webhook.ui.WebhooksViewModel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;

/**
 * The UI half of the composition root: builds each view model and controller from the {@link AppContext}'s
 * services and hands controllers to the FXML loader. Views are built when first shown.
 */
public final class ViewFactory {
    /** The newest transfers the Links view looks through for finished uploads (read from the database). */
    private static final int FINISHED_UPLOADS_OFFERED = 2000;

    private final AppContext app;
    private final UiTasks tasks;
    private final Messages messages;
    private final ProfileSelection selection;
    private final SettingsViewModel settingsViewModel;
    private final MainWindowViewModel mainWindowViewModel;
    private final ViewLoader loader;
    /** Set when the Buckets view is built; its "Incomplete uploads" tab follows the bucket chosen there. */
    private BucketsViewModel bucketsViewModel;

    private final CorsWizardDialog corsWizard;
    /** Built on first use: the Buckets view's "Share link…" fills it before the Links view is ever shown. */
    private LinksViewModel linksViewModel;

    private SaveDialog saveDialog = SaveDialog.fileChooser();
    private KeyFileDialog keyFileDialog = KeyFileDialog.fileChooser();
    private DownloadFolderDialog downloadFolderDialog;
    private DownloadKeyFileDialog downloadKeyFileDialog = DownloadKeyFileDialog.fileChooser();
    private Parent mainRoot;

    /**
     * What the shell needs at first paint, loaded off the FX thread before the window opens. {@code language} is the
     * setting as stored ({@link Messages#SYSTEM}, {@code en}, {@code de}), {@code messages} the texts it chose: the
     * language is fixed for the life of the window.
     */
    public record Startup(
            List<StorageProfile> profiles,
            Optional<StorageProfile> defaultProfile,
            Theme theme,
            String notice,
            String language,
            Messages messages) {
        public static Startup load(AppContext app) {
            app.transfers(); // opens the queue (reads its history) here, not on the FX thread
            app.batchValidator(); // loads the type database here too: the Upload view is the first one shown
            String language = app.settings().get(Messages.SETTING, Messages.SYSTEM);
            return new Startup(
                    app.profiles().list(),
                    app.profiles().defaultProfile(),
                    app.settings().getEnum(SettingsService.THEME, Theme.class, Theme.LIGHT),
                    app.database().recoveryNotice().orElse(""),
                    language,
                    Messages.forSetting(language, Locale.getDefault(Locale.Category.DISPLAY)));
        }
    }

    public ViewFactory(AppContext app, UiTasks tasks, Startup startup) {
        this.app = app;
        this.tasks = tasks;
        this.messages = startup.messages();
        this.downloadFolderDialog = DownloadFolderDialog.directoryChooser(messages);
        this.selection = new ProfileSelection(app.profiles(), tasks);
        selection.set(startup.profiles(), startup.defaultProfile());
        this.settingsViewModel = new SettingsViewModel(
                app.settings(), tasks, dataFolders(app), startup.theme(), startup.language(), messages);
        this.mainWindowViewModel = new MainWindowViewModel(settingsViewModel.themeProperty(), startup.notice());
        this.loader = new ViewLoader(this::controller, messages.bundle());
        this.corsWizard =
                new CorsWizardDialog(app.cors(), app.buckets(), app.profiles(), tasks, selection.profiles(), messages);
    }

    private static DataFolders dataFolders(AppContext app) {
        AppHome home = app.home();
        return new DataFolders(
                home.root().toString(),
                home.database().toString(),
                home.logs().toString(),
                home.sandbox().toString(),
                app.profiles().awsFiles().credentialsFile().toString(),
                "ObitoX " + Version.current() + " · Java " + System.getProperty("java.version"));
    }

    public MainWindowViewModel mainWindowViewModel() {
        return mainWindowViewModel;
    }

    /** The texts of the language chosen at start. */
    public Messages messages() {
        return messages;
    }

    public ProfileSelection selection() {
        return selection;
    }

    public Parent mainWindow() {
        mainRoot = loader.load(MainWindowView.class).root();
        return mainRoot;
    }

    /** Opens the CORS wizard over the main window (the Buckets view's "CORS…" and "Check CORS"). */
    private void openCorsWizard(StorageProfile profile, String bucket, boolean checkOnly) {
        corsWizard.show(
                mainRoot == null || mainRoot.getScene() == null
                        ? null
                        : mainRoot.getScene().getWindow(),
                profile,
                bucket,
                checkOnly ? CorsWizardState.Mode.CHECK : CorsWizardState.Mode.SETUP);
    }

    /**
     * Where the Links view's exports go.
     *
     * @implNote test seam: TestFX cannot drive the platform's native file dialog.
     */
    public void useSaveDialog(SaveDialog dialog) {
        this.saveDialog = dialog;
    }

    /**
     * Replaces the SSE-C key file chooser of the Transfers view.
     *
     * @implNote test seam: TestFX cannot drive the platform's native file dialog.
     */
    public void useKeyFileDialog(KeyFileDialog dialog) {
        this.keyFileDialog = dialog;
    }

    /**
     * Replaces the folder chooser of the Buckets view's "Download…".
     *
     * @implNote test seam: TestFX cannot drive the platform's native file dialog.
     */
    public void useDownloadFolderDialog(DownloadFolderDialog dialog) {
        this.downloadFolderDialog = dialog;
    }

    /**
     * Replaces the key file chooser ("Customer key (SSE-C)…") of the Buckets view's download dialog.
     *
     * @implNote test seam: TestFX cannot drive the platform's native file dialog.
     */
    public void useDownloadKeyFileDialog(DownloadKeyFileDialog dialog) {
        this.downloadKeyFileDialog = dialog;
    }

    private LinksViewModel linksViewModel() {
        if (linksViewModel == null) {
            linksViewModel = new LinksViewModel(
                    app.presign(),
                    app.profiles(),
                    selection,
                    () -> app.transfers().recent(FINISHED_UPLOADS_OFFERED),
                    tasks,
                    LinkObjectSettings.Factory.of(new ObjectSettingsDefaults(app.settings()), tasks, messages),
                    messages);
        }
        return linksViewModel;
    }

    Node section(Section s) {
        return switch (s) {
            case BUCKETS -> loader.load(BucketsView.class).root();
            case PROFILES -> loader.load(ProfilesView.class).root();
            case SETTINGS -> loader.load(SettingsView.class).root();
            case UPLOAD -> loader.load(UploadView.class).root();
            case TRANSFERS -> loader.load(TransfersView.class).root();
            case LINKS -> loader.load(LinksView.class).root();
            case WEBHOOKS -> loader.load(WebhooksView.class).root();
            case WATCH -> loader.load(WatchFoldersView.class).root();
        };
    }

    private Object controller(Class<?> type) {
        if (type == MainWindowView.class) {
            return new MainWindowView(mainWindowViewModel, selection, this::section, messages);
        }
        if (type == ProfilesView.class) {
            ProfilesViewModel profiles =
                    new ProfilesViewModel(app.profiles(), app.connectionTester(), tasks, selection, messages);
            ObjectDefaultsViewModel objectDefaults = new ObjectDefaultsViewModel(
                    new ObjectSettingsDefaults(app.settings()), app.profiles(), app.buckets(), tasks, messages);
            objectDefaults.profileProperty().bind(profiles.selectedProperty());
            return new ProfilesView(profiles, objectDefaults, messages);
        }
        if (type == BucketsView.class) {
            bucketsViewModel = new BucketsViewModel(
                    app.profiles(),
                    app.buckets(),
                    app.deletes(),
                    app.objectDetails(),
                    // app.downloads() is built on first use, in the background task that queues
                    (ref, bucket, key, dest, ifExists, sseC) ->
                            app.downloads().download(ref, bucket, key, dest, ifExists, sseC),
                    tasks,
                    selection,
                    messages);
            // the same planning as the Upload view: choice for existing keys, exclude rules, object defaults
            FolderDrop drop = new FolderDrop(
                    app.batchValidator(),
                    app.validationPolicies(),
                    app.profiles(),
                    uploadPlans(),
                    new ConflictDefaults(app.settings()),
                    new ObjectSettingsDefaults(app.settings()));
            bucketsViewModel.drops().setUploader(drop::upload);
            bucketsViewModel.handOffs().setCorsOpener(this::openCorsWizard);
            // an SSE-C object's details open with a key given in this session (read only for such an object)
            bucketsViewModel
                    .details()
                    .useSessionKeys(() -> app.transfers().engine().sseCKeys().all());
            bucketsViewModel.handOffs().setLinkSharer((bucket, objects) -> {
                linksViewModel().addObjects(bucket, objects);
                mainWindowViewModel.show(Section.LINKS);
            });
            // through the field, so a dialog set after the view was built is the one asked
            return new BucketsView(
                    bucketsViewModel,
                    (owner, count) -> downloadFolderDialog.ask(owner, count),
                    (owner, title) -> downloadKeyFileDialog.ask(owner, title),
                    messages);
        }
        if (type == IncompleteUploadsView.class) {
            return new IncompleteUploadsView(
                    new IncompleteUploadsViewModel(
                            app.multipartUploads(),
                            app.profiles(),
                            selection,
                            bucketsViewModel.bucketProperty(),
                            tasks,
                            app.clock(),
                            messages),
                    messages);
        }
        if (type == UploadView.class) {
            UploadViewModel upload = new UploadViewModel(
                    app.batchValidator(),
                    app.validationPolicies(),
                    app.transfers(),
                    app.profiles(),
                    app.buckets(),
                    selection,
                    tasks,
                    new UploadPlanViewModel(
                            uploadPlans(), new ConflictDefaults(app.settings()), app.profiles(), selection, tasks),
                    new ObjectSettingsViewModel(tasks, false, messages.get("objectSettings.forThisBatch"), messages),
                    new ObjectSettingsDefaults(app.settings()));
            mainWindowViewModel.deliverFilesTo(upload::add); // command line, "open with", later launches
            return new UploadView(upload, messages);
        }
        if (type == TransferSettingsView.class) {
            return new TransferSettingsView(new TransferSettingsViewModel(
                    app.transfers().engine(), new TransferSettingsStore(app.settings()), tasks, messages));
        }
        if (type == TransfersView.class) {
            // through the field, so a dialog set after the view was built is the one asked
            return new TransfersView(
                    new TransfersViewModel(app.transfers(), tasks, messages),
                    (owner, fileName, fingerprint) -> keyFileDialog.ask(owner, fileName, fingerprint),
                    messages);
        }
        if (type == WebhooksView.class) {
            return new WebhooksView(new WebhooksViewModel(app.webhooks(), tasks, app.clock(), messages), messages);
        }
        if (type == WatchFoldersView.class) {
            WatchFoldersViewModel watch =
                    new WatchFoldersViewModel(app.watches(), tasks, FolderOpener.system(), messages);
            watch.profileProperty().bind(selection.currentProperty());
            return new WatchFoldersView(watch, messages);
        }
        if (type == LinksView.class) {
            return new LinksView(linksViewModel(), saveDialog, messages);
        }
        if (type == SyncSettingsView.class) {
            return new SyncSettingsView(
                    new SyncSettingsViewModel(
                            new ConflictDefaults(app.settings()),
                            () -> app.profiles().list().stream()
                                    .map(p -> new SyncSettingsViewModel.ProfileRef(p.id(), p.name()))
                                    .toList(),
                            tasks,
                            messages),
                    messages);
        }
        if (type == SettingsView.class) {
            return new SettingsView(settingsViewModel);
        }
        throw new IllegalArgumentException("No controller registered for " + type.getName());
    }

    /** The upload planner of issue 15 as the Upload view and a drop onto the bucket browser use it. */
    private UploadPlans uploadPlans() {
        return new UploadPlans(
                new UploadPlanner(
                        new UploadIndex(app.database()),
                        new RemoteLister(app.buckets(), app.clients()),
                        new ConditionalWrites(app.clients(), app.settings())),
                new RemoteLister(app.buckets(), app.clients()),
                app.transfers());
    }
}
