-- One row per produced episode audio (natural key: paper, version, production run).
CREATE TABLE audio (
    arxiv_id        VARCHAR(64)  NOT NULL,
    version         INT          NOT NULL,
    run             INT          NOT NULL,
    audio_key       VARCHAR(512) NOT NULL,
    chapters_key    VARCHAR(512) NOT NULL,
    transcript_key  VARCHAR(512) NOT NULL,
    duration_ms     BIGINT       NOT NULL,
    byte_size       BIGINT       NOT NULL,
    mime_type       VARCHAR(64)  NOT NULL,
    speech_engine   VARCHAR(128) NOT NULL,
    word_count      INT          NOT NULL,
    loudness_lufs   DOUBLE PRECISION NOT NULL,
    true_peak_dbtp  DOUBLE PRECISION NOT NULL,
    render_ms       BIGINT       NOT NULL,
    voiced_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (arxiv_id, version, run)
);

-- The ScriptReady each production started from, so an operator's retry can rerun the stage.
CREATE TABLE audio_input (
    arxiv_id    VARCHAR(64) NOT NULL,
    version     INT         NOT NULL,
    run         INT         NOT NULL,
    event_json  TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (arxiv_id, version, run)
);

-- Event ids already handled: a redelivered event is dropped.
CREATE TABLE processed_event (
    event_id     VARCHAR(300) PRIMARY KEY,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
