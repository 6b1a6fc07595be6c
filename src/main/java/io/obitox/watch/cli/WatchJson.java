package io.obitox.watch.cli;

import io.obitox.watch.Watch;
import io.obitox.watch.WatchHealth;
import io.obitox.watch.WatchRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON of a watch ({@code watch list --json}, {@code watch add --json}): its settings, state and counters. */
final class WatchJson {
    private WatchJson() {}

    static Map<String, Object> row(WatchRepository.Row row, String targetLabel) {
        Watch w = row.watch();
        WatchHealth h = row.health();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("folder", w.folder().toString());
        m.put("target", targetLabel);
        m.put("bucket", w.bucket());
        m.put("prefix", w.prefix());
        m.put("policy", w.validate() ? w.policy() : null);
        m.put("validate", w.validate());
        m.put("ifExists", w.ifExists());
        m.put("rules", w.rules());
        m.put("defaultExcludes", w.defaultExcludes());
        m.put("recursive", w.recursive());
        m.put("settleMs", w.settle().toMillis());
        m.put("scanIntervalMs", w.scanInterval().toMillis());
        m.put("afterUpload", w.afterUpload().cliName());
        m.put("paused", w.paused());
        m.put("state", h.state().name());
        m.put("reason", h.reason());
        m.put("running", h.running());
        m.put("lastEvent", text(h.lastEvent()));
        m.put("lastScan", text(h.lastScan()));
        m.put("seen", h.counters().seen());
        m.put("uploaded", h.counters().uploaded());
        m.put("skipped", h.counters().skipped());
        m.put("rejected", h.counters().rejected());
        m.put("failed", h.counters().failed());
        return m;
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
