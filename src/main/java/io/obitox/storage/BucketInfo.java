package io.obitox.storage;

import java.time.Instant;

/** A bucket as listed: name and creation time (null where the server does not say). */
public record BucketInfo(String name, Instant created) {}
