-- A script's "explain, not recite" figures (ScriptReady.Explanation as JSON): recital of the
-- abstract, repeated runs, body sections used, key terms explained, abstract only.
ALTER TABLE script ADD COLUMN explanation_json TEXT;
