package io.obitox.cors.ui;

import io.obitox.common.Messages;
import io.obitox.cors.CorsReading;
import io.obitox.cors.Origins;
import io.obitox.cors.UploadRules;
import io.obitox.cors.ui.CorsWizardState.Mode;
import io.obitox.storage.Provider;
import java.util.Arrays;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 2: the origins web pages upload from, one per line. Starts with the origins the upload rule already has;
 * suggests the usual local development servers; validates as the user types (pure, no I/O).
 */
public final class OriginsStepViewModel extends CorsStepViewModel {
    private final CorsWizardState state;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private CorsReading filledFrom;

    public OriginsStepViewModel(CorsWizardState state, Messages messages) {
        super(null, messages);
        this.state = state;
        text.addListener((o, a, t) -> validate());
    }

    // Properties //

    @Override
    public String titleKey() {
        return "cors.step.origins";
    }

    /** One origin per line, as typed. */
    public StringProperty textProperty() {
        return text;
    }

    /** What is wrong with the typed origins, one sentence each. */
    public ObservableList<String> problems() {
        return problems;
    }

    /** What the provider needs to know about the rule, and how the origins will be used. */
    public ObservableList<String> notes() {
        return notes;
    }

    public List<String> suggestions() {
        return Origins.SUGGESTIONS;
    }

    // Commands //

    /** Fills in the upload rule's origins the first time the step is shown for a configuration. */
    @Override
    public void enter() {
        CorsReading r = state.getReading();
        if (r != null && r != filledFrom) {
            filledFrom = r;
            List<String> existing =
                    r.config().uploadRule().map(u -> u.allowedOrigins()).orElse(List.of());
            if (!existing.isEmpty() || text.get().isBlank()) {
                text.set(String.join("\n", existing));
            }
        }
        validate();
    }

    /** Adds a suggested origin on its own line, unless it is there already. */
    public void add(String origin) {
        List<String> lines = lines();
        if (!lines.contains(origin)) {
            String t = text.get().strip();
            text.set(t.isEmpty() ? origin : t + "\n" + origin);
        }
    }

    private void validate() {
        Provider provider =
                state.getTarget() == null ? Provider.GENERIC : state.getTarget().provider();
        Origins.Validation v = Origins.validate(lines(), state.getMode() == Mode.CHECK ? Provider.GENERIC : provider);
        problems.setAll(v.rejected().stream()
                .map(p -> messages.render(p.describeText()))
                .toList());
        state.origins().setAll(v.accepted());
        if (v.accepted().isEmpty() && v.rejected().isEmpty()) {
            problems.setAll(messages.get("cors.origins.addOne"));
        }
        notes.setAll(
                state.getMode() == Mode.CHECK
                        ? List.of(messages.get("cors.origins.checkNote"))
                        : UploadRules.advice(provider, v.accepted()).noteTexts().stream()
                                .map(messages::render)
                                .toList());
        if (v.accepted().contains("*")) {
            notes.add(messages.get("cors.origins.starNote"));
        }
        setValid(v.ok());
    }

    private List<String> lines() {
        return Arrays.stream(text.get().split("[\\n,]"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
