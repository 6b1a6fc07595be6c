package io.obitox.upload.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.Encryption;
import io.obitox.objects.ObjectSettingsDefaults;
import io.obitox.objects.UploadSettings;
import io.obitox.objects.ui.ObjectSettingsViewModel;
import io.obitox.profile.ProfileService;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.BucketInfo;
import io.obitox.storage.BucketService;
import io.obitox.storage.S3Errors;
import io.obitox.sync.ConflictPolicy;
import io.obitox.transfer.TransferService;
import io.obitox.validation.BatchValidator;
import io.obitox.validation.ObjectKeys;
import io.obitox.validation.PolicyService;
import io.obitox.validation.ValidationPolicy;
import io.obitox.validation.ValidationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Upload view: where to (bucket, prefix, policy), what was dropped, what is ready and what was rejected and why,
 * and "Upload N files". The files dropped are checked in the background by {@link DropCheck}; a ready file is kept as
 * a compact {@link ReadyFile}. FX thread only.
 */
public final class UploadViewModel {
    /** Files queued per transaction when Upload is pressed (progress is reported after each). */
    static final int QUEUE_CHUNK = io.obitox.sync.UploadPlans.QUEUE_CHUNK;

    private final PolicyService policies;
    private final TransferService transfers;
    private final ProfileService profiles;
    private final BucketService buckets;
    private final ProfileSelection selection;
    private final UiTasks tasks;
    /** Issue 15: the policy for existing keys, the per-file preview and the upload's numbers. */
    private final UploadPlanViewModel plan;
    /** Issue 16: the batch's object settings, pre-filled from the profile's and bucket's stored defaults. */
    private final ObjectSettingsViewModel objectSettings;

    private final ObjectSettingsDefaults objectDefaults;
    /** Which defaults load is current: a slower earlier one (another bucket) is ignored. */
    private int defaultsGeneration;

    private final ObservableList<String> bucketNames = FXCollections.observableArrayList();
    private final ObservableList<ValidationPolicy> policyList = FXCollections.observableArrayList();
    private final StringProperty bucket = new SimpleStringProperty(this, "bucket", "");
    private final StringProperty prefix = new SimpleStringProperty(this, "prefix", "");
    private final ObjectProperty<ValidationPolicy> policy = new SimpleObjectProperty<>(this, "policy");
    private final DropCheck check;
    /** The ready files are being queued (in the background): Upload is off meanwhile. */
    private final ReadOnlyBooleanWrapper queueing = new ReadOnlyBooleanWrapper(this, "queueing", false);

    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper error = new ReadOnlyBooleanWrapper(this, "error", false);
    private final BooleanBinding canUpload;
    /** The words of the status line: English until the view gives its own ({@link #useMessages}). */
    private Messages messages = Messages.english();

    public UploadViewModel(
            BatchValidator validator,
            PolicyService policies,
            TransferService transfers,
            ProfileService profiles,
            BucketService buckets,
            ProfileSelection selection,
            UiTasks tasks,
            UploadPlanViewModel plan,
            ObjectSettingsViewModel objectSettings,
            ObjectSettingsDefaults objectDefaults) {
        this.policies = policies;
        this.transfers = transfers;
        this.profiles = profiles;
        this.buckets = buckets;
        this.selection = selection;
        this.tasks = tasks;
        this.check = new DropCheck(
                this, validator, tasks, policy::get, this::normalizedPrefix, this::setStatus, plan.timers());
        this.plan = plan;
        this.objectSettings = objectSettings;
        this.objectDefaults = objectDefaults;
        this.canUpload = Bindings.isNotEmpty(check.ready())
                .and(bucket.isNotEmpty())
                .and(check.checkingProperty().not())
                .and(queueing.not())
                .and(check.rekeyingProperty().not())
                .and(plan.blocksUploadProperty().not())
                .and(objectSettings.validProperty())
                .and(objectSettings.readingKeyProperty().not());
        selection.currentProperty().addListener((o, a, p) -> loadTarget());
        bucket.addListener((o, a, b) -> loadObjectDefaults());
        prefix.addListener((o, a, p) -> check.rekey());
        policy.addListener((o, a, p) -> {
            if (p != null && a != null && !p.equals(a) && check.hasDropped()) {
                check.revalidate();
            }
        });
        loadTarget();
        plan.watch(check.ready(), bucket, check.checkingProperty(), this::normalizedPrefix);
    }

