package io.obitox.transfer;

/** An uploaded part: only stored once the server returned its ETag. {@code md5Base64} is what we sent as Content-MD5. */
public record PartRecord(int number, long size, String etag, String md5Base64) {}
