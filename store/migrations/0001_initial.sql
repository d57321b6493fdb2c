-- lbtrack schema, version 1. Applied once by `lbtrack db migrate` (and at start), recorded in
-- schema_migration. Never edit an applied migration: add a new numbered file.

CREATE TABLE source (
    id          text PRIMARY KEY,
    title       text NOT NULL,
    url         text NOT NULL,
    format      text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Raw payloads, content-addressed: any snapshot can be re-parsed later with better rules.
CREATE TABLE payload (
    sha256      bytea PRIMARY KEY CHECK (length(sha256) = 32),
    size_bytes  bigint NOT NULL,        -- uncompressed size
    compression text NOT NULL DEFAULT 'zstd',
    data        bytea NOT NULL,
    stored_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE snapshot (
    id                 bigserial PRIMARY KEY,
    source_id          text NOT NULL REFERENCES source (id),
    observed_at        timestamptz NOT NULL,
    upstream_date      date,             -- the date the board states for its data, when known
    payload_sha256     bytea NOT NULL REFERENCES payload (sha256),
    row_count          integer NOT NULL CHECK (row_count >= 0),
    rules_version      integer NOT NULL, -- normalizer rules that produced the model keys
    created_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source_id, observed_at)
);
-- Hot read 1: the latest snapshot of each source (and the one before a given time).
CREATE INDEX snapshot_source_time ON snapshot (source_id, observed_at DESC);

-- Every fetch attempt, successful or not (FETCH is reserved in SQL, hence fetch_log): what `lbtrack sources` and operators look at.
CREATE TABLE fetch_log (
    id              bigserial PRIMARY KEY,
    source_id       text NOT NULL REFERENCES source (id),
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz NOT NULL DEFAULT now(),
    status          text NOT NULL CHECK (status IN ('stored', 'unchanged', 'failed')),
    url             text,
    http_status     integer,
    bytes           bigint,
    payload_sha256  bytea,
    etag            text,
    last_modified   text,
    error           text,
    snapshot_id     bigint REFERENCES snapshot (id)
);
CREATE INDEX fetch_log_source_time ON fetch_log (source_id, started_at DESC);

CREATE TABLE model (
    id             bigserial PRIMARY KEY,
    canonical_key  text NOT NULL UNIQUE,
    display_name   text NOT NULL,
    organization   text,
    provisional    boolean NOT NULL DEFAULT true, -- not yet confirmed by the registry
    first_seen     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE model_alias (
    alias      text PRIMARY KEY,
    model_id   bigint NOT NULL REFERENCES model (id),
    valid_from date,
    valid_to   date
);

-- One row per leaderboard row of a snapshot. Written with COPY inside the snapshot's
-- transaction, so a snapshot is either complete or absent.
CREATE TABLE entry (
    snapshot_id       bigint NOT NULL REFERENCES snapshot (id) ON DELETE CASCADE,
    row_number        integer NOT NULL,
    model_id          bigint NOT NULL REFERENCES model (id),
    variant           text NOT NULL DEFAULT '',
    raw_name          text NOT NULL,
    organization      text,
    rank              integer,
    score             double precision,
    ci_plus           double precision,
    ci_minus          double precision,
    votes             bigint,
    license           text,
    knowledge_cutoff  text,
    metrics           jsonb NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (snapshot_id, row_number)
);
-- Hot read 2: one model's history across all sources.
CREATE INDEX entry_model ON entry (model_id, snapshot_id);
