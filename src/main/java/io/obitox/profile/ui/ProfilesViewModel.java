package io.obitox.profile.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.StatusLine.Tone;
import io.obitox.common.ui.UiTasks;
import io.obitox.profile.ConnectionCheck;
import io.obitox.profile.ConnectionReport;
import io.obitox.profile.ConnectionTester;
import io.obitox.profile.CredentialKind;
import io.obitox.profile.ProfileDraft;
import io.obitox.profile.ProfileDraft.CredentialMode;
import io.obitox.profile.ProfileService;
import io.obitox.profile.StorageProfile;
import io.obitox.storage.Provider;
import io.obitox.storage.S3Errors;
import java.util.Arrays;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The profile manager: list, edit form, save/remove, and "Test connection" with live check results. FX thread only;
 * service calls go through {@link UiTasks}.
 */
public final class ProfilesViewModel {
    private final ProfileService service;
    private final ConnectionTester tester;
    private final UiTasks tasks;
    private final Messages messages;
    private final ProfileSelection selection;

    // Properties //
    private final ObjectProperty<StorageProfile> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ObjectProperty<Provider> provider = new SimpleObjectProperty<>(this, "provider", Provider.CEPH);
    private final StringProperty endpoint = new SimpleStringProperty(this, "endpoint", "");
    private final StringProperty region = new SimpleStringProperty(this, "region", "");
    private final BooleanProperty pathStyle = new SimpleBooleanProperty(this, "pathStyle", true);
    private final StringProperty defaultBucket = new SimpleStringProperty(this, "defaultBucket", "");
    private final ObjectProperty<CredentialMode> credentialMode =
            new SimpleObjectProperty<>(this, "credentialMode", CredentialMode.KEYS);
    private final StringProperty awsProfile = new SimpleStringProperty(this, "awsProfile", "");
    private final StringProperty accessKeyId = new SimpleStringProperty(this, "accessKeyId", "");
    private final StringProperty secretAccessKey = new SimpleStringProperty(this, "secretAccessKey", "");
    private final StringProperty sessionToken = new SimpleStringProperty(this, "sessionToken", "");
    private final ReadOnlyBooleanWrapper editingNew = new ReadOnlyBooleanWrapper(this, "editingNew", false);
    private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper(this, "readOnly", false);
    private final ReadOnlyBooleanWrapper keysStored = new ReadOnlyBooleanWrapper(this, "keysStored", false);
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(this, "testing", false);
    private final StatusLine status = new StatusLine(this, this::describe);
    private final ObservableList<ConnectionCheck> checks = FXCollections.observableArrayList();
    private final ObservableList<String> awsProfiles = FXCollections.observableArrayList();
    private final ObservableList<Provider> providers = FXCollections.observableArrayList(
            Arrays.stream(Provider.values()).filter(p -> p != Provider.SANDBOX).toList());
    private final BooleanBinding canEdit =
            readOnly.not().and(status.busyProperty().not());
    private UiTasks.Handle running;

    public ProfilesViewModel(
            ProfileService service,
            ConnectionTester tester,
            UiTasks tasks,
            ProfileSelection selection,
            Messages messages) {
        this.messages = messages;
        this.service = service;
        this.tester = tester;
        this.tasks = tasks;
        this.selection = selection;
        selected.addListener((obs, old, p) -> {
            if (p != null) {
                load(p);
            }
        });
        provider.addListener((obs, old, p) -> {
            if (p != null && editingNew.get()) {
                pathStyle.set(p.defaultPathStyle());
                if (endpoint.get().isBlank() || old != null && endpoint.get().equals(old.endpointExample())) {
                    endpoint.set(p == Provider.AWS ? "" : p.endpointExample());
                }
            }
        });
    }

    // Properties //

    public ObservableList<StorageProfile> profiles() {
        return selection.profiles();
    }

