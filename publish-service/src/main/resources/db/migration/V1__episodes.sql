-- One episode per paper (natural key: arXiv ID without version); updated in place on re-production.
CREATE TABLE episode (
    arxiv_id        VARCHAR(64)  PRIMARY KEY,
    guid            VARCHAR(128) NOT NULL UNIQUE,
    episode_number  INTEGER      NOT NULL UNIQUE,
    slug            VARCHAR(80)  NOT NULL UNIQUE,
    version         INTEGER      NOT NULL,
    run             INTEGER      NOT NULL,
    title           TEXT         NOT NULL,
    description     TEXT         NOT NULL,
    paper_title     TEXT         NOT NULL,
    authors         TEXT         NOT NULL,
    category_name   TEXT,
    abs_url         TEXT,
    audio_key       TEXT         NOT NULL,
    byte_size       BIGINT       NOT NULL,
    duration_ms     BIGINT       NOT NULL,
    mime_type       VARCHAR(64)  NOT NULL,
    chapters_key    TEXT,
    transcript_key  TEXT,
    speech_engine   VARCHAR(128),
    published_at    TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    feed_revision   VARCHAR(80)
);
CREATE INDEX episode_published_at ON episode (published_at DESC, episode_number DESC);

-- The last AudioReady seen per paper, so an operator's retry reruns publishing from it.
CREATE TABLE publish_input (
    arxiv_id     VARCHAR(64) PRIMARY KEY,
    event_id     TEXT        NOT NULL,
    event_json   TEXT        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL
);

-- Events already applied: redeliveries are dropped.
CREATE TABLE processed_event (
    event_id     TEXT        PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL
);
