package io.obitox.cors.ui;

import io.obitox.cors.ChangePlan;
import io.obitox.cors.CorsChange;
import io.obitox.cors.CorsReading;
import io.obitox.cors.CorsReport;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.S3Target;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the CORS wizard's steps share: the chosen storage and bucket, the configuration as read, the origins, the
 * reviewed plan and what applying and verifying it produced. Each step reads what earlier steps wrote and writes its
 * own part; a step that changes an input clears what later steps derived from it. FX thread only.
 */
public final class CorsWizardState {
    /** What the user came to do. */
    public enum Mode {
        /** Set up CORS for browser uploads: bucket, origins, review, apply and verify. */
        SETUP,
        /** Only verify: bucket, origins, live checks. */
        CHECK,
        /** Restore an earlier configuration from the history: bucket, history, review, apply and verify. */
        HISTORY
    }

    /** The history entry to restore: the configuration after it, or before it (an undo). */
    public record RestoreChoice(long changeId, boolean before) {}

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.SETUP);
    private final ObjectProperty<StorageProfile> profile = new SimpleObjectProperty<>(this, "profile");
    private final ObjectProperty<S3Target> target = new SimpleObjectProperty<>(this, "target");
    private final StringProperty bucket = new SimpleStringProperty(this, "bucket", "");
    private final ObjectProperty<CorsReading> reading = new SimpleObjectProperty<>(this, "reading");
    private final ObservableList<String> origins = FXCollections.observableArrayList();
    private final ObjectProperty<RestoreChoice> restoreChoice = new SimpleObjectProperty<>(this, "restoreChoice");
    private final ObjectProperty<ChangePlan> plan = new SimpleObjectProperty<>(this, "plan");
    private final ObjectProperty<CorsChange> applied = new SimpleObjectProperty<>(this, "applied");
    private final ObjectProperty<CorsReport> report = new SimpleObjectProperty<>(this, "report");

    public CorsWizardState() {
        profile.addListener((o, a, b) -> {
            target.set(null);
            reading.set(null);
        });
        bucket.addListener((o, a, b) -> reading.set(null));
        reading.addListener((o, a, b) -> clearPlan());
        origins.addListener((javafx.collections.ListChangeListener<String>) c -> clearPlan());
        restoreChoice.addListener((o, a, b) -> clearPlan());
        mode.addListener((o, a, b) -> clearPlan());
    }

    private void clearPlan() {
        plan.set(null);
        applied.set(null);
        report.set(null);
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public Mode getMode() {
        return mode.get();
    }

    public ObjectProperty<StorageProfile> profileProperty() {
        return profile;
    }

    public ObjectProperty<S3Target> targetProperty() {
        return target;
    }

    public S3Target getTarget() {
        return target.get();
    }

    public StringProperty bucketProperty() {
        return bucket;
    }

    /** The bucket name, trimmed. */
    public String getBucket() {
        return bucket.get() == null ? "" : bucket.get().trim();
    }

    public ObjectProperty<CorsReading> readingProperty() {
        return reading;
    }

    public CorsReading getReading() {
        return reading.get();
    }

    /** The validated, normalised origins of the origins step. */
    public ObservableList<String> origins() {
        return origins;
    }

    public ObjectProperty<RestoreChoice> restoreChoiceProperty() {
        return restoreChoice;
    }

    public ObjectProperty<ChangePlan> planProperty() {
        return plan;
    }

    public ChangePlan getPlan() {
        return plan.get();
    }

    public ObjectProperty<CorsChange> appliedProperty() {
        return applied;
    }

    public ObjectProperty<CorsReport> reportProperty() {
        return report;
    }
}
