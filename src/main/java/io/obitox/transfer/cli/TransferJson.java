package io.obitox.transfer.cli;

import io.obitox.transfer.TransferSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of transfers on the command line: {@code {"transfers":[{"id","path","bucket","key",…}]}}. */
public final class TransferJson {
    private TransferJson() {}

    public static Map<String, Object> of(TransferSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("path", s.source().toString());
        m.put("bucket", s.bucket());
        m.put("key", s.key());
        m.put("size", s.size());
        m.put("direction", s.direction().name().toLowerCase(java.util.Locale.ROOT));
        m.put("state", s.state().name());
        m.put("etag", s.etag());
        m.put("bytesDone", s.bytesDone());
        if (s.errorCode() != null) {
            m.put("errorCode", s.errorCode());
            m.put("error", s.errorMessage());
        }
        if (s.notice() != null) {
            m.put("notice", s.notice());
        }
        if (s.verifiedBy() != null) {
            m.put("verifiedBy", s.verifiedBy());
        }
        return m;
    }

    public static Map<String, Object> all(List<TransferSnapshot> list, List<Map<String, Object>> extra) {
        List<Map<String, Object>> rows =
                new java.util.ArrayList<>(list.stream().map(TransferJson::of).toList());
        rows.addAll(extra);
        return Map.of("transfers", rows);
    }
}
