package io.obitox.cors.ui;

import io.obitox.common.Messages;
import io.obitox.common.UserMessage;
import io.obitox.common.ui.StatusLine.Tone;
import io.obitox.common.ui.UiTasks;
import io.obitox.cors.CorsReading;
import io.obitox.cors.CorsService;
import io.obitox.cors.UploadRules;
import io.obitox.profile.ProfileService;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.BucketInfo;
import io.obitox.storage.BucketService;
import io.obitox.storage.S3Errors;
import io.obitox.storage.S3Target;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 1: storage profile, bucket and what to do. Lists the profile's buckets and reads the bucket's CORS
 * configuration as soon as both are chosen, so the user sees at once whether there is one, whether the server has
 * global CORS only, or whether a permission is missing.
 */
public final class ChooseBucketStepViewModel extends CorsStepViewModel {
    private final CorsWizardState state;
    private final ProfileService profiles;
    private final BucketService buckets;
    private final CorsService cors;
    private final ObservableList<StorageProfile> profileList;

    private final ObservableList<String> bucketNames = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper fix = new ReadOnlyStringWrapper(this, "fix", "");
    private final ReadOnlyStringWrapper currentJson = new ReadOnlyStringWrapper(this, "currentJson", "");

    public ChooseBucketStepViewModel(
            CorsWizardState state,
            ProfileService profiles,
            BucketService buckets,
            CorsService cors,
            UiTasks tasks,
            ObservableList<StorageProfile> profileList,
            Messages messages) {
        super(tasks, messages);
        this.state = state;
        this.profiles = profiles;
        this.buckets = buckets;
        this.cors = cors;
        this.profileList = profileList;
        BooleanBinding ok = Bindings.createBooleanBinding(
                this::computeValid,
                state.readingProperty(),
                state.modeProperty(),
                status.busyProperty(),
                state.targetProperty());
        validWhen(ok);
        state.profileProperty().addListener((o, a, p) -> loadBuckets());
        state.bucketProperty().addListener((o, a, b) -> readCors());
        state.readingProperty().addListener((o, a, r) -> showReading(r));
    }

    // Properties //

    @Override
    public String titleKey() {
        return "cors.step.bucket";
    }

    public CorsWizardState state() {
        return state;
    }

    public ObservableList<StorageProfile> profiles() {
        return profileList;
    }

    public ObservableList<String> bucketNames() {
        return bucketNames;
    }

    /** What to do about the status, e.g. the permission to grant; empty when nothing. */
    public ReadOnlyStringProperty fixProperty() {
        return fix.getReadOnlyProperty();
    }

    /** The current configuration as JSON, or empty. */
    public ReadOnlyStringProperty currentJsonProperty() {
        return currentJson.getReadOnlyProperty();
    }

    // Commands //

    @Override
    public void enter() {
        if (status.isBusy()) {
            return; // already loading what the step shows
        }
        if (state.getTarget() == null && state.profileProperty().get() != null) {
            loadBuckets();
        } else if (state.getReading() == null) {
            readCors();
        }
    }

    /** Reads the configuration again (after fixing a permission, say). */
    public void refresh() {
        state.readingProperty().set(null);
        readCors();
    }

    private void loadBuckets() {
        StorageProfile p = state.profileProperty().get();
        cancel();
        bucketNames.clear();
        if (p == null) {
            setStatus(Tone.NONE, messages.get("cors.choose.chooseProfile"), "");
            return;
        }
        setStatus(Tone.INFO, messages.get("cors.choose.listing", p.name()), "");
        start(task(() -> {
                    S3Target t = profiles.target(p);
                    try {
                        return new Listed(
                                t,
                                buckets.listBuckets(t).stream()
                                        .map(BucketInfo::name)
                                        .toList(),
                                null);
                    } catch (RuntimeException e) {
                        // without s3:ListAllMyBuckets the user can still type the bucket name
                        return new Listed(t, List.of(), S3Errors.describe(e));
                    }
                })
                .onSuccess(l -> {
                    bucketNames.setAll(l.names());
                    state.targetProperty().set(l.target());
                    if (l.listError() != null && state.getBucket().isEmpty()) {
                        setStatus(
                                Tone.WARNING,
                                messages.get("cors.choose.cannotList", messages.message(l.listError())),
                                messages.fix(l.listError()));
                    } else {
                        readCors();
                    }
                })
                .onError(e -> failed(e, messages.get("cors.choose.listFailed"))));
    }

    private void readCors() {
        S3Target t = state.getTarget();
        String bucket = state.getBucket();
        if (t == null) {
            return;
        }
        if (bucket.isEmpty()) {
            setStatus(Tone.NONE, messages.get("cors.choose.chooseBucket"), "");
            return;
        }
        cancel();
        setStatus(Tone.INFO, messages.get("cors.choose.reading", bucket), "");
        start(task(() -> cors.read(t, bucket))
                .onSuccess(r -> {
                    if (t.equals(state.getTarget()) && bucket.equals(state.getBucket())) {
                        state.readingProperty().set(r);
                    }
                })
                .onError(e -> failed(e, messages.get("cors.choose.readFailed"))));
    }

    private void showReading(CorsReading r) {
        if (r == null) {
            currentJson.set("");
            return;
        }
        currentJson.set(r.state() == CorsReading.State.CONFIGURED ? r.config().toPrettyJson() : "");
        switch (r.state()) {
            case CONFIGURED -> setStatus(Tone.SUCCESS, messages.render(r.headlineText()), "");
            case NONE ->
                setStatus(
                        Tone.INFO,
                        messages.render(r.headlineText()) + " " + messages.get("cors.choose.setupCreates"),
                        "");
            default ->
                setStatus(
                        r.state() == CorsReading.State.UNSUPPORTED ? Tone.WARNING : Tone.ERROR,
                        messages.message(r.problem()),
                        messages.fix(r.problem()));
        }
        UploadRules.Advice advice = UploadRules.advice(state.getTarget().provider(), List.of());
        if (!advice.perBucketApi()) {
            setStatus(
                    Tone.WARNING,
                    String.join(
                            " ",
                            advice.noteTexts().stream().map(messages::render).toList()),
                    advice.instructionsText() == null ? "" : messages.render(advice.instructionsText()));
        }
    }

    /** A profile in the picker: its name and its provider's, in the user's language. */
    public String profileLabel(StorageProfile p) {
        return p.name() + "  ·  " + messages.render(p.provider().nameText());
    }

    private boolean computeValid() {
        CorsReading r = state.getReading();
        if (status.isBusy() || state.getTarget() == null || r == null) {
            return false;
        }
        return switch (state.getMode()) {
            case CHECK -> r.state() != CorsReading.State.BUCKET_MISSING;
            case SETUP ->
                r.readable()
                        && UploadRules.advice(state.getTarget().provider(), List.of())
                                .perBucketApi();
            case HISTORY -> r.readable();
        };
    }

    private void failed(Throwable e, String what) {
        var m = S3Errors.describe(e);
        setStatus(Tone.ERROR, what + ": " + messages.message(m), messages.fix(m));
    }

    private void setStatus(Tone kind, String text, String fixText) {
        status.show(kind, text);
        fix.set(fixText == null ? "" : fixText);
    }

    private record Listed(S3Target target, List<String> names, UserMessage listError) {}
}
