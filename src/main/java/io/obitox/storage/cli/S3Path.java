package io.obitox.storage.cli;

import io.obitox.common.ObitoxException;

/** {@code BUCKET/KEY} or {@code s3://BUCKET/KEY} from the command line, split at the first slash. */
record S3Path(String bucket, String key) {
    static S3Path parse(String arg) {
        String p = arg.startsWith("s3://") ? arg.substring(5) : arg;
        int slash = p.indexOf('/');
        String bucket = slash < 0 ? p : p.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new ObitoxException(
                    "INVALID_PATH", "'" + arg + "' names no bucket.", "Write BUCKET/KEY or s3://BUCKET/KEY.");
        }
        return new S3Path(bucket, slash < 0 ? "" : p.substring(slash + 1));
    }

    String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
