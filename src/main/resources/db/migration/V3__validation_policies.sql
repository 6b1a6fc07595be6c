-- Custom validation policies (the presets live in code) and which policy guards which upload target.
-- A policy is stored as the JSON of io.obitox.validation.PolicyJson; name_key is the name in compare form
-- (lower case, spaces/dashes/underscores folded) so "My Photos" and "my-photos" are one policy.
CREATE TABLE validation_policy (
    name_key    VARCHAR(100)             PRIMARY KEY,
    name        VARCHAR(100)             NOT NULL,
    policy_json CHARACTER VARYING(100000) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The policy for uploads to a profile's bucket; bucket '' means every bucket of the profile without its own entry.
-- policy_key names a preset or a row of validation_policy (no foreign key: presets are not rows).
CREATE TABLE validation_target (
    profile_id  VARCHAR(36)              NOT NULL,
    bucket      VARCHAR(255)             NOT NULL,
    policy_key  VARCHAR(100)             NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (profile_id, bucket),
    CONSTRAINT validation_target_profile FOREIGN KEY (profile_id) REFERENCES profile (id) ON DELETE CASCADE
);
