-- The episode's format of the current production run: 'solo' (the show's host alone) or 'duo' (host
-- and co-host), asked for at submission or PAPERLEDGE_SHOW_FORMAT's default, sent on PaperIngested.
-- Productions from before formats were all solo.
ALTER TABLE paper ADD COLUMN format VARCHAR(8) NOT NULL DEFAULT 'solo';
