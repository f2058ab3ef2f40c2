-- ropa schema level 1: the whole GDPR Art. 30 record.
--
-- Conventions (docs/data-model.md explains every table):
-- * every record table has `id INTEGER PRIMARY KEY AUTOINCREMENT`, so an id is never
--   reused, even after a delete; history can name a record by id forever;
-- * every record table has a `revision` for optimistic concurrency;
-- * codes are short stable identifiers chosen by people (letters, digits, . _ -);
-- * translatable text lives in one place: `localized_text` + `translation`, keyed by a
--   BCP 47 language tag, never in per-language columns;
-- * `display_order` keeps a source document's order (the annex's rows and columns);
--   records without one follow, by code;
-- * dates are ISO 8601 calendar dates (YYYY-MM-DD); `date(x) = x` rejects 2026-02-30.

CREATE TABLE localized_text (
    id INTEGER PRIMARY KEY AUTOINCREMENT
);

CREATE TABLE translation (
    text_id INTEGER NOT NULL REFERENCES localized_text(id) ON DELETE CASCADE,
    lang    TEXT NOT NULL CHECK (length(lang) BETWEEN 2 AND 35 AND lang NOT GLOB '*[^A-Za-z0-9-]*'),
    value   TEXT NOT NULL CHECK (length(value) > 0),
    status  TEXT NOT NULL DEFAULT 'source' CHECK (status IN ('source', 'official', 'unofficial')),
    PRIMARY KEY (text_id, lang)
) WITHOUT ROWID;

-- Art. 30(1)(a): the organisation that keeps this register. Exactly one row at most.
CREATE TABLE controller (
    id                     INTEGER PRIMARY KEY CHECK (id = 1),
    name_text_id           INTEGER NOT NULL REFERENCES localized_text(id),
    address                TEXT,
    email                  TEXT,
    phone                  TEXT,
    website                TEXT,
    registration_number    TEXT,
    is_public_authority    INTEGER NOT NULL DEFAULT 0 CHECK (is_public_authority IN (0, 1)),
    representative_name    TEXT,
    representative_contact TEXT,
    dpo_name               TEXT,
    dpo_email              TEXT,
    dpo_phone              TEXT,
    dpo_address            TEXT,
    revision               INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)
);

-- Other organisations: joint controllers (Art. 26, Art. 30(1)(a)) and the controllers on
-- whose behalf this organisation acts as a processor (Art. 30(2)(a)).
CREATE TABLE party (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    code           TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^A-Za-z0-9._-]*'),
    name           TEXT NOT NULL CHECK (length(name) > 0),
    address        TEXT,
    contact        TEXT,
    country        TEXT CHECK (country IS NULL OR (length(country) = 2 AND country GLOB '[A-Z][A-Z]')),
    representative TEXT,
    dpo_contact    TEXT,
    revision       INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)
);

-- Processors engaged by the controller and their Art. 28 contracts.
CREATE TABLE processor (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    code               TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^A-Za-z0-9._-]*'),
    name               TEXT NOT NULL CHECK (length(name) > 0),
    address            TEXT,
    contact            TEXT,
    country            TEXT CHECK (country IS NULL OR (length(country) = 2 AND country GLOB '[A-Z][A-Z]')),
    dpo_contact        TEXT,
    contract_reference TEXT,
    contract_date      TEXT CHECK (contract_date IS NULL OR date(contract_date) IS contract_date),
    contract_link      TEXT,
    revision           INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)
);

-- The legal catalogue. Rows for GDPR Art. 6(1), 9(2) and 10 are inserted below.
CREATE TABLE legal_basis (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    code         TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^A-Za-z0-9._-]*'),
    article      TEXT NOT NULL CHECK (length(article) > 0),
    kind         TEXT NOT NULL CHECK (kind IN ('lawfulness', 'special_category', 'criminal_data')),
    name_text_id INTEGER NOT NULL REFERENCES localized_text(id),
    revision     INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)
);

