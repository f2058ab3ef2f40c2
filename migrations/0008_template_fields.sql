-- ropa schema level 8: what the authorities' templates ask for and real registers hold
-- (issue: everything the authorities' templates ask for). Each column is optional: an older
-- register takes this level with `ropa migrate`, its history intact, and records the new
-- facts as the DPO learns them; `ropa check` reports the ones the law requires.

-- 1. The activity. Where a template has free text and another structure, the structure is
--    kept and the notes hold the rest.
-- Where the data come from, when not from the data subjects (Art. 14(2)(f); ICO "source").
ALTER TABLE processing_activity ADD COLUMN data_source_text_id INTEGER REFERENCES localized_text(id);
-- Whether the data subjects must provide the data, and why (Art. 13(2)(e)).
ALTER TABLE processing_activity ADD COLUMN provision_requirement TEXT
    CHECK (provision_requirement IS NULL OR provision_requirement IN
           ('statutory', 'contractual', 'contract_requirement', 'voluntary', 'mixed'));
-- Automated decision-making with legal or similarly significant effects (Art. 22), profiling
-- (Art. 4(4)), and the logic involved and its consequences (Art. 13(2)(f), 14(2)(g)).
ALTER TABLE processing_activity ADD COLUMN automated_decision INTEGER
    CHECK (automated_decision IS NULL OR automated_decision IN (0, 1));
ALTER TABLE processing_activity ADD COLUMN profiling INTEGER CHECK (profiling IS NULL OR profiling IN (0, 1));
ALTER TABLE processing_activity ADD COLUMN automated_decision_logic_text_id INTEGER REFERENCES localized_text(id);
-- The software or systems used (CNIL), where the data are kept (ICO "location").
ALTER TABLE processing_activity ADD COLUMN systems TEXT;
ALTER TABLE processing_activity ADD COLUMN data_location TEXT;
-- The rights available to the data subjects, and how they exercise them (ICO).
ALTER TABLE processing_activity ADD COLUMN data_subject_rights_text_id INTEGER REFERENCES localized_text(id);
-- The matching entry in another controller's register (a joint controller's, the controller's
-- for processing done as processor).
ALTER TABLE processing_activity ADD COLUMN external_reference TEXT;
-- "No recipients" confirmed: without it `check` could only warn about missing recipients
-- forever.
ALTER TABLE processing_activity ADD COLUMN no_recipients INTEGER CHECK (no_recipients IS NULL OR no_recipients IN (0, 1));
-- The officials mandated for the activity beside its owner (a ministry names several).
ALTER TABLE processing_activity ADD COLUMN officials TEXT;
ALTER TABLE processing_activity ADD COLUMN notes_text_id INTEGER REFERENCES localized_text(id);

-- 2. A recipient category described beyond its name ("BVV, accessed by BZ, JenV, NP, KMar").
ALTER TABLE recipient ADD COLUMN description_text_id INTEGER REFERENCES localized_text(id);

-- 3. Art. 6(1)(f): the legitimate interest pursued and the reference of its assessment (ICO
--    columns 14-15; Art. 13(1)(d)), on the activity's link to the basis.
ALTER TABLE activity_legal_basis ADD COLUMN legitimate_interest TEXT;
ALTER TABLE activity_legal_basis ADD COLUMN assessment_reference TEXT;

-- 4. A data category of an activity: where it comes from (Art. 14(2)(f)), and which of the
--    activity's data-subject categories it is about (couriers' identity data, requesters').
ALTER TABLE activity_data_category ADD COLUMN source TEXT;
CREATE TABLE activity_data_category_data_subject_category (
    activity_id              INTEGER NOT NULL REFERENCES processing_activity(id),
    data_category_id         INTEGER NOT NULL REFERENCES data_category(id),
    data_subject_category_id INTEGER NOT NULL REFERENCES data_subject_category(id),
    PRIMARY KEY (activity_id, data_category_id, data_subject_category_id)
) WITHOUT ROWID;
CREATE INDEX activity_data_category_data_subject_category_by_subject
    ON activity_data_category_data_subject_category (data_subject_category_id);

-- 5. A time limit per data category and category of data subjects: the published register keeps
--    couriers' and requesters' identity data for different periods. The table-level UNIQUE
--    (activity, category) cannot be altered in SQLite, so the table is rebuilt the way SQLite
--    documents ("Making Other Kinds Of Table Schema Changes", lang_altertable.html): ids,
--    values and the AUTOINCREMENT counter kept (ids are never reused), the new column last,
--    as ADD COLUMN would place it. One row per activity, category and subject group, "all"
--    included, is an expression index, since NULLs never collide in a UNIQUE constraint.
--    The capture triggers go first, so that moving the rows records nothing; the migrator
--    derives them again and records every row of the rebuilt table.
DROP TRIGGER IF EXISTS history_retention_insert;
DROP TRIGGER IF EXISTS history_retention_update;
DROP TRIGGER IF EXISTS history_retention_delete;
ALTER TABLE retention RENAME TO retention_level7;
CREATE TABLE retention (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    activity_id             INTEGER NOT NULL REFERENCES processing_activity(id),
    data_category_id        INTEGER REFERENCES data_category(id),
    duration_value          INTEGER CHECK (duration_value IS NULL OR duration_value > 0),
    duration_unit           TEXT CHECK (duration_unit IS NULL OR duration_unit IN ('day', 'month', 'year')),
    trigger_text_id         INTEGER REFERENCES localized_text(id),
    criteria_text_id        INTEGER REFERENCES localized_text(id),
    justification_text_id   INTEGER REFERENCES localized_text(id),
    revision                INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    data_subject_id         INTEGER REFERENCES data_subject_category(id),
    CHECK ((duration_value IS NULL) = (duration_unit IS NULL)),
    CHECK (duration_value IS NOT NULL OR criteria_text_id IS NOT NULL)
);
INSERT INTO retention (id, activity_id, data_category_id, duration_value, duration_unit, trigger_text_id,
                       criteria_text_id, justification_text_id, revision)
    SELECT id, activity_id, data_category_id, duration_value, duration_unit, trigger_text_id, criteria_text_id,
           justification_text_id, revision
      FROM retention_level7;
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'retention', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'retention');
UPDATE sqlite_sequence
   SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'retention_level7'), 0))
 WHERE name = 'retention';
DROP TABLE retention_level7;
CREATE UNIQUE INDEX retention_one_per_scope
    ON retention (activity_id, ifnull(data_category_id, 0), ifnull(data_subject_id, 0));
CREATE INDEX retention_by_category ON retention (data_category_id);
CREATE INDEX retention_by_subject ON retention (data_subject_id);

-- 6. A warning of `ropa check` the DPO has accepted, with the reason: a known and accepted gap
--    stays visible (check lists it as acknowledged, with who, when and why) without standing
--    among the open warnings of every report. An error is a rule and cannot be acknowledged.
--    The subject is as `check` names it ("activity:CODE", "controller", "purpose:CODE").
CREATE TABLE acknowledgement (
    finding_code    TEXT NOT NULL CHECK (length(finding_code) BETWEEN 1 AND 64 AND finding_code NOT GLOB '*[^a-z0-9-]*'),
    subject         TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    reason          TEXT NOT NULL CHECK (length(reason) > 0),
    acknowledged_by TEXT NOT NULL,
    acknowledged_at TEXT NOT NULL,
    PRIMARY KEY (finding_code, subject)
) WITHOUT ROWID;
