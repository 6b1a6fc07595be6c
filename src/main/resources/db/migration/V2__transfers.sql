-- The transfer queue. A row per file; its parts in transfer_part. A part counts as uploaded only once its ETag is
-- stored here, so after a crash at most the parts that were in flight are sent again.
CREATE TABLE transfer (
    id              VARCHAR(36)    PRIMARY KEY,
    batch_id        VARCHAR(36),
    source_path     VARCHAR(4096)  NOT NULL,
    source_size     BIGINT         NOT NULL,
    source_mtime    BIGINT         NOT NULL,
    fingerprint     VARCHAR(96)    NOT NULL,
    -- where to upload: a saved profile id, or an endpoint spec for command-line targets (JSON, no secrets)
    target_ref      VARCHAR(2000)  NOT NULL,
    target_label    VARCHAR(200),
    endpoint_key    VARCHAR(1000),
    bucket          VARCHAR(255)   NOT NULL,
    object_key      VARCHAR(1024)  NOT NULL,
    content_type    VARCHAR(255),
    state           VARCHAR(16)    NOT NULL,
    upload_id       VARCHAR(1024),
    multipart       BOOLEAN        NOT NULL,
    part_size       BIGINT         NOT NULL,
    part_count      INT            NOT NULL,
    bytes_done      BIGINT         NOT NULL DEFAULT 0,
    etag            VARCHAR(255),
    error_code      VARCHAR(64),
    error_message   VARCHAR(2000),
    notice          VARCHAR(1000),
    attempts        INT            NOT NULL DEFAULT 0,
    active_millis   BIGINT         NOT NULL DEFAULT 0,
    throughput_bps  DOUBLE PRECISION,
    owner           VARCHAR(64),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE,
    upload_started_at TIMESTAMP WITH TIME ZONE,
    completed_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX transfer_state_idx ON transfer (state, created_at);
CREATE INDEX transfer_endpoint_idx ON transfer (endpoint_key, completed_at);

CREATE TABLE transfer_part (
    transfer_id   VARCHAR(36)  NOT NULL,
    part_number   INT          NOT NULL,
    part_size     BIGINT       NOT NULL,
    etag          VARCHAR(255) NOT NULL,
    md5_base64    VARCHAR(32)  NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    completed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (transfer_id, part_number),
    CONSTRAINT transfer_part_fk FOREIGN KEY (transfer_id) REFERENCES transfer (id) ON DELETE CASCADE
);