-- Chapter V transfer tools: Art. 45, 46(2)(a)-(f), 47, 49(1)(a)-(g) and 49(1) second subparagraph.
CREATE TABLE transfer_tool (
    id                       INTEGER PRIMARY KEY AUTOINCREMENT,
    code                     TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^A-Za-z0-9._-]*'),
    article                  TEXT NOT NULL CHECK (length(article) > 0),
    requires_safeguards_documentation INTEGER NOT NULL DEFAULT 0 CHECK (requires_safeguards_documentation IN (0, 1)),
    name_text_id             INTEGER NOT NULL REFERENCES localized_text(id),
    revision                 INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)
);

-- Union or Member State law that a basis relies on (Art. 6(3)): the act, its reference and article.
CREATE TABLE legal_source (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    code          TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^A-Za-z0-9._-]*'),
    title_text_id INTEGER NOT NULL REFERENCES localized_text(id),
    reference     TEXT,
    article       TEXT,
    jurisdiction  TEXT NOT NULL CHECK (jurisdiction = 'EU' OR (length(jurisdiction) = 2 AND jurisdiction GLOB '[A-Z][A-Z]')),
    url           TEXT,
    revision      INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)
);

CREATE TABLE purpose_group (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    code         TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^A-Za-z0-9._-]*'),
    name_text_id INTEGER REFERENCES localized_text(id),
    provenance   TEXT,
    revision     INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)
);

-- Art. 30(1)(b).
CREATE TABLE purpose (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    code                TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^A-Za-z0-9._-]*'),
    name_text_id        INTEGER NOT NULL REFERENCES localized_text(id),
    description_text_id INTEGER REFERENCES localized_text(id),
    group_id            INTEGER REFERENCES purpose_group(id),
    display_order       INTEGER CHECK (display_order IS NULL OR display_order >= 1),
    provenance          TEXT,
    revision            INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)
);

-- Art. 30(1)(c), categories of personal data; flags for Art. 9 and Art. 10 data.
CREATE TABLE data_category (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    code                TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^A-Za-z0-9._-]*'),
    name_text_id        INTEGER NOT NULL REFERENCES localized_text(id),
    description_text_id INTEGER REFERENCES localized_text(id),
    is_special          INTEGER NOT NULL DEFAULT 0 CHECK (is_special IN (0, 1)),
    is_criminal         INTEGER NOT NULL DEFAULT 0 CHECK (is_criminal IN (0, 1)),
    display_order       INTEGER CHECK (display_order IS NULL OR display_order >= 1),
    revision            INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)
);

-- Art. 30(1)(c), categories of data subjects.
CREATE TABLE data_subject_category (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    code                TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^A-Za-z0-9._-]*'),
    name_text_id        INTEGER NOT NULL REFERENCES localized_text(id),
    description_text_id INTEGER REFERENCES localized_text(id),
    revision            INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)
);

-- Art. 30(1)(d): categories of recipients, internal or external, inside or outside the EEA.
CREATE TABLE recipient (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    code         TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^A-Za-z0-9._-]*'),
    name_text_id INTEGER NOT NULL REFERENCES localized_text(id),
    kind         TEXT NOT NULL CHECK (kind IN ('internal', 'external', 'processor', 'public_authority')),
    location     TEXT NOT NULL DEFAULT 'eea' CHECK (location IN ('eea', 'third_country', 'international_organisation')),
    processor_id INTEGER REFERENCES processor(id),
    revision     INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    CHECK (processor_id IS NULL OR kind = 'processor')
);

-- Art. 30(1)(e) and 30(2)(c): a transfer to a third country or an international organisation.
CREATE TABLE transfer (
    id                        INTEGER PRIMARY KEY AUTOINCREMENT,
    code                      TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^A-Za-z0-9._-]*'),
    recipient_id              INTEGER REFERENCES recipient(id),
    country                   TEXT CHECK (country IS NULL OR (length(country) = 2 AND country GLOB '[A-Z][A-Z]')),
    international_organisation TEXT,
    transfer_tool_id          INTEGER REFERENCES transfer_tool(id),
    safeguards_documentation  TEXT,
    revision                  INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    CHECK (country IS NOT NULL OR international_organisation IS NOT NULL)
);

