-- One row per production of a script (paper, version, run); the input event is kept for retries.
CREATE TABLE script (
    id              BIGSERIAL PRIMARY KEY,
    arxiv_id        VARCHAR(64)  NOT NULL,
    version         INT          NOT NULL,
    run             INT          NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    writer          VARCHAR(32),
    fallback_reason TEXT,
    word_count      INT,
    episode_title   TEXT,
    description     TEXT,
    script_key      TEXT,
    markdown_key    TEXT,
    grounding_key   TEXT,
    quotes_checked  INT,
    numbers_checked INT,
    dropped_claims  INT,
    grounded        BOOLEAN,
    input_event     TEXT         NOT NULL,
    input_event_id  VARCHAR(255) NOT NULL,
    failure_reason  TEXT,
    edited          BOOLEAN      NOT NULL DEFAULT FALSE,
    attempts        INT          NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    approved_at     TIMESTAMPTZ,
    CONSTRAINT script_natural_key UNIQUE (arxiv_id, version, run)
);
CREATE INDEX script_status ON script (status);

-- Ids of events already handled (PaperIngested, RetryRequested): redeliveries are dropped.
CREATE TABLE processed_event (
    event_id     VARCHAR(255) PRIMARY KEY,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
