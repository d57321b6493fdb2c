-- Written to be applied again safely (IF [NOT] EXISTS): a test re-applies the newest migration.
-- A board refused as collapsed (far fewer rows than the snapshot before it) records how many
-- rows it had, so the next fetch can confirm the new size: a board that really shrank (a new
-- LiveBench release, an author keeping only the top of a board) is accepted on its second
-- sighting instead of being compared for ever against the size it had before.
ALTER TABLE fetch_log ADD COLUMN IF NOT EXISTS collapsed_rows integer CHECK (collapsed_rows >= 0);

-- A replayed page that holds no board (a README before its leaderboard was added, a blog post
-- without one) is recorded as such, apart from failures.
ALTER TABLE fetch_log DROP CONSTRAINT IF EXISTS fetch_log_status_check;
ALTER TABLE fetch_log ADD CONSTRAINT fetch_log_status_check
    CHECK (status IN ('stored', 'unchanged', 'failed', 'no_board'));

-- The digest of the board a snapshot holds (store::board_digest): a payload whose board equals
-- the latest snapshot's records an unchanged fetch, as an identical payload does, though the
-- page around the table changed. NULL for snapshots stored before: they are compared by payload.
ALTER TABLE snapshot ADD COLUMN IF NOT EXISTS board_sha256 bytea CHECK (length(board_sha256) = 32);
