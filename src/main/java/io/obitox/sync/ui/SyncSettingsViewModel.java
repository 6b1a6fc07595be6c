package io.obitox.sync.ui;

import io.obitox.common.Messages;
import io.obitox.common.ObitoxException;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.storage.BucketNames;
import io.obitox.sync.ConflictChoice;
import io.obitox.sync.ConflictDefaults;
import io.obitox.sync.ExcludeRules;
import io.obitox.sync.Rule;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Settings → "Existing files and exclude rules" (issue 15): the policy for keys that exist (stored as
 * {@code sync.ifExists}, what every profile and bucket without its own falls back to, read by the Upload view and the
 * command line) and the exclude rules ({@code sync.excludes}, gitignore lines), with a test field that says which
 * rule decides a path. Every change is saved at once in the background; a list with an unusable pattern is not saved
 * and the message names the line and the fix. Per-profile and per-bucket defaults ({@code sync.ifExists.ID[.BUCKET]},
 * which the Upload view and the command line read before the global one) are listed and added or removed here too.
 * FX thread only.
 */
public final class SyncSettingsViewModel {
    private final Messages messages;
    private final ConflictDefaults defaults;
    private final UiTasks tasks;
    private final Supplier<List<ProfileRef>> profileSource;

    /** A profile as the override picker shows it. */
    public record ProfileRef(String id, String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One stored per-profile or per-bucket default, with the words the list shows. */
    public record OverrideRow(ConflictDefaults.Override value, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private final ObservableList<ProfileRef> profiles = FXCollections.observableArrayList();
    private final ObservableList<OverrideRow> overrides = FXCollections.observableArrayList();
    private final ObjectProperty<ProfileRef> overrideProfile = new SimpleObjectProperty<>(this, "overrideProfile");
    private final StringProperty overrideBucket = new SimpleStringProperty(this, "overrideBucket", "");
    private final ObjectProperty<ConflictChoice> overrideChoice =
            new SimpleObjectProperty<>(this, "overrideChoice", ConflictChoice.SKIP);

    private final ObservableList<ConflictChoice> choices = FXCollections.observableArrayList(ConflictChoice.values());
    private final ObjectProperty<ConflictChoice> choice = new SimpleObjectProperty<>(this, "choice");
    private final ObservableList<String> rules = FXCollections.observableArrayList();
    private final StringProperty newRule = new SimpleStringProperty(this, "newRule", "");
    private final StringProperty testPath = new SimpleStringProperty(this, "testPath", "");
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper(this, "testResult", "");
    private final StatusLine status;
    private boolean loading;

    /** @param profiles the saved profiles (blocking: called in the background) */
    public SyncSettingsViewModel(
            ConflictDefaults defaults, Supplier<List<ProfileRef>> profiles, UiTasks tasks, Messages messages) {
        this.defaults = defaults;
        this.messages = messages;
        this.tasks = tasks;
        this.profileSource = profiles;
        this.status = new StatusLine(this, this::describe);
        choice.addListener((o, a, c) -> {
            if (!loading && c != null) {
                tasks.run(() -> defaults.setGlobalChoice(c))
                        .onError(e -> status.fail(messages.get("syncSettings.policyNotSaved", describe(e))))
                        .start();
            }
        });
        rules.addListener((ListChangeListener<String>) c -> {
            test();
            if (!loading) {
                save();
            }
        });
        testPath.addListener((o, a, p) -> test());
        tasks.run(() -> new Loaded(defaults.globalChoice(), defaults.ruleLines()))
                .onSuccess(l -> {
                    loading = true;
                    try {
                        choice.set(l.choice());
                        rules.setAll(l.lines());
                    } finally {
                        loading = false;
                    }
                })
                .onError(e -> status.fail(messages.get("syncSettings.cannotRead", describe(e))))
                .start();
        reloadOverrides();
    }

    private record Loaded(ConflictChoice choice, List<String> lines) {}

    private record LoadedOverrides(List<ProfileRef> profiles, List<OverrideRow> rows) {}

    /** Reads the profiles and the stored overrides again (after a change, and when the Settings view is shown). */
    public void reloadOverrides() {
        tasks.run(() -> {
                    List<ProfileRef> ps = profileSource.get();
                    Map<String, String> names =
                            ps.stream().collect(Collectors.toMap(ProfileRef::id, ProfileRef::name, (a, b) -> a));
                    List<OverrideRow> rows = defaults.overrides().stream()
                            .map(o -> new OverrideRow(o, describe(o, names::get)))
                            .toList();
                    return new LoadedOverrides(ps, rows);
                })
                .onSuccess(l -> {
                    ProfileRef picked = overrideProfile.get();
                    profiles.setAll(l.profiles());
                    overrides.setAll(l.rows());
                    overrideProfile.set(l.profiles().stream()
                            .filter(p -> picked != null && p.id().equals(picked.id()))
                            .findFirst()
                            .orElse(l.profiles().isEmpty() ? null : l.profiles().get(0)));
                })
                .onError(e -> status.fail(messages.get("syncSettings.cannotReadOverrides", describe(e))))
                .start();
    }

    String describe(ConflictDefaults.Override o, Function<String, String> profileName) {
        String name = profileName.apply(o.profileId());
        String who = name != null
                ? name
                : messages.get(
                        "syncSettings.removedProfile",
                        o.profileId().substring(0, Math.min(8, o.profileId().length())));
        String where = o.bucket() == null
                ? messages.get("syncSettings.everyBucket")
                : messages.get("syncSettings.bucket", o.bucket());
        return who + " · " + where + " → " + o.choice();
    }

    public ObservableList<ProfileRef> profiles() {
        return profiles;
    }

    /** The stored per-profile and per-bucket defaults. */
    public ObservableList<OverrideRow> overrides() {
        return overrides;
    }

    public ObjectProperty<ProfileRef> overrideProfileProperty() {
        return overrideProfile;
    }

    /** Empty: the profile's own default (every bucket without its own). */
    public StringProperty overrideBucketProperty() {
        return overrideBucket;
    }

    public ObjectProperty<ConflictChoice> overrideChoiceProperty() {
        return overrideChoice;
    }

    /** Stores the picked profile's (or bucket's) default; replaces the one it had. */
    public void addOverride() {
        ProfileRef p = overrideProfile.get();
        ConflictChoice c = overrideChoice.get();
        String bucket = overrideBucket.get() == null ? "" : overrideBucket.get().strip();
        if (p == null || c == null) {
            status.fail(messages.get("syncSettings.pickFirst"));
            return;
        }
        if (!bucket.isEmpty() && BucketNames.problem(bucket) != null) {
            status.fail(messages.get("syncSettings.badBucket", messages.render(BucketNames.problemText(bucket))));
            return;
        }
        tasks.run(() -> defaults.setOverride(p.id(), bucket, c))
                .onSuccess(v -> {
                    overrideBucket.set("");
                    status.show(messages.get(
                            "syncSettings.overrideSaved",
                            p.name() + (bucket.isEmpty() ? "" : " · " + bucket),
                            String.valueOf(c)));
                    reloadOverrides();
                })
                .onError(e -> status.fail(messages.get("syncSettings.notSaved", describe(e))))
                .start();
    }

    /** Removes a stored default: that profile or bucket falls back to the next one. */
    public void removeOverride(int index) {
        if (index < 0 || index >= overrides.size()) {
            return;
        }
        ConflictDefaults.Override o = overrides.get(index).value();
        String text = overrides.get(index).text();
        tasks.run(() -> defaults.setOverride(o.profileId(), o.bucket(), null))
                .onSuccess(v -> {
                    status.show(messages.get("syncSettings.removed", text));
                    reloadOverrides();
                })
                .onError(e -> status.fail(messages.get("syncSettings.notRemoved", describe(e))))
                .start();
    }

    public ObservableList<ConflictChoice> choices() {
        return choices;
    }

    public ObjectProperty<ConflictChoice> choiceProperty() {
        return choice;
    }

    /** The rule lines, in order (the last matching rule decides); edit them in place. */
    public ObservableList<String> rules() {
        return rules;
    }

    /** A path relative to the dropped folder, e.g. {@code photos/.DS_Store}. */
    public StringProperty testPathProperty() {
        return testPath;
    }

    /** Which rule decides the test path, or that none does. */
    public ReadOnlyStringProperty testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    /** Saved, or why not. */
    public ReadOnlyStringProperty messageProperty() {
        return status.messageProperty();
    }

    public ReadOnlyBooleanProperty errorProperty() {
        return status.errorProperty();
    }

    /** The pattern typed in the "new rule" field. */
    public StringProperty newRuleProperty() {
        return newRule;
    }

    /** Appends the typed pattern (last, so it wins over earlier rules) and empties the field. */
    public void addRule() {
        String p = newRule.get() == null ? "" : newRule.get().strip();
        if (!p.isEmpty()) {
            rules.add(p);
            newRule.set("");
        }
    }

    public void removeRule(int index) {
        if (index >= 0 && index < rules.size()) {
            rules.remove(index);
        }
    }

    public void restoreDefaults() {
        rules.setAll(ExcludeRules.DEFAULT_PATTERNS);
    }

    private void save() {
        List<String> lines = List.copyOf(rules);
        try {
            ConflictDefaults.parse(lines); // refused here at once, before the background write
        } catch (ObitoxException e) {
            status.fail(messages.get("syncSettings.notSaved", describe(e)));
            return;
        }
        tasks.run(() -> defaults.setRuleLines(lines))
                .onSuccess(v -> status.show(messages.get("syncSettings.rulesSaved", count(lines))))
                .onError(e -> status.fail(messages.get("syncSettings.notSaved", describe(e))))
                .start();
    }

    private static long count(List<String> lines) {
        return lines.stream().filter(l -> Rule.parseLine(l, "") != null).count();
    }

    /** Pure and quick (a few dozen patterns compiled): on the FX thread as the user types. */
    private void test() {
        String p = testPath.get() == null ? "" : testPath.get().strip().replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            testResult.set("");
            return;
        }
        ExcludeRules compiled;
        try {
            compiled = ExcludeRules.of(ConflictDefaults.parse(List.copyOf(rules)));
        } catch (ObitoxException e) {
            testResult.set(messages.get("syncSettings.fixFirst", describe(e)));
            return;
        }
        ExcludeRules.Verdict v = compiled.check(p);
        if (v.excluded()) {
            testResult.set(messages.get(
                    "syncSettings.excludedBy", v.rule().name(), v.rule().origin()));
        } else if (v.rule() != null) {
            testResult.set(messages.get(
                    "syncSettings.takenBack", v.rule().name(), v.rule().origin()));
        } else {
            testResult.set(messages.get("syncSettings.noRuleMatches"));
        }
    }

    private String describe(Throwable e) {
        return e instanceof ObitoxException oe ? oe.toUserMessage().oneLine() : messages.get("syncSettings.unexpected");
    }
}
