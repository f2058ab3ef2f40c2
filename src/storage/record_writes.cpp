// Records of every entity written: insert, update (texts included), delete with what a record
// owns (record_store.hpp); reading them is record_store.cpp's. Table and column names come only
// from record_sql.hpp and the entity descriptions; every value is bound.

#include "storage/record_store.hpp"

#include <sqlite3.h>

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cstdint>
#include <set>

#include "storage/record_sql.hpp"
#include "storage/rule_views.hpp"
#include "storage/text_store.hpp"

namespace ropa::detail {

Id insert_record(Database& db, EntityKind kind, const std::optional<std::string>& code, const Fields& fields) {
    const auto& entity = entity_info(kind);
    std::string columns, placeholders;
    std::vector<FieldValue> values;
    if (kind == EntityKind::controller) {
        columns = "id";
        placeholders = "1";
    }
    if (entity.has_code) {
        if (!code)
            throw Error(Errc::validation, entity.name + ".code: is required", entity.name + ".code");
        if (find_id(db, kind, *code))
            throw Error(Errc::conflict,
                        std::string(entity.name.find_first_of("aeiou") == 0 ? "an " : "a ") + entity.name + " with code \"" +
                            *code + "\" already exists",
                        "code");
        columns = "code";
        placeholders = "?";
        values.emplace_back(*code);
    }
    for (const auto& [name, value] : fields) {
        const auto& field = field_named(entity.fields, name);
        columns += (columns.empty() ? "" : ", ") + column_of(field);
        placeholders += placeholders.empty() ? "?" : ", ?";
        values.push_back(storable(db, field, value));
    }
    PreparedStatement insert(db, std::string("INSERT INTO ") + table_of(kind) + " (" + columns + ") VALUES (" +
                                     placeholders + ")");
    for (std::size_t i = 0; i < values.size(); ++i)
        bind_value(insert, static_cast<int>(i + 1), values[i]);
    insert.exec();
    return kind == EntityKind::controller ? 1 : db.getLastInsertRowid();
}

void update_record(Database& db, EntityKind kind, Id id, const Fields& fields,
                   std::optional<std::int64_t> expected_revision, bool replace_texts) {
    const auto& entity = entity_info(kind);
    const Record current = read_record(db, kind, id);
    if (expected_revision && *expected_revision != current.revision)
        throw Error(Errc::conflict,
                    describe(kind, id, current.code) + " is at revision " + std::to_string(current.revision) +
                        ", not " + std::to_string(*expected_revision) +
                        ": someone changed it since you read it; read it again and redo your edit",
                    "revision");
    // A value set to what it already is changes nothing: no row is written, so the revision
    // does not move and no change is recorded (an editor holding the revision is not refused
    // for nothing, and the log holds real changes only).
    bool differs = false;
    for (const auto& [name, value] : fields) {
        const auto now = current.fields.find(name);
        const FieldValue empty;
        const FieldValue& before = now == current.fields.end() ? empty : now->second;
        const auto* text = std::get_if<LocalizedText>(&value);
        const auto* had = std::get_if<LocalizedText>(&before);
        if (text && had && !replace_texts) {
            for (const auto& [lang, translation] : *text)
                if (auto it = had->find(lang); it == had->end() || it->second != translation)
                    differs = true;
        } else if (value != before) {
            differs = true;
        }
    }
    if (!differs)
        return;
    std::string assignments;
    std::vector<FieldValue> values;
    std::vector<Id> replaced_texts;
    for (const auto& [name, value] : fields) {
        const auto& field = field_named(entity.fields, name);
        if (field.type == FieldType::text && std::holds_alternative<LocalizedText>(value) && !replace_texts) {
            // Translations merge: the languages given replace theirs, the others stay.
            PreparedStatement text_id(db, std::string("SELECT ") + column_of(field) + " FROM " + table_of(kind) +
                                              " WHERE id = ?");
            text_id.bind(1, static_cast<std::int64_t>(id));
            text_id.executeStep();
            if (!text_id.getColumn(0).isNull()) {
                const Id existing = text_id.getColumn(0).getInt64();
                PreparedStatement upsert(db,
                    "INSERT INTO translation (text_id, lang, value, status) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (text_id, lang) DO UPDATE SET value = excluded.value, status = excluded.status");
                for (const auto& [lang, translation] : std::get<LocalizedText>(value)) {
                    upsert.bind(1, static_cast<std::int64_t>(existing));
                    upsert.bind(2, lang);
                    upsert.bind(3, translation.value);
                    upsert.bind(4, std::string(to_string(translation.status)));
                    upsert.exec();
                    upsert.reset();
                }
                continue;
            }
        }
        std::optional<Id> old_text;
        if (field.type == FieldType::text) {  // the text the column pointed at goes
            PreparedStatement text_id(db, std::string("SELECT ") + column_of(field) + " FROM " + table_of(kind) +
                                              " WHERE id = ?");
            text_id.bind(1, static_cast<std::int64_t>(id));
            if (text_id.executeStep() && !text_id.getColumn(0).isNull())
                old_text = text_id.getColumn(0).getInt64();
        }
        assignments += column_of(field) + " = ?, ";
        values.push_back(storable(db, field, value));
        if (old_text)
            replaced_texts.push_back(*old_text);
    }
    PreparedStatement update(db, std::string("UPDATE ") + table_of(kind) + " SET " + assignments +
                                     "revision = revision + 1 WHERE id = ? AND revision = ?");
    int index = 1;
    for (const auto& value : values)
        bind_value(update, index++, value);
    update.bind(index++, static_cast<std::int64_t>(id));
    update.bind(index, static_cast<std::int64_t>(current.revision));
    if (update.exec() != 1)
        throw Error(Errc::conflict, describe(kind, id, current.code) + " changed while it was being edited");
    for (Id text : replaced_texts)  // no longer referenced by the row
        delete_text(db, text);
}

void delete_record(Database& db, EntityKind kind, Id id) {
    const auto& entity = entity_info(kind);
    const Record current = read_record(db, kind, id);
    const std::string what = describe(kind, id, current.code);
    // Rule 4: a record an activity uses stays. (An activity's retention rows are part of it.)
    if (kind != EntityKind::activity && kind != EntityKind::retention) {
        const auto users = activities_using(db, kind, id);
        if (!users.empty()) {
            std::vector<std::string> codes;
            for (Id user : users)
                codes.push_back(read_record(db, EntityKind::activity, user).code.value_or("?"));
            const std::string used_by = "it is used by activit" + std::string(codes.size() == 1 ? "y " : "ies ") + join(codes);
            throw Error(Errc::rule_violation, "cannot remove " + what + ": " + used_by + " (rule: records in use stay, Art. 30(1))",
                        {{"record-in-use", "records in use stay", "Art. 30(1)", what + ": " + used_by}});
        }
    }
    // What the record owns goes with it.
    auto drop = [&](const char* sql) {
        PreparedStatement statement(db, sql);
        statement.bind(1, static_cast<std::int64_t>(id));
        statement.exec();
    };
    auto drop_notes = [&](const char* select_note_ids) {
        PreparedStatement notes(db, select_note_ids);
        notes.bind(1, static_cast<std::int64_t>(id));
        std::vector<Id> note_ids;
        while (notes.executeStep())
            if (!notes.getColumn(0).isNull())
                note_ids.push_back(notes.getColumn(0).getInt64());
        return note_ids;
    };
    // The record's own texts (name, description, ...) are removed after the row itself.
    std::vector<Id> own_texts;
    for (const auto& field : entity.fields) {
        if (field.type != FieldType::text)
            continue;
        PreparedStatement text_id(db, std::string("SELECT ") + column_of(field) + " FROM " + table_of(kind) +
                                          " WHERE id = ?");
        text_id.bind(1, static_cast<std::int64_t>(id));
        if (text_id.executeStep() && !text_id.getColumn(0).isNull())
            own_texts.push_back(text_id.getColumn(0).getInt64());
    }
    std::vector<Id> owned_texts;
    switch (kind) {
    case EntityKind::purpose:
        owned_texts = drop_notes("SELECT note_text_id FROM purpose_data_category WHERE purpose_id = ?");
        drop("DELETE FROM purpose_data_category WHERE purpose_id = ?");
        drop("DELETE FROM purpose_legal_basis_legal_source WHERE purpose_id = ?");
        drop("DELETE FROM purpose_legal_basis WHERE purpose_id = ?");
        drop("DELETE FROM purpose_legal_source WHERE purpose_id = ?");
        break;
    case EntityKind::data_category:
        owned_texts = drop_notes("SELECT note_text_id FROM purpose_data_category WHERE data_category_id = ?");
        drop("DELETE FROM purpose_data_category WHERE data_category_id = ?");
        break;
    case EntityKind::legal_basis:
        drop("DELETE FROM purpose_legal_basis_legal_source WHERE legal_basis_id = ?");
        drop("DELETE FROM purpose_legal_basis WHERE legal_basis_id = ?");
        break;
    case EntityKind::activity: {
        for (const auto& link : links()) {
            if (link.from != EntityKind::activity)
                continue;
            const auto table = link_table_of(link.kind);
            for (const auto& field : link.fields)
                if (field.type == FieldType::references) {
                    PreparedStatement citations(db, "DELETE FROM " + citation_table_of(link.kind, field).table +
                                                        " WHERE activity_id = ?");
                    citations.bind(1, static_cast<std::int64_t>(id));
                    citations.exec();
                }
            PreparedStatement statement(db, std::string("DELETE FROM ") + table.table + " WHERE activity_id = ?");
            statement.bind(1, static_cast<std::int64_t>(id));
            statement.exec();
        }
        PreparedStatement retention(db, "SELECT id FROM retention WHERE activity_id = ?");
        retention.bind(1, static_cast<std::int64_t>(id));
        for (Id retention_id : ids(retention))
            delete_record(db, EntityKind::retention, retention_id);
        break;
    }
    case EntityKind::controller:
    case EntityKind::party:
    case EntityKind::processor:
    case EntityKind::legal_source:
    case EntityKind::purpose_group:
    case EntityKind::data_subject:
    case EntityKind::recipient:
    case EntityKind::transfer_tool:
    case EntityKind::transfer:
    case EntityKind::measure_type:
    case EntityKind::security_measure:
    case EntityKind::retention:
        break;  // nothing owned beyond the row and its texts (the database refuses a row in use)
    }
    for (Id text : owned_texts)
        delete_text(db, text);
    try {
        PreparedStatement remove(db, std::string("DELETE FROM ") + table_of(kind) + " WHERE id = ?");
        remove.bind(1, static_cast<std::int64_t>(id));
        remove.exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_FOREIGNKEY)
            throw Error(Errc::rule_violation,
                        "cannot remove " + what + ": other records still refer to it (for example a transfer, "
                                                  "recipient, retention or activity field); change those first");
        throw;
    }
    for (Id text : own_texts)
        delete_text(db, text);
}

} // namespace ropa::detail
