-- A board refused as collapsed (far fewer rows than the snapshot before it) records how many
-- rows it had, so the next fetch can confirm the new size: a board that really shrank (a new
-- LiveBench release, an author keeping only the top of a board) is accepted on its second
-- sighting instead of being compared for ever against the size it had before.
ALTER TABLE fetch_log ADD COLUMN collapsed_rows integer CHECK (collapsed_rows >= 0);
