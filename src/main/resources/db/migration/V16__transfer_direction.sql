-- Issue 18: downloads go through the same queue. direction: UPLOAD (every row before) or DOWNLOAD. For a download the
-- row reads the other way round: source_path is the local file being written (its parts in NAME.obitox-part beside
-- it), source_size / source_mtime / fingerprint are the object's size, Last-Modified (ms) and ETag (sent as If-Match
-- on every ranged GET), transfer_part holds the ranges written and synced, and if_none_match means "do not replace a
-- local file that appeared meanwhile".
ALTER TABLE transfer ADD COLUMN direction VARCHAR(8) DEFAULT 'UPLOAD' NOT NULL;
