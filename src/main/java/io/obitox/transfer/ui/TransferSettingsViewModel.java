package io.obitox.transfer.ui;

import io.obitox.common.Messages;
import io.obitox.common.ui.StatusLine;
import io.obitox.common.ui.UiTasks;
import io.obitox.storage.S3Errors;
import io.obitox.transfer.TransferEngine;
import io.obitox.transfer.TransferSettings;
import io.obitox.transfer.TransferSettingsStore;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The transfer section of Settings: multipart threshold, part size, concurrency, files at once, bandwidth limit and
 * auto-resume. Saving applies them to running transfers at once and keeps them for the next start. FX thread only.
 */
public final class TransferSettingsViewModel {
    private static final long MIB = 1024L * 1024;
    private final Messages messages;
    private final TransferEngine engine;
    private final TransferSettingsStore store;
    private final UiTasks tasks;
    private final StringProperty thresholdMib = new SimpleStringProperty(this, "thresholdMib");
    private final StringProperty partSizeMib = new SimpleStringProperty(this, "partSizeMib");
    private final StringProperty concurrency = new SimpleStringProperty(this, "concurrency");
    private final StringProperty maxActiveFiles = new SimpleStringProperty(this, "maxActiveFiles");
    private final StringProperty bandwidthMib = new SimpleStringProperty(this, "bandwidthMib");
    private final BooleanProperty autoResume = new SimpleBooleanProperty(this, "autoResume");
    private final StatusLine status =
            new StatusLine(this, e -> S3Errors.describe(e).oneLine());

    public TransferSettingsViewModel(
            TransferEngine engine, TransferSettingsStore store, UiTasks tasks, Messages messages) {
        this.engine = engine;
        this.messages = messages;
        this.store = store;
        this.tasks = tasks;
        show(engine.settings());
    }

    public StringProperty thresholdMibProperty() {
        return thresholdMib;
    }

    public StringProperty partSizeMibProperty() {
        return partSizeMib;
    }

    public StringProperty concurrencyProperty() {
        return concurrency;
    }

    public StringProperty maxActiveFilesProperty() {
        return maxActiveFiles;
    }

    public StringProperty bandwidthMibProperty() {
        return bandwidthMib;
    }

    public BooleanProperty autoResumeProperty() {
        return autoResume;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.messageProperty();
    }

    public ReadOnlyBooleanProperty errorProperty() {
        return status.errorProperty();
    }

    /** Applies and saves; a wrong value is explained and nothing changes. */
    public void save() {
        TransferSettings next;
        try {
            TransferSettings now = engine.settings();
            long part = mib(partSizeMib.get(), messages.get("transferSettings.what.partSize"));
            next = new TransferSettings(
                    mib(thresholdMib.get(), messages.get("transferSettings.what.threshold")),
                    part,
                    number(concurrency.get(), messages.get("transferSettings.what.concurrency")),
                    number(maxActiveFiles.get(), messages.get("transferSettings.what.files")),
                    now.maxAttempts(),
                    now.backoffBase(),
                    now.backoffCap(),
                    autoResume.get(),
                    now.staleUploadAge(),
                    bandwidthMib.get() == null || bandwidthMib.get().isBlank()
                            ? 0
                            : mib(bandwidthMib.get(), messages.get("transferSettings.what.bandwidth")));
        } catch (RuntimeException e) {
            status.fail(e);
            return;
        }
        TransferSettings s = next;
        tasks.run(() -> {
                    engine.updateSettings(s);
                    store.save(s);
                })
                .tracking(status)
                .onSuccess(v -> status.show(messages.get("transferSettings.saved")))
                .start();
    }

    public void reset() {
        show(TransferSettings.defaults());
        status.show(messages.get("transferSettings.defaultsShown"));
    }

    private void show(TransferSettings s) {
        thresholdMib.set(format(s.multipartThreshold()));
        partSizeMib.set(format(s.partSize()));
        concurrency.set(Integer.toString(s.concurrency()));
        maxActiveFiles.set(Integer.toString(s.maxActiveFiles()));
        bandwidthMib.set(s.bandwidthLimit() == 0 ? "" : format(s.bandwidthLimit()));
        autoResume.set(s.autoResume());
    }

    private static String format(long bytes) {
        double m = bytes / (double) MIB;
        return m == Math.rint(m) ? Long.toString((long) m) : Double.toString(m);
    }

    private long mib(String text, String what) {
        try {
            double v = Double.parseDouble(text.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return (long) (v * MIB);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(messages.get("transferSettings.typeMib", what));
        }
    }

    private int number(String text, String what) {
        try {
            return Integer.parseInt(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(messages.get("transferSettings.typeNumber", what));
        }
    }
}