-- Art. 32(1) catalogue of measure types (inserted below) and the organisation's measures.
CREATE TABLE security_measure_type (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    code         TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^A-Za-z0-9._-]*'),
    article      TEXT,
    name_text_id INTEGER NOT NULL REFERENCES localized_text(id),
    revision     INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)
);

CREATE TABLE security_measure (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    code                TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^A-Za-z0-9._-]*'),
    type_id             INTEGER NOT NULL REFERENCES security_measure_type(id),
    name_text_id        INTEGER NOT NULL REFERENCES localized_text(id),
    description_text_id INTEGER REFERENCES localized_text(id),
    revision            INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)
);

-- One entry of the record. `role` = 'processor' makes it an Art. 30(2) entry, acting for
-- the controller named by on_behalf_of_party_id.
CREATE TABLE processing_activity (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    code                    TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64 AND code NOT GLOB '*[^A-Za-z0-9._-]*'),
    name_text_id            INTEGER NOT NULL REFERENCES localized_text(id),
    description_text_id     INTEGER REFERENCES localized_text(id),
    department              TEXT,
    owner                   TEXT,
    status                  TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'retired')),
    start_date              TEXT CHECK (start_date IS NULL OR date(start_date) IS start_date),
    end_date                TEXT CHECK (end_date IS NULL OR date(end_date) IS end_date),
    dpia_required           INTEGER CHECK (dpia_required IS NULL OR dpia_required IN (0, 1)),
    dpia_status             TEXT CHECK (dpia_status IS NULL OR dpia_status IN ('not_started', 'in_progress', 'done')),
    dpia_link               TEXT,
    role                    TEXT NOT NULL DEFAULT 'controller' CHECK (role IN ('controller', 'processor')),
    on_behalf_of_party_id   INTEGER REFERENCES party(id),
    replaced_by_activity_id INTEGER REFERENCES processing_activity(id),
    revision                INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
    CHECK ((role = 'controller' AND on_behalf_of_party_id IS NULL)
        OR (role = 'processor' AND on_behalf_of_party_id IS NOT NULL))
);

-- Art. 30(1)(f): envisaged time limits for erasure, per activity and (optionally) per data
-- category: either a duration counted from a trigger event, or stated criteria.
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
    CHECK ((duration_value IS NULL) = (duration_unit IS NULL)),
    CHECK (duration_value IS NOT NULL OR criteria_text_id IS NOT NULL),
    UNIQUE (activity_id, data_category_id)
);

-- The allowed links: which data categories and legal bases a purpose may use.
CREATE TABLE purpose_data_category (
    purpose_id       INTEGER NOT NULL REFERENCES purpose(id),
    data_category_id INTEGER NOT NULL REFERENCES data_category(id),
    note_text_id     INTEGER REFERENCES localized_text(id),
    provenance       TEXT,
    PRIMARY KEY (purpose_id, data_category_id)
) WITHOUT ROWID;

CREATE TABLE purpose_legal_basis (
    purpose_id      INTEGER NOT NULL REFERENCES purpose(id),
    legal_basis_id  INTEGER NOT NULL REFERENCES legal_basis(id),
    legal_source_id INTEGER REFERENCES legal_source(id),
    provenance      TEXT,
    PRIMARY KEY (purpose_id, legal_basis_id)
) WITHOUT ROWID;

-- Legal sources a purpose names in its own text (not yet a basis: see docs/data-model.md).
CREATE TABLE purpose_legal_source (
    purpose_id      INTEGER NOT NULL REFERENCES purpose(id),
    legal_source_id INTEGER NOT NULL REFERENCES legal_source(id),
    provenance      TEXT,
    PRIMARY KEY (purpose_id, legal_source_id)
) WITHOUT ROWID;

-- The activity's links.
CREATE TABLE activity_purpose (
    activity_id INTEGER NOT NULL REFERENCES processing_activity(id),
    purpose_id  INTEGER NOT NULL REFERENCES purpose(id),
    PRIMARY KEY (activity_id, purpose_id)
) WITHOUT ROWID;

