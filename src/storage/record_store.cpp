// Records of every entity: find, read, list and count (record_store.hpp); the writes are in
// record_writes.cpp.

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

namespace {

std::string like_pattern(std::string_view text) {
    std::string pattern = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            pattern += '\\';
        pattern += c;
    }
    return pattern + "%";
}

// The text ids of the entity's rows: of one row when `id` is given (reading one record must
// not load the texts of the whole table), else of all.
// The rows one read is about: every row of a table, or those whose `column` equals a value
// (one record by id, one activity's retention rows). The value is bound to ?1.
struct RowKey {
    const char* column;
    Id value;
};

// `ids`: a page of rows (RecordFilter::limit), "" for all; their texts alone are read.
std::string text_ids_query(const EntityInfo& entity, std::optional<RowKey> key, const std::string& ids = "") {
    std::string sql;
    for (const auto& field : entity.fields)
        if (field.type == FieldType::text)
            sql += (sql.empty() ? "" : " UNION ALL ") + std::string("SELECT ") + column_of(field) + " FROM " +
                   table_of(entity.kind) +
                   (key             ? " WHERE " + std::string(key->column) + " = ?1"
                    : !ids.empty() ? " WHERE id IN (" + ids + ")"
                                    : std::string());
    return sql;
}

std::vector<Record> query_records(const Database& db, const EntityInfo& entity, const std::string& where,
                                  const std::vector<std::string>& parameters, std::optional<RowKey> key,
                                  const std::string& ids = "") {
    const auto text_sql = text_ids_query(entity, key, ids);
    const auto texts = text_sql.empty() ? std::map<Id, LocalizedText>{}
                                        : load_texts(db, text_sql, key ? std::optional(key->value) : std::nullopt);
    std::string sql = "SELECT " + select_list(entity) + " FROM " + table_of(entity.kind) + " t WHERE " +
                      (key ? "t." + std::string(key->column) + " = ?1 AND " : std::string()) + "(" + where +
                      ") ORDER BY " + record_order(entity);
    PreparedStatement query(db, sql);
    int index = 1;
    if (key)
        query.bind(index++, static_cast<std::int64_t>(key->value));
    for (const auto& parameter : parameters)
        query.bind(index++, parameter);
    std::vector<Record> records;
    while (query.executeStep())
        records.push_back(record_from_row(entity, query, texts));
    return records;
}

} // namespace

void sort_codes(Codes& codes) {
    std::sort(codes.begin(), codes.end(), [](const std::string& a, const std::string& b) {
        return natural_less(a, b) || (!natural_less(b, a) && a < b);
    });
}

std::string table_of_entity(EntityKind kind) { return table_of(kind); }

std::string link_table_name(LinkKind kind) { return link_table_of(kind).table; }

std::vector<std::string> link_tables_from(EntityKind kind) {
    std::vector<std::string> tables;
    for (const auto& link : links()) {
        if (link.from != kind)
            continue;
        tables.emplace_back(link_table_of(link.kind).table);
        for (const auto& field : link.fields)
            if (field.type == FieldType::references)
                tables.push_back(citation_table_of(link.kind, field).table);
    }
    return tables;
}

std::string noun_of_table(std::string_view table) {
    for (const auto& entity : entities())
        if (table == table_of(entity.kind))
            return entity.name;
    for (const auto& link : links()) {
        if (table == link_table_of(link.kind).table)
            return link.name;
        for (const auto& field : link.fields)  // "activity-basis legal_sources"
            if (field.type == FieldType::references && table == citation_table_of(link.kind, field).table)
                return link.name + " " + field.name;
    }
    return std::string(table);
}

