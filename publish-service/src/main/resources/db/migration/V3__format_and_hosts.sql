-- The episode's format (solo or duo) and who speaks in it (names in the event's order, the show's
-- host first, one per line). Episodes published before formats are solo with no names recorded:
-- the feed and the page credit the configured host.
ALTER TABLE episode ADD COLUMN format VARCHAR(8) NOT NULL DEFAULT 'solo';
ALTER TABLE episode ADD COLUMN hosts TEXT NOT NULL DEFAULT '';
