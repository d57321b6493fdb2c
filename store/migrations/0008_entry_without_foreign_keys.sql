-- Written to be applied again safely (IF EXISTS, OR REPLACE): a test re-applies the newest
-- migration.
--
-- entry's two foreign keys were checked by a trigger per row: each COPYed entry ran a
-- `SELECT 1 ... FOR KEY SHARE` on snapshot and on model, about 45% of the server's time in a
-- replay's COPY into entry (issue 19: 0.88 s without them against 1.61 s with them for
-- openllm-v2's 64k rows). The one writer of entry checks both itself, in the entries' own
-- transaction (store/src/entry_copy.cpp, model_upsert.cpp): the snapshot id is the one it has
-- just inserted, and every model id comes from the model rows it has just upserted or read
-- `FOR KEY SHARE` (the lock the foreign key took, once per model instead of once per row), so
-- a model cannot be deleted under a snapshot being written.
ALTER TABLE entry DROP CONSTRAINT IF EXISTS entry_snapshot_id_fkey;
ALTER TABLE entry DROP CONSTRAINT IF EXISTS entry_model_id_fkey;

-- ON DELETE CASCADE is kept: deleting a snapshot deletes its entries, now by a trigger on
-- snapshot, which costs nothing when entries are written. lbtrack itself deletes no snapshot;
-- this keeps a hand-run `DELETE FROM snapshot` from leaving entries behind.
CREATE OR REPLACE FUNCTION delete_entries_of_snapshot() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM entry WHERE snapshot_id = OLD.id;
    RETURN OLD;
END
$$;
DROP TRIGGER IF EXISTS snapshot_deletes_entries ON snapshot;
CREATE TRIGGER snapshot_deletes_entries AFTER DELETE ON snapshot
    FOR EACH ROW EXECUTE FUNCTION delete_entries_of_snapshot();

-- The other half of the foreign key to model: a model that entries refer to cannot be deleted
-- (lbtrack deletes only unreferenced models: drop_unreferenced_models). Checked on delete only,
-- through entry_model_history; a writer holds its models FOR KEY SHARE until it commits, so a
-- delete waits for it and then sees its entries.
CREATE OR REPLACE FUNCTION refuse_deleting_referenced_model() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM entry WHERE model_id = OLD.id) THEN
        RAISE EXCEPTION 'model % (%) is still referenced from table "entry"', OLD.id,
            OLD.canonical_key USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN OLD;
END
$$;
DROP TRIGGER IF EXISTS model_referenced_by_entries ON model;
CREATE TRIGGER model_referenced_by_entries BEFORE DELETE ON model
    FOR EACH ROW EXECUTE FUNCTION refuse_deleting_referenced_model();
