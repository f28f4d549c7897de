-- Watch rules (issue 18): which new arXiv papers a topic wants. The list facets are JSON arrays of
-- strings; an empty array does not restrict. Published to the compacted "subscriptions" topic.
CREATE TABLE subscription (
    slug        VARCHAR(40)  PRIMARY KEY,
    title       VARCHAR(120) NOT NULL,
    categories  JSONB        NOT NULL DEFAULT '[]',
    keywords    JSONB        NOT NULL DEFAULT '[]',
    authors     JSONB        NOT NULL DEFAULT '[]',
    daily_cap   INTEGER      NOT NULL,
    format      VARCHAR(8)   NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Every poll of a rule (scheduled or asked for by an operator): what the listing held and what was done.
-- skipped: JSON array of {arxivId, version, reason}; submitted_ids: JSON array of IDs (with version).
CREATE TABLE subscription_poll (
    id             BIGSERIAL    PRIMARY KEY,
    slug           VARCHAR(40)  NOT NULL REFERENCES subscription (slug) ON DELETE CASCADE,
    trigger        VARCHAR(16)  NOT NULL,
    started_at     TIMESTAMPTZ  NOT NULL,
    finished_at    TIMESTAMPTZ,
    found          INTEGER      NOT NULL DEFAULT 0,
    new_papers     INTEGER      NOT NULL DEFAULT 0,
    submitted      INTEGER      NOT NULL DEFAULT 0,
    skipped        INTEGER      NOT NULL DEFAULT 0,
    skipped_items  TEXT         NOT NULL DEFAULT '[]',
    submitted_ids  TEXT         NOT NULL DEFAULT '[]',
    requests       INTEGER      NOT NULL DEFAULT 0,
    error          TEXT
);

CREATE INDEX subscription_poll_slug_idx ON subscription_poll (slug, id DESC);

-- Which rule submitted which paper (and version), when: the daily cap counts these per UTC day.
-- Kept when the rule or the paper goes, as the history of what a rule did.
CREATE TABLE subscription_submission (
    id            BIGSERIAL    PRIMARY KEY,
    slug          VARCHAR(40)  NOT NULL,
    arxiv_id      VARCHAR(64)  NOT NULL,
    version       INTEGER,
    run           INTEGER      NOT NULL,
    submitted_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX subscription_submission_slug_idx ON subscription_submission (slug, submitted_at);
CREATE INDEX subscription_submission_paper_idx ON subscription_submission (arxiv_id);
