-- The Transfers view reads the queue a page at a time in queue order (created_at, id), the whole list or one state
-- of it. These indexes give that order directly, so a page of 200 out of a million rows walks the index instead of
-- sorting the table. The (state, created_at, id) one also serves every query the older (state, created_at) did.
CREATE INDEX transfer_page_idx ON transfer (created_at, id);
CREATE INDEX transfer_state_page_idx ON transfer (state, created_at, id);
DROP INDEX transfer_state_idx;
-- The totals above the list (count and bytes per state) are one GROUP BY over the whole queue; with every column it
-- reads in this index it scans the index alone, about ten times faster than reading a million rows.
CREATE INDEX transfer_totals_idx ON transfer (state, source_size, bytes_done);
