package io.obitox.objects.ui;

import io.obitox.common.Messages;
import io.obitox.common.ObitoxException;
import io.obitox.objects.ObjectSettingsErrors;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The form's text areas for metadata and tags: one {@code key=value} per line, read and written. */
final class KeyValueLines {
    private KeyValueLines() {}

    /**
     * {@code key=value} lines; blank lines skipped; metadata keys lower-cased as S3 stores them. Throws {@link
     * ObjectSettingsErrors#INVALID} naming the line of the first problem.
     */
    static Map<String, String> parse(String what, String text, boolean lowerCaseKeys, Messages messages) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        int n = 0;
        for (String line : text.split("\\R", -1)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || line.substring(0, eq).isBlank()) {
                throw invalid(
                        messages.get("objectSettings.invalid.notKeyValue", what, n, line.strip()),
                        messages.get("objectSettings.invalid.notKeyValueFix"));
            }
            String k = line.substring(0, eq).strip();
            String key = lowerCaseKeys ? k.toLowerCase(Locale.ROOT) : k;
            if (out.containsKey(key)) {
                throw invalid(
                        messages.get("objectSettings.invalid.twice", what, key),
                        messages.get("objectSettings.invalid.twiceFix"));
            }
            out.put(key, line.substring(eq + 1).strip());
        }
        return out;
    }

    /** The lines {@link #parse} reads back to {@code m}. */
    static String format(Map<String, String> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) ->
                sb.append(sb.length() == 0 ? "" : "\n").append(k).append('=').append(v));
        return sb.toString();
    }

    static ObitoxException invalid(String message, String fix) {
        return new ObitoxException(ObjectSettingsErrors.INVALID, message, fix);
    }
}
