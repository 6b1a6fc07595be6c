package io.obitox.objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Upload settings as stored (the transfer's {@code object_settings} column, the {@code upload.objectSettings…}
 * settings): JSON, null for {@link UploadSettings#NONE}. Holds no secret: SSE-C is its key's fingerprint only.
 */
public final class UploadSettingsJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // a newer version's fields are skipped
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    private UploadSettingsJson() {}

    public static String toJson(UploadSettings s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static UploadSettings fromJson(String json) {
        if (json == null || json.isBlank()) {
            return UploadSettings.NONE;
        }
        try {
            return JSON.readValue(json, UploadSettings.class);
        } catch (JsonProcessingException e) {
            throw ObjectSettingsErrors.invalid(
                    "Stored object settings cannot be read (" + e.getOriginalMessage() + ").",
                    "Save the settings again.");
        }
    }
}
