-- The stage kit's input log (StageInput): the input each production started from, what an operator's
-- retry reruns, one row per production (arXiv ID, version, run) instead of publish_input's one per paper.
CREATE TABLE stage_input (
    arxiv_id     TEXT        NOT NULL,
    version      INTEGER     NOT NULL,
    run          INTEGER     NOT NULL,
    event_id     TEXT        NOT NULL,
    event_json   TEXT        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (arxiv_id, version, run)
);

-- The inputs recorded so far, under the production their AudioReady names. A row whose JSON does not
-- read, or names no version and run, is left behind: a retry could not have rerun from it either.
DO $$
DECLARE
    p   publish_input%ROWTYPE;
    doc jsonb;
BEGIN
    FOR p IN SELECT * FROM publish_input LOOP
        BEGIN
            doc := p.event_json::jsonb;
        EXCEPTION WHEN invalid_text_representation THEN
            RAISE NOTICE 'publish_input of % is not JSON: not copied', p.arxiv_id;
            CONTINUE;
        END;
        IF jsonb_typeof(doc -> 'version') = 'number' AND jsonb_typeof(doc -> 'run') = 'number' THEN
            INSERT INTO stage_input (arxiv_id, version, run, event_id, event_json, received_at)
            VALUES (p.arxiv_id, (doc ->> 'version')::int, (doc ->> 'run')::int, p.event_id, p.event_json,
                    p.received_at)
            ON CONFLICT DO NOTHING;
        ELSE
            RAISE NOTICE 'publish_input of % names no version and run: not copied', p.arxiv_id;
        END IF;
    END LOOP;
END $$;

DROP TABLE publish_input;
