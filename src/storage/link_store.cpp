// Links between records, with their fields and their citations (link_store.hpp).

#include "storage/link_store.hpp"

#include <sqlite3.h>

#include <SQLiteCpp/Statement.h>

#include <algorithm>

#include "storage/record_sql.hpp"
#include "storage/record_store.hpp"
#include "storage/text_store.hpp"

namespace ropa::detail {

namespace {

std::string describe_fields(const LinkInfo& info) {
    std::string names;
    for (const auto& field : info.fields)
        names += (names.empty() ? "" : ", ") + field.name;
    return names.empty() ? "fields" : names;
}

void set_link_column(Database& db, LinkKind kind, Id from, Id to, const FieldInfo& field, const FieldValue& value) {
    const auto table = link_table_of(kind);
    PreparedStatement update(db, std::string("UPDATE ") + table.table + " SET " + column_of(field) + " = ? WHERE " +
                                     table.from_column + " = ? AND " + table.to_column + " = ?");
    bind_value(update, 1, value);
    update.bind(2, static_cast<std::int64_t>(from));
    update.bind(3, static_cast<std::int64_t>(to));
    update.exec();
}

// Every citation of the link (it is being removed).
void delete_citations(Database& db, LinkKind kind, Id from, Id to) {
    const auto& info = link_info(kind);
    const auto table = link_table_of(kind);
    for (const auto& field : info.fields) {
        if (field.type != FieldType::references)
            continue;
        const auto citations = citation_table_of(kind, field);
        PreparedStatement remove(db, "DELETE FROM " + citations.table + " WHERE " + table.from_column + " = ? AND " +
                                         table.to_column + " = ?");
        remove.bind(1, static_cast<std::int64_t>(from));
        remove.bind(2, static_cast<std::int64_t>(to));
        remove.exec();
    }
}

void write_citations(Database& db, const Link& link, Id from, Id to) {
    const auto& info = link_info(link.kind);
    const auto table = link_table_of(link.kind);
    for (const auto& [name, value] : link.fields) {
        const auto& field = field_named(info.fields, name);
        const auto* codes = std::get_if<Codes>(&value);
        if (field.type != FieldType::references || !codes)
            continue;
        const auto citations = citation_table_of(link.kind, field);
        PreparedStatement insert(db, "INSERT OR IGNORE INTO " + citations.table + " (" + table.from_column + ", " +
                                         table.to_column + ", " + citations.target_column + ") VALUES (?, ?, ?)");
        for (const auto& code : *codes) {
            insert.reset();
            insert.bind(1, static_cast<std::int64_t>(from));
            insert.bind(2, static_cast<std::int64_t>(to));
            insert.bind(3, static_cast<std::int64_t>(resolve_id(db, *field.references, code)));
            insert.exec();
        }
    }
}

} // namespace

Id insert_link(Database& db, const Link& link) {
    const auto& info = link_info(link.kind);
    const auto table = link_table_of(link.kind);
    const Id from = resolve_id(db, info.from, link.from);
    const Id to = resolve_id(db, info.to, link.to);
    std::string columns = std::string(table.from_column) + ", " + table.to_column;
    std::string placeholders = "?, ?";
    std::vector<FieldValue> values{FieldValue(from), FieldValue(to)};
    for (const auto& [name, value] : link.fields) {
        const auto& field = field_named(info.fields, name);
        if (field.type == FieldType::references)
            continue;  // written below, once the link exists
        columns += ", " + column_of(field);
        placeholders += ", ?";
        values.push_back(storable(db, field, value));
    }
    PreparedStatement insert(db, std::string("INSERT INTO ") + table.table + " (" + columns + ") VALUES (" +
                                     placeholders + ")");
    for (std::size_t i = 0; i < values.size(); ++i)
        bind_value(insert, static_cast<int>(i + 1), values[i]);
    try {
        insert.exec();
    } catch (const SQLite::Exception& e) {
        // The link table's primary key is the pair: the engine finds an existing link in the
        // same index seek the insert makes anyway (the history trigger runs only after it).
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_PRIMARYKEY)
            throw Error(Errc::conflict, link.from + " and " + link.to + " are already linked (" + info.name +
                                            "); to change its " + describe_fields(info) + ", use link --edit");
        throw;
    }
    write_citations(db, link, from, to);
    return from;
}

