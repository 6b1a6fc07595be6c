package io.obitox.sync.ui;

import io.obitox.common.ObitoxException;
import io.obitox.common.ui.UiTasks;
import io.obitox.sync.ConflictChoice;
import io.obitox.sync.ConflictDefaults;
import io.obitox.sync.ExcludeRules;
import io.obitox.sync.Rule;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
 * and the message names the line and the fix. FX thread only.
 */
public final class SyncSettingsViewModel {
    private final ConflictDefaults defaults;
    private final UiTasks tasks;

    private final ObservableList<ConflictChoice> choices = FXCollections.observableArrayList(ConflictChoice.values());
    private final ObjectProperty<ConflictChoice> choice = new SimpleObjectProperty<>(this, "choice");
    private final ObservableList<String> rules = FXCollections.observableArrayList();
    private final StringProperty newRule = new SimpleStringProperty(this, "newRule", "");
    private final StringProperty testPath = new SimpleStringProperty(this, "testPath", "");
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper(this, "testResult", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper error = new ReadOnlyBooleanWrapper(this, "error", false);
    private boolean loading;

    public SyncSettingsViewModel(ConflictDefaults defaults, UiTasks tasks) {
        this.defaults = defaults;
        this.tasks = tasks;
        choice.addListener((o, a, c) -> {
            if (!loading && c != null) {
                tasks.run(() -> defaults.setGlobalChoice(c))
                        .onError(e -> setMessage(true, "The policy was not saved: " + describe(e)))
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
                .onError(e -> setMessage(true, "The stored settings cannot be read: " + describe(e)))
                .start();
    }

    private record Loaded(ConflictChoice choice, List<String> lines) {}

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
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty errorProperty() {
        return error.getReadOnlyProperty();
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
            setMessage(true, "Not saved: " + describe(e));
            return;
        }
        tasks.run(() -> defaults.setRuleLines(lines))
                .onSuccess(v -> setMessage(false, "Saved: uploads from now on use these " + count(lines) + " rule(s)."))
                .onError(e -> setMessage(true, "Not saved: " + describe(e)))
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
            testResult.set("Fix the rules first: " + describe(e));
            return;
        }
        ExcludeRules.Verdict v = compiled.check(p);
        if (v.excluded()) {
            testResult.set(
                    "Excluded by rule “" + v.rule().name() + "” (" + v.rule().origin() + ").");
        } else if (v.rule() != null) {
            testResult.set("Uploaded: taken back by “" + v.rule().name() + "” ("
                    + v.rule().origin() + ").");
        } else {
            testResult.set("Uploaded: no rule matches.");
        }
    }

    private void setMessage(boolean isError, String text) {
        error.set(isError);
        message.set(text);
    }

    private static String describe(Throwable e) {
        return e instanceof ObitoxException oe ? oe.toUserMessage().oneLine() : "unexpected error (see the log).";
    }
}
