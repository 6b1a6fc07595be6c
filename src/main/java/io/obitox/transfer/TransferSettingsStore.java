package io.obitox.transfer;

import io.obitox.settings.SettingsService;

/** Loads and saves {@link TransferSettings} as preferences; anything missing or invalid falls back to the default. */
public final class TransferSettingsStore {
    private static final String PREFIX = "transfer.";
    private final SettingsService settings;

    public TransferSettingsStore(SettingsService settings) {
        this.settings = settings;
    }

    public TransferSettings load() {
        TransferSettings d = TransferSettings.defaults();
        try {
            return new TransferSettings(
                    settings.getLong(PREFIX + "multipartThreshold", d.multipartThreshold()),
                    settings.getLong(PREFIX + "partSize", d.partSize()),
                    (int) settings.getLong(PREFIX + "concurrency", d.concurrency()),
                    (int) settings.getLong(PREFIX + "maxActiveFiles", d.maxActiveFiles()),
                    d.maxAttempts(),
                    d.backoffBase(),
                    d.backoffCap(),
                    settings.getBoolean(PREFIX + "autoResume", d.autoResume()),
                    d.staleUploadAge(),
                    settings.getLong(PREFIX + "bandwidthLimit", d.bandwidthLimit()));
        } catch (RuntimeException invalid) {
            return d;
        }
    }

    /**
     * How long finished (completed or cancelled) transfers stay in the list and the database: {@code
     * transfer.keepFinishedDays}, 30 by default; 0 keeps them until "Clear finished".
     */
    public java.time.Duration keepFinished() {
        long days = settings.getLong(PREFIX + "keepFinishedDays", 30);
        return days <= 0 ? java.time.Duration.ZERO : java.time.Duration.ofDays(days);
    }

    public void save(TransferSettings s) {
        settings.put(PREFIX + "multipartThreshold", s.multipartThreshold());
        settings.put(PREFIX + "partSize", s.partSize());
        settings.put(PREFIX + "concurrency", s.concurrency());
        settings.put(PREFIX + "maxActiveFiles", s.maxActiveFiles());
        settings.put(PREFIX + "autoResume", s.autoResume());
        settings.put(PREFIX + "bandwidthLimit", s.bandwidthLimit());
    }
}