std::optional<Id> update_link(Database& db, const Link& link) {
    const auto& info = link_info(link.kind);
    const auto table = link_table_of(link.kind);
    const Id from = resolve_id(db, info.from, link.from);
    const Id to = resolve_id(db, info.to, link.to);
    PreparedStatement exists(db, std::string("SELECT 1 FROM ") + table.table + " WHERE " + table.from_column +
                                     " = ? AND " + table.to_column + " = ?");
    exists.bind(1, static_cast<std::int64_t>(from));
    exists.bind(2, static_cast<std::int64_t>(to));
    if (!exists.executeStep())
        throw Error(Errc::not_found, link.from + " and " + link.to + " are not linked (" + info.name + ")");
    const Link current = [&] {
        for (auto& existing : list_links(db, link.kind, from))
            if (existing.to == link.to)
                return existing;
        throw Error(Errc::internal, "link vanished");
    }();
    bool changed = false;
    Link given = link;
    for (auto& [name, value] : given.fields)
        if (auto* codes = std::get_if<Codes>(&value))
            sort_codes(*codes);  // as read back: a list in another order is the same
    for (const auto& [name, value] : given.fields) {
        const auto& field = field_named(info.fields, name);
        const auto now = current.fields.find(name);
        const FieldValue empty;
        if ((now == current.fields.end() ? (std::holds_alternative<Codes>(value) ? FieldValue(Codes{}) : empty)
                                         : now->second) == value)
            continue;  // an edit that changes nothing writes nothing (no empty change in history)
        changed = true;
        if (field.type == FieldType::references)
            continue;
        if (field.type == FieldType::text) {
            PreparedStatement old_text(db, std::string("SELECT ") + column_of(field) + " FROM " + table.table +
                                               " WHERE " + table.from_column + " = ? AND " + table.to_column + " = ?");
            old_text.bind(1, static_cast<std::int64_t>(from));
            old_text.bind(2, static_cast<std::int64_t>(to));
            std::optional<Id> previous;
            if (old_text.executeStep() && !old_text.getColumn(0).isNull())
                previous = old_text.getColumn(0).getInt64();
            set_link_column(db, link.kind, from, to, field, storable(db, field, value));
            delete_text(db, previous);
        } else {
            set_link_column(db, link.kind, from, to, field, storable(db, field, value));
        }
    }
    Link citations = given;
    for (auto it = citations.fields.begin(); it != citations.fields.end();) {
        const auto now = current.fields.find(it->first);
        if (field_named(info.fields, it->first).type != FieldType::references ||
            (now == current.fields.end() ? FieldValue(Codes{}) : now->second) == it->second)
            it = citations.fields.erase(it);
        else
            ++it;
    }
    // Only the citations that go are removed, and only the new ones written (INSERT OR IGNORE
    // keeps the rest): history then says "1 added", not "2 removed, 3 added".
    for (const auto& [name, value] : citations.fields) {
        const auto& field = field_named(info.fields, name);
        const auto now = current.fields.find(name);
        const auto* kept = std::get_if<Codes>(&value);
        const auto* before = now == current.fields.end() ? nullptr : std::get_if<Codes>(&now->second);
        if (!before)
            continue;
        const auto target = citation_table_of(link.kind, field);
        PreparedStatement remove(db, "DELETE FROM " + target.table + " WHERE " + table.from_column + " = ? AND " +
                                         table.to_column + " = ? AND " + target.target_column + " = ?");
        for (const auto& code : *before) {
            if (kept && std::find(kept->begin(), kept->end(), code) != kept->end())
                continue;
            remove.reset();
            remove.bind(1, static_cast<std::int64_t>(from));
            remove.bind(2, static_cast<std::int64_t>(to));
            remove.bind(3, static_cast<std::int64_t>(resolve_id(db, *field.references, code)));
            remove.exec();
        }
    }
    write_citations(db, citations, from, to);
    return changed ? std::optional(from) : std::nullopt;
}

void delete_link(Database& db, LinkKind kind, std::string_view from_ref, std::string_view to_ref) {
    const auto& info = link_info(kind);
    const auto table = link_table_of(kind);
    const Id from = resolve_id(db, info.from, from_ref);
    const Id to = resolve_id(db, info.to, to_ref);
    std::optional<Id> note;
    if (kind == LinkKind::purpose_data_category) {
        PreparedStatement query(db, "SELECT note_text_id FROM purpose_data_category WHERE purpose_id = ? AND "
                                    "data_category_id = ?");
        query.bind(1, static_cast<std::int64_t>(from));
        query.bind(2, static_cast<std::int64_t>(to));
        if (query.executeStep() && !query.getColumn(0).isNull())
            note = query.getColumn(0).getInt64();
    }
    delete_citations(db, kind, from, to);
    PreparedStatement remove(db, std::string("DELETE FROM ") + table.table + " WHERE " + table.from_column +
                                     " = ? AND " + table.to_column + " = ?");
    remove.bind(1, static_cast<std::int64_t>(from));
    remove.bind(2, static_cast<std::int64_t>(to));
    if (remove.exec() == 0)
        throw Error(Errc::not_found, std::string(from_ref) + " and " + std::string(to_ref) + " are not linked (" +
                                         info.name + ")");
    delete_text(db, note);
}

std::vector<Link> list_links(const Database& db, LinkKind kind, std::optional<Id> from) {
    const auto table = link_table_of(kind);
    const std::string notes = kind == LinkKind::purpose_data_category
                                  ? "SELECT note_text_id FROM purpose_data_category"
                                  : "";
    const auto texts = notes.empty() ? std::map<Id, LocalizedText>{} : load_texts(db, notes);
    PreparedStatement query(db, link_select(kind, false) +
                                    (from ? " WHERE l." + std::string(table.from_column) + " = ?" : "") +
                                    " ORDER BY f.code, g.code");
    if (from)
        query.bind(1, static_cast<std::int64_t>(*from));
    std::vector<Link> result;
    while (query.executeStep())
        result.push_back(link_from_row(kind, query, texts));
    return result;
}

} // namespace ropa::detail