std::optional<Id> find_id(const Database& db, EntityKind kind, std::string_view ref) {
    const auto& entity = entity_info(kind);
    if (kind == EntityKind::controller)
    {
        PreparedStatement query(db, "SELECT 1 FROM controller WHERE id = 1");
        return query.executeStep() ? std::optional<Id>(1) : std::nullopt;
    }
    std::optional<Id> by_id;
    if (ref.size() > 1 && ref[0] == '#') {
        try {
            by_id = std::stoll(std::string(ref.substr(1)));
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    if (!by_id && !entity.has_code)
        return std::nullopt;
    PreparedStatement query(db, std::string("SELECT id FROM ") + table_of(kind) +
                                    (by_id ? " WHERE id = ?" : " WHERE code = ?"));
    if (by_id)
        query.bind(1, static_cast<std::int64_t>(*by_id));
    else
        query.bind(1, std::string(ref));
    if (!query.executeStep())
        return std::nullopt;
    return query.getColumn(0).getInt64();
}

Id resolve_id(const Database& db, EntityKind kind, std::string_view ref) {
    if (auto id = find_id(db, kind, ref))
        return *id;
    const auto& entity = entity_info(kind);
    if (kind == EntityKind::controller)
        throw Error(Errc::not_found, "the register has no controller yet (ropa controller add)", "controller");
    throw Error(Errc::not_found,
                "no " + entity.name + " \"" + std::string(ref) + "\"" +
                    (entity.has_code ? "" : " (name it by id, as #12)"),
                entity.name);
}

Record read_record(const Database& db, EntityKind kind, Id id) {
    auto records = query_records(db, entity_info(kind), "1", {}, RowKey{"id", id});
    if (records.empty())
        throw Error(Errc::not_found, "no " + entity_info(kind).name + " #" + std::to_string(id));
    return std::move(records.front());
}

namespace {

// What list_records and count_records select: the condition on the table's rows (aliased t),
// its parameters, and the one activity whose retention rows are asked for.
struct Selection {
    std::string where = "1";
    std::vector<std::string> parameters;
    std::optional<RowKey> key;
};

Selection selection_of(const Database& db, EntityKind kind, const RecordFilter& filter) {
    const auto& entity = entity_info(kind);
    std::string where = "1";
    std::vector<std::string> parameters;
    if (filter.status) {
        if (kind != EntityKind::activity)
            throw Error(Errc::validation, "--status applies to activities only", "status");
        where += " AND t.status = ?";
        parameters.push_back(*filter.status);
    }
    if (filter.review_due_by) {
        if (kind != EntityKind::activity)
            throw Error(Errc::validation, "--due applies to activities only", "due");
        where += " AND t.status = 'active' AND t.next_review_date <= ?";
        parameters.push_back(*filter.review_due_by);
    }
    if (filter.purpose) {
        if (kind == EntityKind::activity)
            where += " AND t.id IN (SELECT activity_id FROM activity_purpose WHERE purpose_id = ?)";
        else if (kind == EntityKind::data_category)
            where += " AND t.id IN (SELECT data_category_id FROM purpose_data_category WHERE purpose_id = ?)";
        else if (kind == EntityKind::legal_basis)
            where += " AND t.id IN (SELECT legal_basis_id FROM purpose_legal_basis WHERE purpose_id = ?)";
        else
            throw Error(Errc::validation, "--purpose applies to activities, categories and bases", "purpose");
        // bound as text: the id column's integer affinity compares it as the number it is
        parameters.push_back(std::to_string(resolve_id(db, EntityKind::purpose, *filter.purpose)));
    }
    if (filter.data_category) {
        if (kind == EntityKind::activity)
            where += " AND t.id IN (SELECT activity_id FROM activity_data_category WHERE data_category_id = ?)";
        else if (kind == EntityKind::purpose)
            where += " AND t.id IN (SELECT purpose_id FROM purpose_data_category WHERE data_category_id = ?)";
        else
            throw Error(Errc::validation, "--category applies to activities and purposes", "category");
        parameters.push_back(std::to_string(resolve_id(db, EntityKind::data_category, *filter.data_category)));
    }
    std::optional<RowKey> key;  // one activity's rows: their texts alone are read, not the table's
    if (filter.activity) {
        if (kind != EntityKind::retention)
            throw Error(Errc::validation, "the activity filter applies to retention rows only", "activity");
        key = RowKey{"activity_id", resolve_id(db, EntityKind::activity, *filter.activity)};
    }
    if (filter.search) {
        std::string text_columns;
        for (const auto& field : entity.fields)
            if (field.type == FieldType::text)
                text_columns += (text_columns.empty() ? "t." : ", t.") + column_of(field);
        where += std::string(" AND (") + (entity.has_code ? "t.code LIKE ? ESCAPE '\\' OR " : "") +
                 (text_columns.empty() ? "0" : "EXISTS (SELECT 1 FROM translation x WHERE x.text_id IN (" +
                                                   text_columns + ") AND x.value LIKE ? ESCAPE '\\')") +
                 ")";
        if (entity.has_code)
            parameters.push_back(like_pattern(*filter.search));
        if (!text_columns.empty())
            parameters.push_back(like_pattern(*filter.search));
    }
    return {std::move(where), std::move(parameters), key};
}

} // namespace

std::vector<Record> list_records(const Database& db, EntityKind kind, const RecordFilter& filter) {
    const auto& entity = entity_info(kind);
    auto selected = selection_of(db, kind, filter);
    if (!filter.limit && filter.offset == 0)
        return query_records(db, entity, selected.where, selected.parameters, selected.key);
    // A page: its rows' ids first, in the list's order, then those rows and their texts alone
    // (a page of 100 activities of 10,000 read every one of them and their texts before).
    std::string sql = std::string("SELECT t.id FROM ") + table_of(kind) + " t WHERE " +
                      (selected.key ? "t." + std::string(selected.key->column) + " = ?1 AND " : std::string()) + "(" +
                      selected.where + ") ORDER BY " + record_order(entity) + " LIMIT ? OFFSET ?";
    PreparedStatement page(db, sql);
    int index = 1;
    if (selected.key)
        page.bind(index++, static_cast<std::int64_t>(selected.key->value));
    for (const auto& parameter : selected.parameters)
        page.bind(index++, parameter);
    page.bind(index++, filter.limit ? static_cast<std::int64_t>(std::min<std::size_t>(*filter.limit, INT64_MAX))
                                    : std::int64_t{-1});
    page.bind(index, static_cast<std::int64_t>(std::min<std::size_t>(filter.offset, INT64_MAX)));
    std::string ids;
    while (page.executeStep())
        ids += (ids.empty() ? "" : ",") + std::to_string(page.getColumn(0).getInt64());
    if (ids.empty())
        return {};
    // the ids are the table's own integers, not input: written into the statement
    return query_records(db, entity, "t.id IN (" + ids + ")", {}, std::nullopt, ids);
}

std::size_t count_records(const Database& db, EntityKind kind, const RecordFilter& filter) {
    const auto selected = selection_of(db, kind, filter);
    PreparedStatement query(db, std::string("SELECT count(*) FROM ") + table_of(kind) + " t WHERE " +
                                    (selected.key ? "t." + std::string(selected.key->column) + " = ?1 AND " : std::string()) +
                                    "(" + selected.where + ")");
    int index = 1;
    if (selected.key)
        query.bind(index++, static_cast<std::int64_t>(selected.key->value));
    for (const auto& parameter : selected.parameters)
        query.bind(index++, parameter);
    query.executeStep();
    return static_cast<std::size_t>(query.getColumn(0).getInt64());
}

} // namespace ropa::detail
