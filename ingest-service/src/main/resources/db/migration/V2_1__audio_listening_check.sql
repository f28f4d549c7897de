-- The audio stage's listening check as audio.ready reports it (per section: verdict, word error,
-- silence, re-render), JSON, shown on GET /api/papers/{id} and the dashboard. Null: not checked.
ALTER TABLE stage_progress ADD COLUMN listening_json TEXT;
