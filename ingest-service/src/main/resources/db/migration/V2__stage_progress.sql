-- The status projection in depth: per paper and production run, one row per stage with its timing
-- (event times), attempts, last error and failures (stage events, pipeline.failures, dead letters).
-- Every column is merged order-independently (earliest success, highest attempt, latest failure),
-- so duplicates, out-of-order delivery and a replay from the beginning give the same rows.
CREATE TABLE stage_progress (
    arxiv_id            VARCHAR(64)  NOT NULL REFERENCES paper (arxiv_id) ON DELETE CASCADE,
    run                 INTEGER      NOT NULL,
    stage               VARCHAR(16)  NOT NULL,
    attempt             INTEGER      NOT NULL DEFAULT 1,   -- highest attempt started (operator retries)
    succeeded_at        TIMESTAMPTZ,                      -- event time of the stage's success
    success_detail      TEXT,
    failed_attempt      INTEGER,                          -- the failure with the highest attempt
    failed_at           TIMESTAMPTZ,
    failure_reason      TEXT,
    failure_retryable   BOOLEAN,
    dead_lettered_at    TIMESTAMPTZ,                      -- a consumer sent the stage's input to its DLQ
    dead_letter_reason  TEXT,
    dead_letter_topic   VARCHAR(64),
    last_error          TEXT,                             -- the latest transient error (not final)
    last_error_at       TIMESTAMPTZ,
    next_attempt_at     TIMESTAMPTZ,                      -- automatic retry scheduled (ingest backoff)
    updated_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (arxiv_id, run, stage)
);

CREATE INDEX stage_progress_published_idx ON stage_progress (succeeded_at) WHERE stage = 'PUBLISH';

-- When the current run was requested (the start of its ingest stage); automatic ingest tries of the
-- current attempt (transient errors, exponential backoff) and the episode's public page.
ALTER TABLE paper ADD COLUMN run_started_at TIMESTAMPTZ;
ALTER TABLE paper ADD COLUMN ingest_tries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE paper ADD COLUMN last_error TEXT;
ALTER TABLE paper ADD COLUMN episode_url TEXT;
UPDATE paper SET run_started_at = created_at WHERE run_started_at IS NULL;

CREATE INDEX stage_transition_at_idx ON stage_transition (arxiv_id, at);
