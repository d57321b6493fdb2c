-- DESIGN.md's scale inside PostgreSQL, for bench/scale_db.sh: BOARDS boards x ~ROWS rows x DAYS
-- daily snapshots written into lbtrack's own schema (created by `lbtrack db migrate`): source,
-- payload, snapshot, fetch_log, model, entry, in the order and shape a daily `lbtrack run` writes
-- them, but by INSERT ... SELECT from a per-board random walk instead of 36M parsed rows.
--
-- Input: the model universe from bench/scale_models.py (real names, organizations, licenses and
-- scores from the real page, scaled up with suffixes; keys as `lbtrack resolve` gives them).
-- Each board is a random walk like bench/gen_history.py: every day every score moves by a
-- Gaussian step (sd 1.5 points, shrinking with votes), votes grow, CIs narrow; newcomers join
-- the boards in their mask and as many models of each board's bottom quarter retire, so a
-- board keeps its size; ranks are competition ranks of the score.
--
-- psql variables: models_tsv, boards, days, first_day (YYYY-MM-DD), identity (the
-- identity_version lbtrack stamps snapshots with), rules (rules_version).
-- Run as a superuser: session_replication_role = replica skips the foreign-key triggers (the
-- generator sets every reference from the rows it has just inserted; scale_db.sh checks them
-- afterwards), which would otherwise double the load time.
\set ON_ERROR_STOP 1
SET session_replication_role = replica;
SET synchronous_commit = off;
SELECT setseed(0.7) AS seed \gset

CREATE UNLOGGED TABLE gen_param (boards int, days int, first_day date, identity text, rules int);
INSERT INTO gen_param VALUES (:boards, :days, :'first_day', :'identity', :rules);

CREATE UNLOGGED TABLE gen_model (
    gid int PRIMARY KEY, name text, key text, variant text, provisional boolean, org text,
    license text, score float8, votes bigint, ci float8, born int, mask int, model_id bigint);
-- \copy takes the rest of its line verbatim, so the file name goes in through a variable.
\set copy_models '\\copy gen_model (gid, name, key, variant, provisional, org, license, score, votes, ci, born, mask) FROM ' :'models_tsv'
:copy_models
CREATE INDEX ON gen_model (born);

INSERT INTO source (id, title, url, format)
SELECT format('board-%s', lpad(b::text, 2, '0')), format('Generated board %s', b),
       format('https://example.org/board-%s.csv', lpad(b::text, 2, '0')), 'csv'
FROM gen_param, generate_series(1, boards) b;

-- One model per key (variants such as -bf16/-fp8 of one model share it), first seen the day
-- its first row appears.
INSERT INTO model (canonical_key, display_name, organization, provisional, first_seen)
SELECT DISTINCT ON (key) key, name, nullif(org, ''), provisional,
       (first_day + born)::timestamp AT TIME ZONE 'UTC'
FROM gen_model, gen_param ORDER BY key, gid;
UPDATE gen_model g SET model_id = m.id FROM model m WHERE m.canonical_key = g.key;

-- Today's rows of every board. No index: it is read whole every day; fillfactor leaves room
-- for the daily UPDATE's new row versions on the same page (HOT), VACUUMed between days.
CREATE UNLOGGED TABLE gen_walk (
    board int, gid int, model_id bigint, name text, variant text, org text, license text,
    score float8, votes bigint, ci float8) WITH (fillfactor = 45);

CREATE FUNCTION gen_gauss() RETURNS float8 LANGUAGE sql VOLATILE
AS $$ SELECT sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) $$;

CREATE FUNCTION gen_source(b int) RETURNS text LANGUAGE sql IMMUTABLE
AS $$ SELECT format('board-%s', lpad(b::text, 2, '0')) $$;

-- One day: move the walk, then store each board's snapshot like a run does (payload, snapshot,
-- entries in row order, fetch record). Called once per day, each call its own transaction.
CREATE PROCEDURE gen_day(d int) LANGUAGE plpgsql AS $$
DECLARE
    p gen_param;
    at timestamptz;
