-- One row per paper (arXiv ID without version): the durable record of a submission. The row is
-- committed before the API answers 202; the ingest worker and the re-publisher work from it.
CREATE TABLE paper (
    arxiv_id           VARCHAR(64)  PRIMARY KEY,
    requested_version  INTEGER,                 -- version the operator asked for, null = latest
    version            INTEGER,                 -- version actually ingested (from arXiv)
    run                INTEGER      NOT NULL DEFAULT 1,   -- production run, +1 per forced re-production
    status             VARCHAR(16)  NOT NULL,
    attempt            INTEGER      NOT NULL DEFAULT 1,   -- attempt of the current stage
    failed_stage       VARCHAR(16),
    failure_reason     TEXT,
    failure_retryable  BOOLEAN,
    title              TEXT,
    primary_category   VARCHAR(32),
    category_name      VARCHAR(128),
    text_source        VARCHAR(16),
    metadata_key       VARCHAR(255),
    text_key           VARCHAR(255),
    ingested_event     TEXT,                    -- PaperIngested JSON, kept until the broker acknowledged it
    event_sent_at      TIMESTAMPTZ,
    lease_until        TIMESTAMPTZ,             -- a worker holds the row until then (crash => expires)
    next_attempt_at    TIMESTAMPTZ,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX paper_status_idx ON paper (status, updated_at);
CREATE INDEX paper_pending_event_idx ON paper (arxiv_id) WHERE ingested_event IS NOT NULL AND event_sent_at IS NULL;

-- The stage timeline: one row per status transition of a paper.
CREATE TABLE stage_transition (
    id         BIGSERIAL    PRIMARY KEY,
    arxiv_id   VARCHAR(64)  NOT NULL REFERENCES paper (arxiv_id) ON DELETE CASCADE,
    run        INTEGER      NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    stage      VARCHAR(16),
    detail     TEXT,
    at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX stage_transition_paper_idx ON stage_transition (arxiv_id, id);

-- Events the status projection has applied (CloudEvents id), so a redelivery changes nothing.
CREATE TABLE processed_event (
    event_id     VARCHAR(255) PRIMARY KEY,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
