package io.obitox.validation;

/** Which policy guards uploads to a profile's bucket; {@code bucket} null means every bucket of the profile. */
public record PolicyAssignment(String profileId, String bucket, String policyName) {}
