package io.obitox.upload.ui;

import io.obitox.common.Messages;
import io.obitox.common.Sizes;
import io.obitox.common.ui.UiTasks;
import io.obitox.objects.UploadSettings;
import io.obitox.profile.ProfileService;
import io.obitox.profile.StorageProfile;
import io.obitox.profile.TargetRef;
import io.obitox.profile.ui.ProfileSelection;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import io.obitox.sync.ConflictChoice;
import io.obitox.sync.ConflictDefaults;
import io.obitox.sync.ConflictPolicy;
import io.obitox.sync.ExcludeRules;
import io.obitox.sync.PlanState;
import io.obitox.sync.UploadPlans;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * The Upload view's "what is already in the bucket" part (issue 15): the policy for existing keys (defaulting from
 * the settings the command line reads), a preview per ready file (new / changed / identical (skip) / exists /
 * excluded) made in the background once checking has ended and the inputs have been still for {@link #SETTLE}, the
 * questions of "ask" at Upload, and the numbers of the last upload. The preview is one {@link UploadPlans#preview}
 * call (one listing of the batch's prefix) through {@link UiTasks}; a newer change cancels it. The result is kept on
 * each {@link ReadyFile} as one enum reference. FX thread only.
 */
public final class UploadPlanViewModel {
    /** How long the inputs must stay still before the bucket is asked (typing a prefix, a burst of drops). */
    static final Duration SETTLE = Duration.millis(400);

    /** Answers the "ask" question for one changed file; null cancels the whole upload. Given by the view. */
    public interface ConflictAsker {
        Answer ask(ReadyFile file, int conflictsLeft);
    }

    /** Overwrite, skip or rename (keep both); {@code forAll}: the same for the files left. */
    public record Answer(ConflictPolicy policy, boolean forAll) {}

    private final UploadPlans plans;
    private final ConflictDefaults defaults;
    private final ProfileService profiles;
    private final ProfileSelection selection;
    private final UiTasks tasks;

    private final ObservableList<ConflictChoice> choices = FXCollections.observableArrayList(ConflictChoice.values());
    private final ObjectProperty<ConflictChoice> choice =
            new SimpleObjectProperty<>(this, "choice", ConflictChoice.of(ConflictPolicy.DEFAULT));
    private final ReadOnlyBooleanWrapper planning = new ReadOnlyBooleanWrapper(this, "planning", false);
    /** A preview is due (inputs settling) or running. */
    private final ReadOnlyBooleanWrapper pending = new ReadOnlyBooleanWrapper(this, "pending", false);

    private final javafx.beans.binding.BooleanBinding blocksUpload;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper lastUpload = new ReadOnlyStringWrapper(this, "lastUpload", "");
    /** "Upload 1 of 5 files (13 B)" once a preview says some are not sent; empty otherwise. */
    private final ReadOnlyStringWrapper uploadText = new ReadOnlyStringWrapper(this, "uploadText", "");

    private final ReadOnlyBooleanWrapper warning = new ReadOnlyBooleanWrapper(this, "warning", false);
    /** Bumped whenever plan states change, so the view redraws the rows it shows. */
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision", 0);
    /** The rule of each excluded file (few; by identity, like the rows). */
    private final Map<ReadyFile, String> excludedBy = new IdentityHashMap<>();

    private final Timers timers;
    /** The words of the plan column and lines: English until the view gives its own (through UploadViewModel). */
    private Messages messages = Messages.english();

    private final Timers.Timer settle;

    private ObservableList<ReadyFile> ready = FXCollections.observableArrayList();
    private StringProperty bucket;
    private ReadOnlyBooleanProperty checking;
    private Supplier<String> prefix = () -> "";
    private ConflictAsker asker = (f, left) -> new Answer(ConflictPolicy.SKIP, true);
    private UiTasks.Handle running;
    /** Which preview is current: a cancelled one's late callbacks (posted before the cancel) are ignored. */
    private int generation;

    public UploadPlanViewModel(
            UploadPlans plans,
            ConflictDefaults defaults,
            ProfileService profiles,
            ProfileSelection selection,
            UiTasks tasks) {
        this(plans, defaults, profiles, selection, tasks, Timers.FX);
    }

    /** @param timers the view's timers: the FX pulse's in the app, fired by hand in tests without a toolkit */
    UploadPlanViewModel(
            UploadPlans plans,
            ConflictDefaults defaults,
            ProfileService profiles,
            ProfileSelection selection,
            UiTasks tasks,
            Timers timers) {
        this.plans = plans;
        this.defaults = defaults;
        this.profiles = profiles;
        this.selection = selection;
        this.tasks = tasks;
        // only "ask" needs the preview before Upload (its questions come from it); the other policies plan again
        // when Upload is pressed, so a slow preview (content compared for many files) never holds the user up
        blocksUpload = pending.getReadOnlyProperty().and(choice.isEqualTo(ConflictChoice.ASK));
        this.timers = timers;
        settle = timers.once(SETTLE, this::preview);
        choice.addListener((o, a, c) -> schedule());
        selection.currentProperty().addListener((o, a, p) -> loadDefault());
    }

    void useMessages(Messages m) { // FX thread
        this.messages = m;
    }

    /** The view's timers, which {@link UploadViewModel} uses too (FX thread). */
    Timers timers() {
        return timers;
    }

    /** Called once by {@link UploadViewModel}: what to compare, and when checking has ended. */
    void watch(
            ObservableList<ReadyFile> readyFiles,
            StringProperty bucketName,
            ReadOnlyBooleanProperty checkingFiles,
            Supplier<String> normalizedPrefix) {
        this.ready = readyFiles;
        this.bucket = bucketName;
        this.checking = checkingFiles;
        this.prefix = normalizedPrefix;
        // a re-key replaces the rows, a drop adds some, Clear removes them: each calls for a new preview
        readyFiles.addListener((ListChangeListener<ReadyFile>) c -> schedule());
        checkingFiles.addListener((o, was, now) -> schedule());
        bucketName.addListener((o, a, b) -> {
            loadDefault();
            schedule();
        });
        loadDefault();
    }

    // Properties //

    public ObservableList<ConflictChoice> choices() {
        return choices;
    }

    /** The policy for keys that exist already. */
    public ObjectProperty<ConflictChoice> choiceProperty() {
        return choice;
    }

    public ReadOnlyBooleanProperty planningProperty() {
        return planning.getReadOnlyProperty();
    }

    /** Upload must wait: policy "ask" and its preview is not there yet. */
    public javafx.beans.binding.BooleanBinding blocksUploadProperty() {
        return blocksUpload;
    }

    /** "Compared with s3://b/p/: 3 new · 1 changed · 5 identical (skip)", or what is being done. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The preview could not be made (the files are then treated as new); the summary says why. */
    public ReadOnlyBooleanProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    /** The numbers of the last upload: queued, skipped identical, skipped existing, renamed, excluded, failed. */
    public ReadOnlyStringProperty lastUploadProperty() {
        return lastUpload.getReadOnlyProperty();
    }

    /** The Upload button's words when the preview found files that will not be sent, else empty. */
    public ReadOnlyStringProperty uploadTextProperty() {
        return uploadText.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public void setAsker(ConflictAsker asker) {
        this.asker = asker;
    }

    /** The plan column's text: "new", "changed (ask)", "exists (skip)", "excluded by .DS_Store" … or "" (not yet). */
    public String label(ReadyFile f) {
        PlanState s = f.plan();
        if (s == null) {
            return planning.get() ? messages.get("upload.plan.comparingRow") : "";
        }
        ConflictChoice c = choice.get();
        return switch (s) {
            case EXCLUDED ->
                messages.get("upload.plan.excludedBy", excludedBy.getOrDefault(f, messages.get("upload.plan.aRule")));
            case CHANGED -> messages.get(c == ConflictChoice.ASK ? "upload.plan.changedAsk" : "upload.plan.changed");
            case EXISTS -> messages.get(ReadyBatch.existsKey(c));
            default -> ReadyBatch.stateWord(s, messages);
        };
    }

    // Commands //

    /**
     * Under "ask", asks about each file the preview found changed, in order, until one answer is "for all"; returns
     * the answers by key, or null when the user cancelled. Empty under the other policies.
     */
    Map<String, ConflictPolicy> askConflicts(List<ReadyFile> files) {
        Map<String, ConflictPolicy> answers = new HashMap<>();
        if (choice.get() != ConflictChoice.ASK) {
            return answers;
        }
        List<ReadyFile> changed =
                files.stream().filter(f -> f.plan() == PlanState.CHANGED).toList();
        for (int n = 0; n < changed.size(); n++) {
            Answer a = asker.ask(changed.get(n), changed.size() - n);
            if (a == null) {
                return null;
            }
            if (a.forAll()) {
                for (ReadyFile f : changed.subList(n, changed.size())) {
                    answers.put(f.objectKey(), a.policy());
                }
                break;
            }
            answers.put(changed.get(n).objectKey(), a.policy());
        }
        return answers;
    }

    /** The upload's background work (plan for real, queue what is to be sent); made on the FX thread, run off it. */
    Callable<UploadPlans.Sent> sender(
            List<ReadyFile> files,
            StorageProfile p,
            String bucketName,
            String normalizedPrefix,
            UploadSettings objectSettings,
            Map<String, ConflictPolicy> answers,
            IntConsumer progress) {
        ConflictChoice c = choice.get();
        settle.stop();
        cancelPreview();
        pending.set(false);
        return () -> plans.send(batch(p, bucketName, normalizedPrefix, c, files, objectSettings), answers, progress);
    }

    /** Shows the numbers of a finished upload. */
    void showSent(UploadPlans.Sent sent) {
        lastUpload.set(ReadyBatch.lastUpload(sent, messages));
    }

    // helpers //

    private void loadDefault() {
        StorageProfile p = selection.getCurrent();
        String b = bucket == null ? null : bucket.get();
        tasks.run(() -> defaults.choice(p == null ? null : p.id(), b))
                .onSuccess(choice::set)
                .onError(e -> {}) // an unreadable stored value: the picker keeps skip-identical
                .start();
    }

    private void schedule() {
        cancelPreview();
        uploadText.set("");
        // the last preview's line described other rows or inputs (a rekey replaces the rows, which then have no
        // plan): it goes until the next one says what it found
        summary.set("");
        warning.set(false);
        if (checking != null && checking.get() || ready.isEmpty()) {
            settle.stop();
            pending.set(checking != null && checking.get() && !ready.isEmpty());
            if (ready.isEmpty()) {
                excludedBy.clear();
            }
            return;
        }
        pending.set(true);
        settle.start();
    }

    private void cancelPreview() {
        generation++;
        planning.set(false);
        if (running != null) {
            running.cancel();
            running = null;
        }
    }

    private void preview() {
        StorageProfile p = selection.getCurrent();
        String b = bucket == null || bucket.get() == null ? "" : bucket.get().trim();
        if (p == null || b.isEmpty() || ready.isEmpty()) {
            summary.set("");
            pending.set(false);
            return;
        }
        List<ReadyFile> files = List.copyOf(ready);
        ConflictChoice c = choice.get();
        String pre = prefix.get();
        int gen = ++generation;
        planning.set(true);
        revision.set(revision.get() + 1); // the visible rows say "comparing…"
        warning.set(false);
        summary.set(messages.get("upload.plan.comparing", files.size(), b, pre));
        running = tasks.run(() -> plans.preview(batch(p, b, pre, c, files, UploadSettings.NONE)))
                .onSuccess(pv -> {
                    if (gen == generation) {
                        apply(files, pv, b);
                    }
                })
                .onError(e -> {
                    if (gen != generation) {
                        return;
                    }
                    warning.set(true);
                    summary.set(messages.get(
                            "upload.plan.cannotCompare",
                            b,
                            pre,
                            S3Errors.describe(e).oneLine()));
                })
                .onFinally(() -> {
                    if (gen == generation) {
                        planning.set(false);
                        pending.set(false);
                        revision.set(revision.get() + 1);
                    }
                })
                .start();
    }

    private void apply(List<ReadyFile> files, UploadPlans.Preview pv, String b) {
        excludedBy.clear();
        PlanState[] states = pv.states();
        for (int n = 0; n < states.length; n++) {
            files.get(n).setPlan(states[n]);
        }
        pv.excludedBy().forEach((n, rule) -> excludedBy.put(files.get(n), rule));
        warning.set(!pv.warnings().isEmpty());
        summary.set(ReadyBatch.summary(pv, b, messages));
        ConflictChoice c = choice.get();
        int send = 0;
        long bytes = 0;
        for (int n = 0; n < states.length; n++) {
            if (ReadyBatch.sends(states[n], c)) {
                send++;
                bytes += Math.max(0, files.get(n).size());
            }
        }
        boolean maybe = c == ConflictChoice.ASK && pv.count(PlanState.CHANGED) > 0;
        uploadText.set(
                send == states.length
                        ? ""
                        : messages.get(
                                maybe ? "upload.plan.uploadUpTo" : "upload.plan.uploadSome",
                                send,
                                states.length,
                                Sizes.bytes(bytes)));
    }

    /**
     * The service's view of the ready files (blocking reads: the profile's credentials, the stored rules); each
     * request carries the batch's object settings (the preview needs none).
     */
    private UploadPlans.Batch batch(
            StorageProfile p,
            String b,
            String pre,
            ConflictChoice c,
            List<ReadyFile> files,
            UploadSettings objectSettings) {
        S3Target target = profiles.target(p);
        return ReadyBatch.of(
                target, TargetRef.profile(p.id()), b, pre, c, ExcludeRules.of(defaults.rules()), files, objectSettings);
    }
}
