-- The StageFailed JSON of ingest's own failure, kept in the same transaction that records the failure
-- until the broker acknowledged it (then null), so a failure event the broker did not take (or a
-- crash right after recording the failure) is sent later by the re-publisher.
ALTER TABLE paper ADD COLUMN failure_event TEXT;
CREATE INDEX paper_pending_failure_idx ON paper (arxiv_id) WHERE failure_event IS NOT NULL;
