-- Issue 15: files an upload skipped (identical or existing object) are transfer rows in the final state SKIPPED.
-- action: what the batch decided for the row, as in the CLI's JSON ("skipped-identical", "skipped-existing"); null for
-- rows queued to be sent (their action is known from their state).
ALTER TABLE transfer ADD COLUMN action VARCHAR(32);
