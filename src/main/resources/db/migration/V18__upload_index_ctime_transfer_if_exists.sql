-- Issue 15: the upload index keeps what git's index keeps to trust a file without reading it. source_ctime is the
-- file's status-change time (epoch nanoseconds) and source_file_key its 'dev:ino', both from the stat taken when the
-- content was proven (a completed upload, or a repeat upload that compared the content). Null where the platform has
-- no such attributes (Windows) or where the stat was "racy" (the file changed within 2 s of that moment): such a row
-- is checked by content, as every row was before.
ALTER TABLE upload_index ADD COLUMN source_ctime BIGINT;
ALTER TABLE upload_index ADD COLUMN source_file_key VARCHAR(64);

-- The --if-exists policy a transfer was queued under when its write carries If-None-Match ('skip', 'rename',
-- 'fail'), else null. The engine reads it when the server answers 412: under 'skip' the transfer ends SKIPPED
-- (action 'skipped-existing'), not FAILED.
ALTER TABLE transfer ADD COLUMN if_exists VARCHAR(16);
