CREATE TABLE paper (
    arxiv_id   VARCHAR(64) PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
