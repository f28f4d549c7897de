-- The stage's input event (JSON) as its consumer dead-lettered it, kept with the stage's latest dead
-- letter when it names the same paper (and run/version) and is at most 256 KiB: an operator retry
-- sends it along (RetryRequested.input), so a stage that dead-lettered before recording its input of
-- its own can still run again. Internal: never shown by the API or the dashboard.
ALTER TABLE stage_progress ADD COLUMN dead_letter_input TEXT;
