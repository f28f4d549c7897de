-- Why a paper's better text sources were not used (e.g. "HTML unusable: the HTML full text is too
-- large to read: …"), shown on GET /api/papers/{id} next to textSource. Null before the first ingest.
ALTER TABLE paper ADD COLUMN text_notes TEXT;
