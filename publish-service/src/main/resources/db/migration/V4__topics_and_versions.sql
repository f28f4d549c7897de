-- What topic feeds need of an episode: the paper's primary arXiv category (its category feed), every
-- category it is listed in (one per line, the primary first) and its abstract (rules match words in
-- title and abstract; a new version's abstract is compared with it). update_note: "Updated for vN: ..."
-- once a newer arXiv version replaced the first production.
ALTER TABLE episode ADD COLUMN primary_category VARCHAR(64);
ALTER TABLE episode ADD COLUMN categories TEXT NOT NULL DEFAULT '';
ALTER TABLE episode ADD COLUMN abstract_text TEXT;
ALTER TABLE episode ADD COLUMN update_note TEXT;
CREATE INDEX episode_primary_category ON episode (primary_category);

-- Episodes from before: the facts come from the AudioReady recorded for operator retries.
UPDATE episode e SET
    primary_category = NULLIF(p.event_json::jsonb -> 'paper' ->> 'primaryCategory', ''),
    abstract_text = p.event_json::jsonb -> 'paper' ->> 'abstractText',
    categories = COALESCE(CASE WHEN jsonb_typeof(p.event_json::jsonb -> 'paper' -> 'categories') = 'array'
        THEN array_to_string(ARRAY(SELECT jsonb_array_elements_text(p.event_json::jsonb -> 'paper' -> 'categories')), E'\n')
        END, NULLIF(p.event_json::jsonb -> 'paper' ->> 'primaryCategory', ''), '')
FROM publish_input p
WHERE p.arxiv_id = e.arxiv_id AND p.event_json LIKE '{%';

-- The watch rules of topic feeds, copied from the compacted subscriptions topic (key = slug).
CREATE TABLE subscription_rule (
    slug        VARCHAR(100) PRIMARY KEY,
    rule_json   TEXT         NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);

-- Earlier arXiv versions of an episode: their audio stays addressable (keys are per version).
CREATE TABLE episode_version (
    id                  BIGSERIAL    PRIMARY KEY,
    arxiv_id            VARCHAR(64)  NOT NULL REFERENCES episode (arxiv_id) ON DELETE CASCADE,
    version             INTEGER      NOT NULL,
    run                 INTEGER      NOT NULL,
    audio_key           TEXT         NOT NULL,
    byte_size           BIGINT       NOT NULL,
    duration_ms         BIGINT       NOT NULL,
    mime_type           VARCHAR(64)  NOT NULL,
    transcript_key      TEXT,
    json_transcript_key TEXT,
    chapters_key        TEXT,
    replaced_at         TIMESTAMPTZ  NOT NULL,
    UNIQUE (arxiv_id, version)
);