    public ObjectProperty<StorageProfile> selectedProperty() {
        return selected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Provider> providerProperty() {
        return provider;
    }

    public StringProperty endpointProperty() {
        return endpoint;
    }

    public StringProperty regionProperty() {
        return region;
    }

    public BooleanProperty pathStyleProperty() {
        return pathStyle;
    }

    public StringProperty defaultBucketProperty() {
        return defaultBucket;
    }

    public ObjectProperty<CredentialMode> credentialModeProperty() {
        return credentialMode;
    }

    public StringProperty awsProfileProperty() {
        return awsProfile;
    }

    public StringProperty accessKeyIdProperty() {
        return accessKeyId;
    }

    public StringProperty secretAccessKeyProperty() {
        return secretAccessKey;
    }

    public StringProperty sessionTokenProperty() {
        return sessionToken;
    }

    public ReadOnlyBooleanProperty editingNewProperty() {
        return editingNew.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readOnlyProperty() {
        return readOnly.getReadOnlyProperty();
    }

    /** True when the profile's keys are already in the credentials file (blank fields keep them). */
    public ReadOnlyBooleanProperty keysStoredProperty() {
        return keysStored.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return status.busyProperty();
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.messageProperty();
    }

    public ReadOnlyObjectProperty<Tone> statusKindProperty() {
        return status.toneProperty();
    }

    public ObservableList<ConnectionCheck> checks() {
        return checks;
    }

    public ObservableList<String> awsProfiles() {
        return awsProfiles;
    }

    public ObservableList<Provider> providers() {
        return providers;
    }

    public BooleanBinding canEditProperty() {
        return canEdit;
    }

    public BooleanBinding canRemoveProperty() {
        return Bindings.createBooleanBinding(
                () -> selected.get() != null && !selected.get().isSandbox() && !editingNew.get() && !status.isBusy(),
                selected,
                editingNew,
                status.busyProperty());
    }

    // Commands //

    /** Loads the AWS profile names for the chooser. */
    public void refreshAwsProfiles() {
        tasks.run(service::awsProfileNames).onSuccess(awsProfiles::setAll).start();
    }

    /** Clears the form for a new profile. */
    public void newProfile() {
        selected.set(null);
        editingNew.set(true);
        readOnly.set(false);
        keysStored.set(false);
        name.set("");
        provider.set(Provider.CEPH);
        endpoint.set(Provider.CEPH.endpointExample());
        region.set("");
        pathStyle.set(Provider.CEPH.defaultPathStyle());
        defaultBucket.set("");
        credentialMode.set(CredentialMode.KEYS);
        awsProfile.set("");
        clearSecrets();
        checks.clear();
        status.show(Tone.INFO, messages.get("profiles.vm.new"));
    }

    public void save() {
        ProfileDraft draft = draft();
        boolean isNew = editingNew.get() || selected.get() == null;
        String id = isNew ? null : selected.get().id();
        tasks.run(() -> isNew ? service.add(draft) : service.update(id, draft))
                .tracking(status)
                .onSuccess(p -> {
                    editingNew.set(false);
                    selected.set(p); // loads the saved values into the form (and clears the status line)
                    clearSecrets();
                    selection.reload(p.id());
                    status.show(Tone.SUCCESS, messages.get("profiles.vm.saved", p.name()));
                })
                .start();
    }

    public void remove() {
        StorageProfile p = selected.get();
        if (p == null) {
            return;
        }
        tasks.run(() -> service.remove(p.id()))
                .tracking(status)
                .onSuccess(v -> {
                    status.show(Tone.SUCCESS, messages.get("profiles.vm.removed", p.name()));
                    selected.set(null);
                    checks.clear();
                    selection.reload();
                })
                .start();
    }

    public void makeDefault() {
        StorageProfile p = selected.get();
        if (p == null) {
            return;
        }
        tasks.run(() -> service.setDefault(p))
                .onSuccess(v -> {
                    status.show(Tone.SUCCESS, messages.get("profiles.vm.madeDefault", p.name()));
                    selection.currentProperty().set(p);
                })
                .onError(status::fail)
                .start();
    }

    /** Tests the selected (saved) profile; results appear in {@link #checks()} one by one. */
    public void test() {
        StorageProfile p = selected.get();
        if (p == null) {
            status.show(Tone.INFO, messages.get("profiles.vm.saveFirst"));
            return;
        }
        checks.clear();
        status.show(Tone.INFO, messages.get("profiles.vm.testing", p.name()));
        testing.set(true);
        running = tasks.run(() ->
                        tester.test(service.target(p), p.defaultBucket(), check -> tasks.onUi(() -> checks.add(check))))
                .tracking(status)
                .onSuccess(this::showReport)
                .onCancelled(() -> status.show(Tone.INFO, messages.get("profiles.vm.testCancelled")))
                .onFinally(() -> testing.set(false))
                .start();
    }

    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    // helpers //

    private void showReport(ConnectionReport r) {
        status.show(r.ok() ? Tone.SUCCESS : Tone.ERROR, messages.oneLine(r.verdict()));
    }

    private void load(StorageProfile p) {
        editingNew.set(false);
        readOnly.set(p.isSandbox());
        name.set(p.name());
        provider.set(p.provider());
        endpoint.set(p.endpoint() == null ? "" : p.endpoint());
        region.set(p.region() == null ? "" : p.region());
        pathStyle.set(p.pathStyle());
        defaultBucket.set(p.defaultBucket() == null ? "" : p.defaultBucket());
        keysStored.set(p.managedKeys());
        if (p.credentialKind() == CredentialKind.AWS_PROFILE && !p.managedKeys()) {
            credentialMode.set(CredentialMode.AWS_PROFILE);
            awsProfile.set(p.awsProfile());
        } else if (p.credentialKind() == CredentialKind.DEFAULT_CHAIN) {
            credentialMode.set(CredentialMode.DEFAULT_CHAIN);
            awsProfile.set("");
        } else {
            credentialMode.set(CredentialMode.KEYS);
            awsProfile.set("");
        }
        clearSecrets();
        checks.clear();
        status.show(Tone.NONE, p.isSandbox() ? messages.get("profiles.vm.sandbox") : "");
    }

    private void clearSecrets() {
        accessKeyId.set("");
        secretAccessKey.set("");
        sessionToken.set("");
    }

    private ProfileDraft draft() {
        return new ProfileDraft(
                name.get(),
                provider.get(),
                endpoint.get(),
                region.get(),
                pathStyle.get(),
                defaultBucket.get(),
                credentialMode.get(),
                awsProfile.get(),
                accessKeyId.get(),
                secretAccessKey.get(),
                sessionToken.get());
    }

    /** The credential choices in display order. */
    public List<CredentialMode> credentialModes() {
        return List.of(CredentialMode.KEYS, CredentialMode.AWS_PROFILE, CredentialMode.DEFAULT_CHAIN);
    }

    /** A failure in words in the user's language (S3Errors says it in English with the keys to translate it). */
    private String describe(Throwable failure) {
        return messages.oneLine(S3Errors.describe(failure));
    }
}
