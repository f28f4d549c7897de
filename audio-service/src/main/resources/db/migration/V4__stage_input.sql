-- The stage kit's input log (the input a production started from, what an operator's retry reruns),
-- the same table in every stage's schema; it replaces audio_input.
CREATE TABLE stage_input (
    arxiv_id    VARCHAR(64) NOT NULL,
    version     INT         NOT NULL,
    run         INT         NOT NULL,
    event_id    VARCHAR(512),
    event_json  TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (arxiv_id, version, run)
);

INSERT INTO stage_input (arxiv_id, version, run, event_json, received_at)
SELECT arxiv_id, version, run, event_json, received_at FROM audio_input;

DROP TABLE audio_input;
