-- What ObitoX last wrote to each object: the local file it came from (path, size, mtime and the engine's sampled
-- fingerprint) and what the server then held (ETag; SHA-256 of the content when known). A repeat upload of unchanged
-- files is decided from here without reading them. One row per object: an object has one content at a time, so the
-- newest upload to a key replaces the row. The endpoint key is where the bucket lives (as transfer.endpoint_key);
-- target_ref (the profile or command-line target, JSON) is kept for display only. Rows are checked against a listing
-- before they are trusted and dropped when the object is gone or changed.
CREATE TABLE upload_index (
    endpoint_key  VARCHAR(1000) NOT NULL,
    bucket        VARCHAR(255)  NOT NULL,
    object_key    VARCHAR(1024) NOT NULL,
    source_path   VARCHAR(4096) NOT NULL,
    source_size   BIGINT        NOT NULL,
    source_mtime  BIGINT        NOT NULL,
    fingerprint   VARCHAR(96)   NOT NULL,
    target_ref    VARCHAR(2000),
    etag          VARCHAR(255)  NOT NULL,
    sha256        VARCHAR(64),
    uploaded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (endpoint_key, bucket, object_key)
);

-- "Which of these local files did I upload to this bucket?" without knowing the keys (e.g. the GUI's folder view).
CREATE INDEX upload_index_source ON upload_index (endpoint_key, bucket, source_path);
