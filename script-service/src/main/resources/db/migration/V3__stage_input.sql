-- The input event each production started from moves to the stage kit's input log (StageInput, what
-- an operator's retry reruns from), the same table in every stage's schema; the rows recorded so far
-- on the script table come along.
CREATE TABLE stage_input (
    arxiv_id    TEXT        NOT NULL,
    version     INT         NOT NULL,
    run         INT         NOT NULL,
    event_id    TEXT        NOT NULL,
    event_json  TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (arxiv_id, version, run)
);

INSERT INTO stage_input (arxiv_id, version, run, event_id, event_json, received_at)
SELECT arxiv_id, version, run, input_event_id, input_event, created_at FROM script;

ALTER TABLE script DROP COLUMN input_event, DROP COLUMN input_event_id;
