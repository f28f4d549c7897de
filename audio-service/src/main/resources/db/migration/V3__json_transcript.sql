-- The Podcasting 2.0 JSON transcript of each production (segments with speaker and source passage),
-- shown by GET /api/audio/{arxivId}. Null: produced before it existed.
ALTER TABLE audio ADD COLUMN json_transcript_key VARCHAR(512);
