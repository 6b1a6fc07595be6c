package io.obitox.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obitox.common.Json;
import io.obitox.common.ObitoxException;

/**
 * Where a stored job (a transfer, a link) goes, in a form that survives a restart and holds no secret: a saved
 * profile's id, or an endpoint given on the command line with the AWS profile (or default chain) to sign with.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetRef(
        String profileId, String endpoint, String region, Boolean pathStyle, String provider, String awsProfile) {
    private static final ObjectMapper JSON = Json.newMapper();

    public static TargetRef profile(String profileId) {
        return new TargetRef(profileId, null, null, null, null, null);
    }

    public boolean isProfile() {
        return profileId != null;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TargetRef fromJson(String json) {
        try {
            return JSON.readValue(json, TargetRef.class);
        } catch (JsonProcessingException e) {
            throw new ObitoxException("INVALID_TARGET", "A stored target could not be read.", "", e);
        }
    }
}
