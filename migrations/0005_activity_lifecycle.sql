-- ropa schema level 5: an activity's lifecycle, its approval and its review.
--
-- A register must record processing as it really happens, even where it breaks a rule, and
-- report every break (issue: recording real registers). So an activity goes draft -> in
-- review -> active (approved) -> retired: drafts and activities in review may break the
-- write-time rules, which `ropa check` then reports; becoming active is the approval, refused
-- while any rule is broken, and records who approved it, when and why; each active activity
-- has a date by which it is to be reviewed again.

-- "in_review" joins the statuses. SQLite cannot ALTER a CHECK constraint; loosening one by
-- rewriting the table's definition is the procedure SQLite documents for it ("Making Other
-- Kinds Of Table Schema Changes", lang_altertable.html): every existing row still satisfies
-- the new constraint. RESET makes the connection read the new definition at once.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (status IN (''draft'', ''active'', ''retired''))',
                          'CHECK (status IN (''draft'', ''in_review'', ''active'', ''retired''))')
 WHERE type = 'table' AND name = 'processing_activity';
PRAGMA writable_schema = RESET;

-- The approval: who (the change's actor), when (UTC, ISO 8601) and why (the change's reason).
ALTER TABLE processing_activity ADD COLUMN approved_by TEXT;
ALTER TABLE processing_activity ADD COLUMN approved_at TEXT;
ALTER TABLE processing_activity ADD COLUMN approval_reason TEXT;
-- The date by which the activity is to be reviewed again (set on approval: 12 months on).
ALTER TABLE processing_activity ADD COLUMN next_review_date TEXT
    CHECK (next_review_date IS NULL OR date(next_review_date) IS next_review_date);
