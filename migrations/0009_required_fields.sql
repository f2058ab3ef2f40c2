-- ropa schema level 9: the fields of the authorities' templates a DPO chooses to require, and
-- an index for an activity's history
-- (issue: everything the authorities' templates ask for, item 3). `ropa settings --require`
-- names them; `ropa check` then counts, beside the Art. 30 items, the share of those fields
-- each activity holds. A register-wide setting, so it is part of the record and its history.
--
-- SQLite cannot change a CHECK constraint: the settings table is rebuilt the way SQLite
-- documents (https://sqlite.org/lang_altertable.html#otheralter), its rows kept. Its history
-- triggers are dropped first and made again from the new table after the migration, like every
-- table's (decision D22); the rebuild changes no row, so it records no change.
DROP TRIGGER IF EXISTS history_setting_insert;
DROP TRIGGER IF EXISTS history_setting_update;
DROP TRIGGER IF EXISTS history_setting_delete;
ALTER TABLE setting RENAME TO setting_level8;
CREATE TABLE setting (
    name  TEXT PRIMARY KEY CHECK (name IN ('default_language', 'review_interval_months', 'required_fields')),
    value TEXT NOT NULL CHECK (length(value) > 0)
) WITHOUT ROWID;
INSERT INTO setting (name, value) SELECT name, value FROM setting_level8;
DROP TABLE setting_level8;

-- An activity's history names its retention rows by the activity they belong to, which only
-- the row's image holds (a retention row's key is its own id): this index answers that
-- question, where an activity's page read every retention row's history (about 80 ms at 10,000
-- activities; docs/performance.md).
CREATE INDEX row_history_retention_by_activity
    ON row_history (json_extract(coalesce(after, before), '$.activity_id')) WHERE table_name = 'retention';
