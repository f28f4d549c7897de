-- The script stage's "explain, not recite" figures as scripts.ready reports them (recital of the
-- abstract, repeated runs, body sections used, terms explained), JSON. Null: not measured.
ALTER TABLE stage_progress ADD COLUMN explanation_json TEXT;
