-- The status projection's own record of each paper's current run (until now it shared intake's paper
-- row). Intake keeps the submission and the ingest work; the projection keeps where the paper is in
-- the pipeline. Only the projection writes paper_status.
CREATE TABLE paper_status (
    arxiv_id           VARCHAR(64)  PRIMARY KEY REFERENCES paper (arxiv_id) ON DELETE CASCADE,
    run                INTEGER      NOT NULL DEFAULT 1,   -- current production run (events of others are ignored)
    version            INTEGER,                          -- version the run ingested
    status             VARCHAR(16)  NOT NULL,
    attempt            INTEGER      NOT NULL DEFAULT 1,   -- highest attempt any stage of the run reached
    failed_stage       VARCHAR(16),
    failure_reason     TEXT,
    failure_retryable  BOOLEAN,
    episode_url        TEXT,                             -- the episode's public page (EpisodePublished)
    run_started_at     TIMESTAMPTZ,                      -- the run was requested: its ingest stage started
    ingest_acked_at    TIMESTAMPTZ,                      -- the broker acknowledged the run's PaperIngested
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);

INSERT INTO paper_status (arxiv_id, run, version, status, attempt, failed_stage, failure_reason, failure_retryable,
                          episode_url, run_started_at, ingest_acked_at, updated_at)
SELECT arxiv_id, run, CASE WHEN ingested_event IS NOT NULL THEN version END, status, attempt, failed_stage,
       failure_reason, failure_retryable, episode_url, COALESCE(run_started_at, created_at), event_sent_at, updated_at
FROM paper;

CREATE INDEX paper_status_status_idx ON paper_status (status, updated_at);

-- Intake's own mark that ingest gave up on the current attempt (the worker leaves such a paper until an
-- operator retries it); it was read from the shared status before.
ALTER TABLE paper ADD COLUMN ingest_failed_at TIMESTAMPTZ;
UPDATE paper SET ingest_failed_at = updated_at
WHERE status = 'FAILED' AND failed_stage = 'INGEST' AND ingested_event IS NULL;

-- paper.attempt is now the ingest stage's attempt of the run.
UPDATE paper p SET attempt = COALESCE((SELECT GREATEST(sp.attempt, COALESCE(sp.failed_attempt, 1))
                                       FROM stage_progress sp
                                       WHERE sp.arxiv_id = p.arxiv_id AND sp.run = p.run AND sp.stage = 'INGEST'), 1);

DROP INDEX paper_status_idx;
ALTER TABLE paper DROP COLUMN status, DROP COLUMN failed_stage, DROP COLUMN failure_reason,
    DROP COLUMN failure_retryable, DROP COLUMN episode_url;
