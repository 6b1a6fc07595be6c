-- A batch's transfers (the files queued together) by batch id and state: whether a batch still has a transfer
-- queued, running or paused is one index seek, and its counts when it settles one range scan, however long the
-- queue (the desktop notification for a settled batch asks this as each of its transfers settles).
CREATE INDEX transfer_batch_idx ON transfer (batch_id, state);