CREATE TABLE activity_legal_basis (
    activity_id     INTEGER NOT NULL REFERENCES processing_activity(id),
    legal_basis_id  INTEGER NOT NULL REFERENCES legal_basis(id),
    legal_source_id INTEGER REFERENCES legal_source(id),
    PRIMARY KEY (activity_id, legal_basis_id)
) WITHOUT ROWID;

CREATE TABLE activity_data_category (
    activity_id      INTEGER NOT NULL REFERENCES processing_activity(id),
    data_category_id INTEGER NOT NULL REFERENCES data_category(id),
    PRIMARY KEY (activity_id, data_category_id)
) WITHOUT ROWID;

CREATE TABLE activity_data_subject (
    activity_id              INTEGER NOT NULL REFERENCES processing_activity(id),
    data_subject_category_id INTEGER NOT NULL REFERENCES data_subject_category(id),
    PRIMARY KEY (activity_id, data_subject_category_id)
) WITHOUT ROWID;

CREATE TABLE activity_recipient (
    activity_id  INTEGER NOT NULL REFERENCES processing_activity(id),
    recipient_id INTEGER NOT NULL REFERENCES recipient(id),
    PRIMARY KEY (activity_id, recipient_id)
) WITHOUT ROWID;

CREATE TABLE activity_transfer (
    activity_id INTEGER NOT NULL REFERENCES processing_activity(id),
    transfer_id INTEGER NOT NULL REFERENCES transfer(id),
    PRIMARY KEY (activity_id, transfer_id)
) WITHOUT ROWID;

CREATE TABLE activity_security_measure (
    activity_id         INTEGER NOT NULL REFERENCES processing_activity(id),
    security_measure_id INTEGER NOT NULL REFERENCES security_measure(id),
    PRIMARY KEY (activity_id, security_measure_id)
) WITHOUT ROWID;

CREATE TABLE activity_joint_controller (
    activity_id      INTEGER NOT NULL REFERENCES processing_activity(id),
    party_id         INTEGER NOT NULL REFERENCES party(id),
    responsibilities TEXT,
    PRIMARY KEY (activity_id, party_id)
) WITHOUT ROWID;

CREATE TABLE activity_processor (
    activity_id  INTEGER NOT NULL REFERENCES processing_activity(id),
    processor_id INTEGER NOT NULL REFERENCES processor(id),
    PRIMARY KEY (activity_id, processor_id)
) WITHOUT ROWID;

-- Seeds applied to this register (see seed/), so that applying one twice changes nothing.
CREATE TABLE seed_applied (
    name           TEXT PRIMARY KEY,
    content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64)
) WITHOUT ROWID;

-- Reverse lookups: "which purposes allow this category", "which activities use this record"
-- (refusing to delete a record still in use must not scan every link table).
CREATE INDEX purpose_data_category_by_category ON purpose_data_category (data_category_id);
CREATE INDEX purpose_legal_basis_by_basis ON purpose_legal_basis (legal_basis_id);
CREATE INDEX purpose_by_group ON purpose (group_id);
CREATE INDEX activity_purpose_by_purpose ON activity_purpose (purpose_id);
CREATE INDEX activity_legal_basis_by_basis ON activity_legal_basis (legal_basis_id);
CREATE INDEX activity_data_category_by_category ON activity_data_category (data_category_id);
CREATE INDEX activity_data_subject_by_subject ON activity_data_subject (data_subject_category_id);
CREATE INDEX activity_recipient_by_recipient ON activity_recipient (recipient_id);
CREATE INDEX activity_transfer_by_transfer ON activity_transfer (transfer_id);
CREATE INDEX activity_security_measure_by_measure ON activity_security_measure (security_measure_id);
CREATE INDEX activity_joint_controller_by_party ON activity_joint_controller (party_id);
CREATE INDEX activity_processor_by_processor ON activity_processor (processor_id);
CREATE INDEX retention_by_category ON retention (data_category_id);
