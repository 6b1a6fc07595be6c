package io.obitox.storage.cli;

import io.obitox.cli.kit.CliFailure;
import io.obitox.common.TextRef;

/** {@code BUCKET/KEY} or {@code s3://BUCKET/KEY} from the command line, split at the first slash. */
record S3Path(String bucket, String key) {
    static S3Path parse(String arg) {
        String p = arg.startsWith("s3://") ? arg.substring(5) : arg;
        int slash = p.indexOf('/');
        String bucket = slash < 0 ? p : p.substring(0, slash);
        if (bucket.isEmpty()) {
            throw CliFailure.of(
                    "INVALID_PATH",
                    TextRef.of("cli.error.s3Path.invalidPath", arg),
                    TextRef.of("cli.error.s3Path.invalidPath.fix"));
        }
        return new S3Path(bucket, slash < 0 ? "" : p.substring(slash + 1));
    }

    String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
