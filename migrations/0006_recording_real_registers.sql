-- ropa schema level 6: what recording a real organisation's register needed (issue: recording
-- real registers).
--
-- 1. A legal basis may cite several legal sources. A public body's ground is often two
--    provisions ("Paspoortwet art. 7(3)" and "art. 26(1)(d)"); one source per basis made the
--    DPO choose. The single legal_source_id column of the two basis links becomes a table of
--    citations per link; existing citations move there unchanged.
-- 2. A basis can be "to be determined": a register must record processing that happens while
--    its ground is still being worked out, and list it, rather than make the DPO invent one.
-- 3. Register-wide settings: the language texts are stored in when none is named, and the
--    interval after which an approved activity is due for review.

CREATE TABLE purpose_legal_basis_legal_source (
    purpose_id      INTEGER NOT NULL REFERENCES purpose(id),
    legal_basis_id  INTEGER NOT NULL REFERENCES legal_basis(id),
    legal_source_id INTEGER NOT NULL REFERENCES legal_source(id),
    PRIMARY KEY (purpose_id, legal_basis_id, legal_source_id)
) WITHOUT ROWID;

CREATE TABLE activity_legal_basis_legal_source (
    activity_id     INTEGER NOT NULL REFERENCES processing_activity(id),
    legal_basis_id  INTEGER NOT NULL REFERENCES legal_basis(id),
    legal_source_id INTEGER NOT NULL REFERENCES legal_source(id),
    PRIMARY KEY (activity_id, legal_basis_id, legal_source_id)
) WITHOUT ROWID;

-- "Which bases cite this source": refusing to delete a source still cited must not scan.
CREATE INDEX purpose_legal_basis_legal_source_by_source ON purpose_legal_basis_legal_source (legal_source_id);
CREATE INDEX activity_legal_basis_legal_source_by_source ON activity_legal_basis_legal_source (legal_source_id);

INSERT INTO purpose_legal_basis_legal_source (purpose_id, legal_basis_id, legal_source_id)
    SELECT purpose_id, legal_basis_id, legal_source_id FROM purpose_legal_basis WHERE legal_source_id IS NOT NULL;
INSERT INTO activity_legal_basis_legal_source (activity_id, legal_basis_id, legal_source_id)
    SELECT activity_id, legal_basis_id, legal_source_id FROM activity_legal_basis WHERE legal_source_id IS NOT NULL;

-- SQLite refuses to drop a column a trigger names; ropa derives the history capture triggers
-- from the tables again as soon as this level's statements have run (storage/migrator.cpp).
DROP TRIGGER IF EXISTS history_purpose_legal_basis_insert;
DROP TRIGGER IF EXISTS history_purpose_legal_basis_update;
DROP TRIGGER IF EXISTS history_purpose_legal_basis_delete;
DROP TRIGGER IF EXISTS history_activity_legal_basis_insert;
DROP TRIGGER IF EXISTS history_activity_legal_basis_update;
DROP TRIGGER IF EXISTS history_activity_legal_basis_delete;
ALTER TABLE purpose_legal_basis DROP COLUMN legal_source_id;
ALTER TABLE activity_legal_basis DROP COLUMN legal_source_id;

-- 2. Placeholders, one per kind of basis. An activity relying on one is a finding of `check`
--    and cannot be approved; a draft may rely on one.
ALTER TABLE legal_basis ADD COLUMN to_be_determined INTEGER NOT NULL DEFAULT 0 CHECK (to_be_determined IN (0, 1));

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Legal basis to be determined', 'source'),
    (last_insert_rowid(), 'nl', 'Rechtsgrond nog te bepalen', 'source'),
    (last_insert_rowid(), 'fr', 'Base juridique à déterminer', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id, to_be_determined)
    SELECT 'tbd-art6', 'Art. 6(1) GDPR, to be determined', 'lawfulness', last_insert_rowid(), 1
     WHERE NOT EXISTS (SELECT 1 FROM legal_basis WHERE code = 'tbd-art6');

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Condition for special categories to be determined', 'source'),
    (last_insert_rowid(), 'nl', 'Uitzonderingsgrond bijzondere persoonsgegevens nog te bepalen', 'source'),
    (last_insert_rowid(), 'fr', 'Condition pour les catégories particulières à déterminer', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id, to_be_determined)
    SELECT 'tbd-art9', 'Art. 9(2) GDPR, to be determined', 'special_category', last_insert_rowid(), 1
     WHERE NOT EXISTS (SELECT 1 FROM legal_basis WHERE code = 'tbd-art9');

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Basis for criminal-offence data to be determined', 'source'),
    (last_insert_rowid(), 'nl', 'Grondslag strafrechtelijke gegevens nog te bepalen', 'source'),
    (last_insert_rowid(), 'fr', 'Base pour les données relatives aux infractions à déterminer', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id, to_be_determined)
    SELECT 'tbd-art10', 'Art. 10 GDPR, to be determined', 'criminal_data', last_insert_rowid(), 1
     WHERE NOT EXISTS (SELECT 1 FROM legal_basis WHERE code = 'tbd-art10');

-- 3. Settings: absent means the default (language "en", review after 12 months).
CREATE TABLE setting (
    name  TEXT PRIMARY KEY CHECK (name IN ('default_language', 'review_interval_months')),
    value TEXT NOT NULL CHECK (length(value) > 0)
) WITHOUT ROWID;
