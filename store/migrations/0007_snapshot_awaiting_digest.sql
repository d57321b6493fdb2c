-- Written to be applied again safely (IF NOT EXISTS): a test re-applies the newest migration.
-- A snapshot stored by `lbtrack run --notify` is marked here in the snapshot's own transaction,
-- and the transaction that queues the run's digests in `notification` removes the marks. A run
-- killed between the two (a SIGKILL after the commit, before the queueing: issue 16) leaves its
-- marks, and the next `run --notify` carries those changes in its digest: a stored change is
-- never left out of the notifications, whatever the moment of the kill.
CREATE TABLE IF NOT EXISTS snapshot_awaiting_digest (
    snapshot_id bigint PRIMARY KEY REFERENCES snapshot (id) ON DELETE CASCADE
);