BEGIN
    SELECT * INTO p FROM gen_param;
    at := (p.first_day + d)::timestamp AT TIME ZONE 'UTC';
    IF d = 0 THEN
        -- Each board scores a model a little differently.
        INSERT INTO gen_walk
        SELECT b, g.gid, g.model_id, g.name, g.variant, nullif(g.org, ''), nullif(g.license, ''),
               round((g.score + 5 * gen_gauss())::numeric, 2), g.votes, g.ci
        FROM gen_model g CROSS JOIN generate_series(1, p.boards) b
        WHERE g.born = 0 AND g.mask & (1 << (b - 1)) <> 0;
    ELSE
        UPDATE gen_walk
        SET score = round((score + 1.5 * sqrt(20000.0 / (votes + 20000)) * gen_gauss())::numeric, 2),
            votes = votes + 20 + floor(random() * 381)::int,
            ci = greatest(2, round((ci * 0.998)::numeric, 1));
        DELETE FROM gen_walk w
        USING (SELECT r.board, r.gid
               FROM (SELECT q.board, q.gid,
                            row_number() OVER (PARTITION BY q.board ORDER BY random()) AS n
                     FROM (SELECT board, gid,
                                  percent_rank() OVER (PARTITION BY board ORDER BY score) AS pr
                           FROM gen_walk) q
                     WHERE q.pr < 0.25) r
               JOIN (SELECT b AS board, count(*) AS joining
                     FROM gen_model g CROSS JOIN generate_series(1, p.boards) b
                     WHERE g.born = d AND g.mask & (1 << (b - 1)) <> 0 GROUP BY b) c
                 ON c.board = r.board
               WHERE r.n <= c.joining) x
        WHERE w.board = x.board AND w.gid = x.gid;
        INSERT INTO gen_walk
        SELECT b, g.gid, g.model_id, g.name, g.variant, nullif(g.org, ''), nullif(g.license, ''),
               g.score, g.votes, g.ci
        FROM gen_model g CROSS JOIN generate_series(1, p.boards) b
        WHERE g.born = d AND g.mask & (1 << (b - 1)) <> 0;
    END IF;

    INSERT INTO payload (sha256, size_bytes, data)
    SELECT sha256(convert_to(format('scale %s %s', b, d), 'UTF8')),
           (SELECT 75 * count(*) FROM gen_walk w WHERE w.board = b), '\x'::bytea
    FROM generate_series(1, p.boards) b;
    INSERT INTO snapshot (source_id, observed_at, payload_sha256, row_count, rules_version,
                          identity_version)
    SELECT gen_source(b), at, sha256(convert_to(format('scale %s %s', b, d), 'UTF8')),
           (SELECT count(*) FROM gen_walk w WHERE w.board = b), p.rules, p.identity
    FROM generate_series(1, p.boards) b;
    INSERT INTO entry (snapshot_id, row_number, model_id, variant, raw_name, organization, rank,
                       score, ci_plus, ci_minus, votes, license, knowledge_cutoff, metrics)
    SELECT s.id, row_number() OVER (PARTITION BY w.board ORDER BY w.score DESC, w.gid),
           w.model_id, w.variant, w.name, w.org,
           rank() OVER (PARTITION BY w.board ORDER BY w.score DESC), w.score, w.ci, w.ci,
           w.votes, w.license, NULL,
           jsonb_build_object('rank_stylectrl',
                              rank() OVER (PARTITION BY w.board ORDER BY w.score DESC))
    FROM gen_walk w JOIN snapshot s ON s.source_id = gen_source(w.board) AND s.observed_at = at
    ORDER BY 1, 2;
    INSERT INTO fetch_log (source_id, started_at, finished_at, status, url, http_status, bytes,
                           payload_sha256, snapshot_id)
    SELECT s.source_id, s.observed_at, s.observed_at, 'stored', src.url, 200, pl.size_bytes,
           s.payload_sha256, s.id
    FROM snapshot s JOIN source src ON src.id = s.source_id
         JOIN payload pl ON pl.sha256 = s.payload_sha256
    WHERE s.observed_at = at;
END $$;

SELECT format('CALL gen_day(%s)', d), 'VACUUM gen_walk',
       CASE WHEN d % 30 = 29 OR d = days - 1
            THEN format('SELECT ''day %s of %s: '' || count(*) || '' snapshots'' AS progress FROM snapshot', d + 1, days) END
FROM gen_param, generate_series(0, days - 1) d \gexec

DROP PROCEDURE gen_day(int);
DROP FUNCTION gen_gauss(), gen_source(int);
DROP TABLE gen_walk, gen_model, gen_param;
