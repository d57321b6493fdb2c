-- Indexes for the reads at DESIGN.md's scale (10 boards x 10,000 rows x 365 days = 36.5M
-- entries), chosen from bench/scale_db.sh's figures (docs/benchmarks.md, docs/storage.md).
-- `entry` stays one table: partitioning by month was measured and not taken (docs/storage.md).
--
-- Applied in one transaction like every migration, so `entry` takes no writes while the
-- indexes build: about a minute and a half at 36.5M entries on 2 cores, instants on a small
-- database. A larger sort memory than the 64 MB default, for this transaction only, keeps the
-- builds in memory.
SET LOCAL maintenance_work_mem = '256MB';

-- Hot read 2, one model's history across all boards (`lbtrack history`): the model index now
-- carries what history prints, so the read is answered from the index alone (an index-only
-- scan: ~70 index pages instead of one heap page per snapshot, 3,650 for a model on ten boards
-- for a year). Same key as entry_model, which it replaces (also for the model clean-up after a
-- reprocess). Its price is space: 77 MB per million entries built here at once, ~136 MB once
-- grown a day at a time (pages split in the middle of the index stay half full), against 43 MB
-- for entry_model; REINDEX ... CONCURRENTLY packs it again.
CREATE INDEX entry_model_history ON entry (model_id, snapshot_id)
    INCLUDE (variant, rank, score, raw_name);
DROP INDEX entry_model;

-- `lbtrack history NAME` falls back to the names as printed when NAME is no stored model's key
-- (a typo, a model kept apart from its resolution): that was a scan of every entry (2.5-6.5 s
-- at 36.5M). B-tree deduplication stores each (name, model) once with its row list: ~7 MB per
-- million entries.
CREATE INDEX entry_raw_name ON entry (raw_name, model_id);
-- ...and by display name, case-insensitively (a seq scan of `model` otherwise).
CREATE INDEX model_display_name_lower ON model (lower(display_name));

-- Index-only scans skip the heap only for pages the visibility map marks all-visible, which
-- VACUUM sets. By default autovacuum visits an insert-only table after inserts of 20% of its
-- size (~70 days of entries at DESIGN.md's scale); at 1% the newest entries are covered within
-- days. Vacuuming freshly inserted pages is cheap.
ALTER TABLE entry SET (autovacuum_vacuum_insert_scale_factor = 0.01);
