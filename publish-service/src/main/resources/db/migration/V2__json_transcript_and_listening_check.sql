-- The Podcasting 2.0 JSON transcript (lines with their sources in the paper) and the audio stage's
-- listening check (AudioReady.listening as JSON: recogniser, overall figures, one entry per section).
-- Both null for episodes published before them: their page shows the WebVTT and no check.
ALTER TABLE episode ADD COLUMN json_transcript_key TEXT;
ALTER TABLE episode ADD COLUMN listening TEXT;
