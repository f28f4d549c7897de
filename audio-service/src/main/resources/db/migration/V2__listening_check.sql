-- The listening check's figures of each production: where quality.json is, and the brief per-section
-- summary that audio.ready carries (JSON), shown by GET /api/audio/{arxivId}. Null: not checked.
ALTER TABLE audio ADD COLUMN quality_key VARCHAR(512);
ALTER TABLE audio ADD COLUMN listening_json TEXT;
