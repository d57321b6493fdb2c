-- Notification outbox: every digest `lbtrack run --notify` renders for a sink is written here
-- first and marked delivered when the sink accepted it. A sink that failed (webhook down, SMTP
-- refused) keeps its message pending, and the next run sends it again before its own, so a
-- flaky sink loses nothing. Rendered bodies are kept as sent: a retry says what the original
-- run saw, not what the database says later. Secrets (webhook URLs, SMTP passwords) are never
-- stored: the sink is named, its settings come from the config and environment of each run.
CREATE TABLE notification (
    id              bigserial PRIMARY KEY,
    sink            text        NOT NULL,  -- the [[notify]] name
    created_at      timestamptz NOT NULL,
    subject         text        NOT NULL,
    body_text       text        NOT NULL,
    body_markdown   text        NOT NULL,
    body_html       text        NOT NULL,
    body_json       text        NOT NULL,
    file_path       text,                  -- file sinks: the path resolved when rendered
    attempts        integer     NOT NULL DEFAULT 0,
    last_attempt_at timestamptz,
    last_error      text,
    delivered_at    timestamptz,
    abandoned_at    timestamptz            -- gave up (too many attempts or too old)
);

CREATE INDEX notification_pending ON notification (sink, id)
    WHERE delivered_at IS NULL AND abandoned_at IS NULL;