    /** The "Object settings" panel: what S3 is asked to store with each file of the batch (issue 16). */
    public ObjectSettingsViewModel objectSettings() {
        return objectSettings;
    }

    /** The existing-keys part of the view (policy picker, preview, the upload's numbers). */
    public UploadPlanViewModel plan() {
        return plan;
    }

    /** The language of the status line and the plan, given by the view (the wiring passes services only). */
    public void useMessages(Messages m) {
        this.messages = m;
        plan.useMessages(m);
        check.useMessages(m);
    }

    // Properties //

    public ObservableList<String> bucketNames() {
        return bucketNames;
    }

    public ObservableList<ValidationPolicy> policies() {
        return policyList;
    }

    public StringProperty bucketProperty() {
        return bucket;
    }

    public StringProperty prefixProperty() {
        return prefix;
    }

    public ObjectProperty<ValidationPolicy> policyProperty() {
        return policy;
    }

    public ObservableList<ReadyFile> ready() {
        return check.ready();
    }

    public ObservableList<ValidationResult> rejected() {
        return check.rejected();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return check.checkingProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return check.progressProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BooleanBinding canUploadProperty() {
        return canUpload;
    }

    /** "Upload 12 files (3.4 MiB)": updated once per change of the ready list, from running totals. */
    public ReadOnlyStringProperty uploadLabelProperty() {
        return check.uploadLabelProperty();
    }

    public String uploadLabel() {
        return check.uploadLabelProperty().get();
    }

    // Commands //

    /**
     * Drag-over feedback from names alone (no file access on the FX thread): true when at least one dropped item
     * could be accepted. Folders are always accepted (their files are checked after the drop).
     */
    public boolean acceptsDrag(List<Path> paths, java.util.function.Predicate<Path> isFolder) {
        return DropCheck.accepts(paths, isFolder, policy.get());
    }

    /** Checks dropped or chosen files and folders; their verdicts stream into the two lists. */
    public void add(List<Path> paths) {
        check.add(paths);
    }

    /** Stops checking; what was checked so far stays. */
    public void cancel() {
        check.cancel();
    }

    public void clear() {
        check.clear();
        setStatus(false, "");
    }

    /** Queues the ready files in the transfer engine (they show up under Transfers) and empties the list. */
    public void upload() {
        StorageProfile p = selection.getCurrent();
        String b = bucket.get() == null ? "" : bucket.get().trim();
        if (p == null || b.isEmpty()) {
            setStatus(true, messages.get("upload.vm.chooseTarget"));
            return;
        }
        // one copy of the list here; the plan and the requests are made in the background and queued a chunk at a
        // time, so a 100,000-file drop neither blocks the FX thread nor holds one transaction for all of it. Only
        // what the policy for existing keys says is sent: skipped and excluded files never become transfers
        List<ReadyFile> files = List.copyOf(check.ready());
        Map<String, ConflictPolicy> answers = plan.askConflicts(files); // "ask": the dialog, before anything is sent
        if (answers == null) {
            setStatus(false, messages.get("upload.vm.cancelled"));
            return;
        }
        UploadSettings settings;
        try {
            settings = objectSettings.settings();
        } catch (RuntimeException invalid) {
            setStatus(
                    true,
                    messages.get(
                            "upload.vm.objectSettingsInvalid",
                            S3Errors.describe(invalid).oneLine()));
            return;
        }
        if (settings.encryption().mode() == Encryption.Mode.SSE_C) {
            // the engine finds the key by its fingerprint when each transfer runs; it is held in memory only
            transfers.engine().sseCKeys().add(objectSettings.sseCKeyProperty().get());
        }
        queueing.set(true);
        setStatus(false, messages.get("upload.vm.comparing", files.size()));
        String prefixNow = normalizedPrefix();
        tasks.run(plan.sender(
                        files,
                        p,
                        b,
                        prefixNow,
                        settings,
                        answers,
                        done -> tasks.onUi(() -> {
                            if (queueing.get()) {
                                setStatus(false, messages.get("upload.vm.queueing", done));
                            }
                        })))
                .onFinally(() -> queueing.set(false))
                .onSuccess(sent -> {
                    TransferService.Batch batch = sent.batch();
                    if (!batch.refusals().isEmpty()) {
                        // nothing was sent: keep the files here so that pressing Upload again after the fix
                        // resumes the same transfers
                        TransferService.Refusal r = batch.refusals().get(0);
                        setStatus(
                                true,
                                messages.get(
                                        "upload.vm.refused",
                                        r.bucket(),
                                        r.targetLabel(),
                                        r.reason().oneLine()));
                        return;
                    }
                    check.sent();
                    plan.showSent(sent);
                    objectSettings.reset(); // the next batch starts again from the stored defaults
                    int queued = batch.transferIds().size();
                    int notQueued = files.size() - queued;
                    setStatus(
                            sent.summary().failed() > 0,
                            queued == 0
                                    ? messages.get("upload.vm.nothingToSend", b, prefixNow, notQueued)
                                    : messages.get("upload.vm.queued", queued, b, prefixNow)
                                            + (notQueued > 0
                                                    ? " " + messages.get("upload.vm.notSent", notQueued)
                                                    : ""));
                })
                .onError(e -> setStatus(true, S3Errors.describe(e).oneLine()))
                .start();
    }

    // helpers //

    private void loadTarget() {
        StorageProfile p = selection.getCurrent();
        if (p == null) {
            return;
        }
        loadObjectDefaults();
        tasks.run(() -> {
                    List<ValidationPolicy> all = policies.list();
                    ValidationPolicy forTarget = policies.policyFor(p.id(), p.defaultBucket());
                    List<String> names = new ArrayList<>();
                    try {
                        buckets.listBuckets(profiles.target(p)).stream()
                                .map(BucketInfo::name)
                                .forEach(names::add);
                    } catch (RuntimeException cannotList) {
                        // the user may still type a bucket name; Upload says what is wrong then
                    }
                    return new Target(all, forTarget, names, p.defaultBucket());
                })
                .onSuccess(t -> {
                    policyList.setAll(t.policies());
                    bucketNames.setAll(t.buckets());
                    if (t.defaultBucket() != null) {
                        bucket.set(t.defaultBucket());
                    } else if (bucket.get().isEmpty() && !t.buckets().isEmpty()) {
                        bucket.set(t.buckets().get(0));
                    }
                    policy.set(t.policies().stream()
                            .filter(x -> x.name().equals(t.policy().name()))
                            .findFirst()
                            .orElse(t.policy()));
                })
                .onError(e -> setStatus(true, S3Errors.describe(e).oneLine()))
                .start();
    }

    /**
     * The object settings of the profile and bucket now chosen (global, profile, bucket defaults layered), read in the
     * background; the form offers what the profile's provider has. Changes made for the batch give way to the new
     * target's defaults, and the status line says so.
     */
    private void loadObjectDefaults() {
        StorageProfile p = selection.getCurrent();
        if (p == null) {
            return;
        }
        String b = bucket.get() == null ? "" : bucket.get().trim();
        int gen = ++defaultsGeneration;
        tasks.run(() -> objectDefaults.effective(p.id(), b.isEmpty() ? null : b))
                .onSuccess(d -> {
                    if (gen != defaultsGeneration) {
                        return;
                    }
                    boolean hadChanges = objectSettings.changedProperty().get();
                    objectSettings.setProvider(p.provider());
                    boolean noBucket = b.isEmpty();
                    objectSettings.load(
                            d,
                            noBucket
                                    ? messages.get("upload.vm.defaultsOfProfile", p.name())
                                    : messages.get("upload.vm.defaultsOfBucket", p.name(), b));
                    if (hadChanges) {
                        setStatus(
                                false,
                                noBucket
                                        ? messages.get("upload.vm.settingsResetProfile", p.name())
                                        : messages.get("upload.vm.settingsResetBucket", p.name(), b));
                    }
                })
                .onError(e -> {
                    if (gen == defaultsGeneration) {
                        objectSettings.setProvider(p.provider());
                        objectSettings.load(UploadSettings.NONE, "");
                        setStatus(
                                true,
                                messages.get(
                                        "upload.vm.settingsUnreadable",
                                        S3Errors.describe(e).oneLine()));
                    }
                })
                .start();
    }

    private String normalizedPrefix() {
        boolean sanitize = policy.get() == null || policy.get().sanitizeNames();
        return ObjectKeys.normalizePrefix(prefix.get(), sanitize);
    }

    private void setStatus(boolean isError, String text) {
        error.set(isError);
        status.set(text);
    }

    private record Target(
            List<ValidationPolicy> policies, ValidationPolicy policy, List<String> buckets, String defaultBucket) {}
}
