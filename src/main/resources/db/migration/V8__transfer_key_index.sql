-- Queueing a file looks for an unfinished transfer of the same file to the same key (to resume it instead of starting
-- over). This index makes that a lookup per batch of keys instead of a scan of every unfinished transfer.
CREATE INDEX transfer_key_idx ON transfer (object_key, bucket);
