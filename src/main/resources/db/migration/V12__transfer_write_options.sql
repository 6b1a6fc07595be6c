-- Issue 15: what an upload writes besides the bytes.
-- if_none_match: the write must not replace an object that exists (If-None-Match: * on PutObject and on
-- CompleteMultipartUpload), for --if-exists skip, rename and fail.
-- content_sha256: the content's SHA-256 (hex) when known: given at queue time (the planner read the file) or computed
-- by a single PUT while hashing its MD5; sent as x-amz-meta-sha256 and kept in the upload index.
ALTER TABLE transfer ADD COLUMN if_none_match BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE transfer ADD COLUMN content_sha256 VARCHAR(64);
