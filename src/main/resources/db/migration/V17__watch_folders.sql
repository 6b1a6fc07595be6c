-- Issue 19, watch folders. One row per watch: the folder, where its files go (a secret-free target reference as
-- transfer.target_ref), the rules it applies (validation policy name or file, --if-exists, exclude rules), its
-- options, and its health as last written by the process running it (so 'watch list' in another process shows it).
-- owner is 'pid:start' of the process running the watch (io.obitox.transfer.Owners), taken by compare-and-set:
-- the GUI and 'obitox watch run' never run the same watch at once.
CREATE TABLE watch (
    id              VARCHAR(36)   PRIMARY KEY,
    folder          VARCHAR(4096) NOT NULL,
    target_ref      VARCHAR(2000) NOT NULL,
    bucket          VARCHAR(255)  NOT NULL,
    prefix          VARCHAR(1024) NOT NULL,
    policy          VARCHAR(4096),
    validate        BOOLEAN       NOT NULL,
    if_exists       VARCHAR(32),
    rules           VARCHAR(16000) NOT NULL,
    default_excludes BOOLEAN      NOT NULL,
    recursive       BOOLEAN       NOT NULL,
    settle_ms       BIGINT        NOT NULL,
    scan_interval_ms BIGINT       NOT NULL,
    after_upload    VARCHAR(16)   NOT NULL,
    paused          BOOLEAN       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    owner           VARCHAR(64),
    state           VARCHAR(16)   NOT NULL,
    reason          VARCHAR(1000),
    last_event      TIMESTAMP WITH TIME ZONE,
    last_scan       TIMESTAMP WITH TIME ZONE,
    seen            BIGINT        NOT NULL DEFAULT 0,
    uploaded        BIGINT        NOT NULL DEFAULT 0,
    skipped         BIGINT        NOT NULL DEFAULT 0,
    rejected        BIGINT        NOT NULL DEFAULT 0,
    failed          BIGINT        NOT NULL DEFAULT 0
);

-- What a watch has done with each file it took (path relative to the folder, '/'-separated): the size and mtime it
-- saw, the outcome (QUEUED, UPLOADED, SKIPPED, EXCLUDED, REJECTED, FAILED), the transfer while it is queued and the
-- reason of a file left out. The reconciling scan compares a walk with these rows (500 at a time), so memory holds
-- no per-file state beyond the files still pending; an unchanged file is not taken again, a changed one is.
CREATE TABLE watch_file (
    watch_id     VARCHAR(36)   NOT NULL,
    rel_path     VARCHAR(4096) NOT NULL,
    size         BIGINT        NOT NULL,
    mtime        BIGINT        NOT NULL,
    outcome      VARCHAR(16)   NOT NULL,
    transfer_id  VARCHAR(36),
    reason       VARCHAR(1000),
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (watch_id, rel_path)
);

-- A watch's queued files are found without scanning its other rows (at start and when their transfers end).
CREATE INDEX watch_file_outcome ON watch_file (watch_id, outcome);
