#include "storage/record_store.hpp"

#include <sqlite3.h>

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <set>

#include "storage/text_store.hpp"

namespace ropa::detail {

namespace {

const char* table_of(EntityKind kind) {
    switch (kind) {
    case EntityKind::controller: return "controller";
    case EntityKind::party: return "party";
    case EntityKind::processor: return "processor";
    case EntityKind::legal_basis: return "legal_basis";
    case EntityKind::transfer_tool: return "transfer_tool";
    case EntityKind::legal_source: return "legal_source";
    case EntityKind::purpose_group: return "purpose_group";
    case EntityKind::purpose: return "purpose";
    case EntityKind::data_category: return "data_category";
    case EntityKind::data_subject: return "data_subject_category";
    case EntityKind::recipient: return "recipient";
    case EntityKind::transfer: return "transfer";
    case EntityKind::measure_type: return "security_measure_type";
    case EntityKind::security_measure: return "security_measure";
    case EntityKind::retention: return "retention";
    case EntityKind::activity: return "processing_activity";
    }
    throw Error(Errc::internal, "no table for entity");
}

struct LinkTable {
    const char* table;
    const char* from_column;
    const char* to_column;
};

LinkTable link_table_of(LinkKind kind) {
    switch (kind) {
    case LinkKind::purpose_data_category: return {"purpose_data_category", "purpose_id", "data_category_id"};
    case LinkKind::purpose_legal_basis: return {"purpose_legal_basis", "purpose_id", "legal_basis_id"};
    case LinkKind::purpose_legal_source: return {"purpose_legal_source", "purpose_id", "legal_source_id"};
    case LinkKind::activity_purpose: return {"activity_purpose", "activity_id", "purpose_id"};
    case LinkKind::activity_legal_basis: return {"activity_legal_basis", "activity_id", "legal_basis_id"};
    case LinkKind::activity_data_category: return {"activity_data_category", "activity_id", "data_category_id"};
    case LinkKind::activity_data_subject: return {"activity_data_subject", "activity_id", "data_subject_category_id"};
    case LinkKind::activity_recipient: return {"activity_recipient", "activity_id", "recipient_id"};
    case LinkKind::activity_transfer: return {"activity_transfer", "activity_id", "transfer_id"};
    case LinkKind::activity_security_measure: return {"activity_security_measure", "activity_id", "security_measure_id"};
    case LinkKind::activity_joint_controller: return {"activity_joint_controller", "activity_id", "party_id"};
    case LinkKind::activity_processor: return {"activity_processor", "activity_id", "processor_id"};
    }
    throw Error(Errc::internal, "no table for link");
}

// A references field of a link (a basis's legal sources) is stored one row per record named,
// in the table <link table>_<target table> keyed by the link's two ids and the target's id.
struct CitationTable {
    std::string table;
    std::string target_column;
};

CitationTable citation_table_of(LinkKind kind, const FieldInfo& field) {
    const std::string target = table_of(*field.references);
    return {std::string(link_table_of(kind).table) + "_" + target, target + "_id"};
}

std::string column_of(const FieldInfo& field) {
    if (field.type == FieldType::references)
        throw Error(Errc::internal, "field " + field.name + " is stored in a table of its own");
    if (field.type == FieldType::text)
        return field.name + "_text_id";
    if (field.type == FieldType::reference)
        return field.name + "_id";
    return field.name;
}

std::string describe(EntityKind kind, Id id, const std::optional<std::string>& code) {
    return entity_info(kind).name + " " + (code ? *code : "#" + std::to_string(id));
}

void bind_value(PreparedStatement& statement, int index, const FieldValue& value) {
    if (const auto* text = std::get_if<std::string>(&value))
        statement.bind(index, *text);
    else if (const auto* number = std::get_if<std::int64_t>(&value))
        statement.bind(index, static_cast<std::int64_t>(*number));
    else if (const auto* flag = std::get_if<bool>(&value))
        statement.bind(index, *flag ? 1 : 0);
    else
        statement.bind(index);
}

// The value stored for `field`: references resolved to ids, text inserted and its id used.
FieldValue storable(Database& db, const FieldInfo& field, const FieldValue& value) {
    if (std::holds_alternative<std::monostate>(value))
        return value;
    if (field.type == FieldType::reference)
        return resolve_id(db, *field.references, std::get<std::string>(value));
    if (field.type == FieldType::text) {
        auto id = insert_text(db, std::get<LocalizedText>(value));
        return id ? FieldValue(*id) : FieldValue();
    }
    return value;
}

const FieldInfo& field_named(const std::vector<FieldInfo>& fields, const std::string& name) {
    for (const auto& field : fields)
        if (field.name == name)
            return field;
    throw Error(Errc::internal, "unknown field " + name);
}

void delete_text(Database& db, std::optional<Id> text_id) {
    if (!text_id)
        return;
    PreparedStatement translations(db, "DELETE FROM translation WHERE text_id = ?");
    translations.bind(1, *text_id);
    translations.exec();
    PreparedStatement text(db, "DELETE FROM localized_text WHERE id = ?");
    text.bind(1, *text_id);
    text.exec();
}

std::vector<std::string> strings(PreparedStatement& query) {
    std::vector<std::string> out;
    while (query.executeStep())
        out.push_back(query.getColumn(0).getString());
    return out;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out;
}

std::string like_pattern(std::string_view text) {
    std::string pattern = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            pattern += '\\';
        pattern += c;
    }
    return pattern + "%";
}

// SELECT list for a record: id, code (or NULL), revision, then one expression per field;
// references come back as the target's code (or "#id" when it has none).
std::string select_list(const EntityInfo& entity) {
    std::string sql = std::string("t.id, ") + (entity.has_code ? "t.code" : "NULL") + ", t.revision";
    for (const auto& field : entity.fields) {
        if (field.type == FieldType::reference) {
            const auto& target = entity_info(*field.references);
            sql += std::string(", (SELECT ") + (target.has_code ? "code" : "'#' || id") + " FROM " +
                   table_of(target.kind) + " WHERE id = t." + column_of(field) + ")";
        } else {
            sql += ", t." + column_of(field);
        }
    }
    return sql;
}

// The order records are listed in: display order where the entity has one, then code (or id).
std::string record_order(const EntityInfo& entity) {
    bool has_order = false;
    for (const auto& field : entity.fields)
        has_order = has_order || field.name == "display_order";
    return std::string(has_order ? "t.display_order IS NULL, t.display_order, " : "") +
           (entity.has_code ? "t.code" : "t.id");
}

// The entity's text id columns of the row aliased `alias`, comma-separated ("" if none).
std::string text_id_columns(const EntityInfo& entity, const std::string& alias) {
    std::string columns;
    for (const auto& field : entity.fields)
        if (field.type == FieldType::text)
            columns += (columns.empty() ? "" : ", ") + alias + "." + column_of(field);
    return columns;
}

// The text ids of the entity's rows: of one row when `id` is given (reading one record must
// not load the texts of the whole table), else of all.
// The rows one read is about: every row of a table, or those whose `column` equals a value
// (one record by id, one activity's retention rows). The value is bound to ?1.
struct RowKey {
    const char* column;
    Id value;
};

std::string text_ids_query(const EntityInfo& entity, std::optional<RowKey> key) {
    std::string sql;
    for (const auto& field : entity.fields)
        if (field.type == FieldType::text)
            sql += (sql.empty() ? "" : " UNION ALL ") + std::string("SELECT ") + column_of(field) + " FROM " +
                   table_of(entity.kind) + (key ? " WHERE " + std::string(key->column) + " = ?1" : std::string());
    return sql;
}

Record record_from_row(const EntityInfo& entity, PreparedStatement& row, const std::map<Id, LocalizedText>& texts) {
    Record record;
    record.kind = entity.kind;
    record.id = row.getColumn(0).getInt64();
    if (!row.getColumn(1).isNull())
        record.code = row.getColumn(1).getString();
    record.revision = row.getColumn(2).getInt64();
    int index = 3;
    for (const auto& field : entity.fields) {
        const SQLite::Column column = row.getColumn(index++);
        FieldValue value;
        if (field.type == FieldType::text) {
            auto text = text_or_empty(texts, column);
            if (!text.empty())
                value = std::move(text);
        } else if (column.isNull()) {
        } else if (field.type == FieldType::boolean) {
            value = column.getInt() != 0;
        } else if (field.type == FieldType::integer) {
            value = static_cast<std::int64_t>(column.getInt64());
        } else {
            value = column.getString();
        }
        record.fields[field.name] = std::move(value);
    }
    return record;
}

std::vector<Record> query_records(const Database& db, const EntityInfo& entity, const std::string& where,
                                  const std::vector<std::string>& parameters, std::optional<RowKey> key) {
    const auto text_sql = text_ids_query(entity, key);
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

// SELECT of a link kind's rows, the link table aliased l, its ends f and g: the two codes, then
// one column per link field. `by_from_row` adds the id of the row the link starts from and
// makes that table drive the join (CROSS JOIN fixes SQLite's join order), so that an ORDER BY
// starting with f's code sorts only each row's few links, not the whole link table.
std::string link_select(LinkKind kind, bool by_from_row) {
    const auto& info = link_info(kind);
    const auto table = link_table_of(kind);
    std::string sql = "SELECT f.code, g.code";
    for (const auto& field : info.fields) {
        if (field.type == FieldType::reference) {
            sql += std::string(", (SELECT code FROM ") + table_of(*field.references) + " WHERE id = l." +
                   column_of(field) + ")";
        } else if (field.type == FieldType::references) {
            const auto citations = citation_table_of(kind, field);
            sql += std::string(", (SELECT group_concat(s.code, ',') FROM ") + citations.table + " x JOIN " +
                   table_of(*field.references) + " s ON s.id = x." + citations.target_column + " WHERE x." +
                   table.from_column + " = l." + table.from_column + " AND x." + table.to_column + " = l." +
                   table.to_column + ")";
        } else
            sql += ", l." + column_of(field);
    }
    const std::string to_end = std::string(" JOIN ") + table_of(info.to) + " g ON g.id = l." + table.to_column;
    if (by_from_row)
        return sql + ", f.id FROM " + table_of(info.from) + " f CROSS JOIN " + table.table + " l ON l." +
               table.from_column + " = f.id" + to_end;
    return sql + " FROM " + table.table + " l JOIN " + table_of(info.from) + " f ON f.id = l." + table.from_column +
           to_end;
}

Link link_from_row(LinkKind kind, PreparedStatement& row, const std::map<Id, LocalizedText>& texts) {
    Link link{kind, row.getColumn(0).getString(), row.getColumn(1).getString(), {}};
    int index = 2;
    for (const auto& field : link_info(kind).fields) {
        const SQLite::Column column = row.getColumn(index++);
        if (field.type == FieldType::text) {
            auto text = text_or_empty(texts, column);
            if (!text.empty())
                link.fields[field.name] = std::move(text);
        } else if (field.type == FieldType::references) {
            if (column.isNull())
                continue;
            Codes codes;  // codes hold no comma (require_code), so the list splits back exactly
            const std::string joined = column.getString();
            for (std::size_t start = 0;;) {
                const auto comma = joined.find(',', start);
                codes.push_back(joined.substr(start, comma - start));
                if (comma == std::string::npos)
                    break;
                start = comma + 1;
            }
            sort_codes(codes);
            link.fields[field.name] = std::move(codes);
        } else if (!column.isNull()) {
            link.fields[field.name] = column.getString();
        }
    }
    return link;
}

// The rows of one query in activity-code order, each carrying its activity's id in column
// `key_column`: for_each_activity reads several such queries side by side and takes each
// activity's rows as that activity comes.
class ActivityOrderedRows {
public:
    ActivityOrderedRows(const Database& db, const std::string& sql, int key_column)
        : query_(db, sql), key_column_(key_column) {
        advance();
    }

    template <class Take>
    void take_rows_of(Id activity, Take&& take) {
        while (has_row_ && key_ == activity) {
            take(query_);
            advance();
        }
    }

    /// Every row: for the query that drives the others (the activities themselves).
    template <class Take>
    void take_every_row(Take&& take) {
        while (has_row_) {
            take(query_);
            advance();
        }
    }

private:
    void advance() {
        has_row_ = query_.executeStep();
        if (has_row_)
            key_ = query_.getColumn(key_column_).getInt64();
    }

    PreparedStatement query_;
    int key_column_;
    bool has_row_ = false;
    Id key_ = 0;
};

std::set<Id> ids(PreparedStatement& query) {
    std::set<Id> out;
    while (query.executeStep())
        out.insert(query.getColumn(0).getInt64());
    return out;
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

std::vector<Record> list_records(const Database& db, EntityKind kind, const RecordFilter& filter) {
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
        const auto purpose = std::to_string(resolve_id(db, EntityKind::purpose, *filter.purpose));
        if (kind == EntityKind::activity)
            where += " AND t.id IN (SELECT activity_id FROM activity_purpose WHERE purpose_id = " + purpose + ")";
        else if (kind == EntityKind::data_category)
            where += " AND t.id IN (SELECT data_category_id FROM purpose_data_category WHERE purpose_id = " + purpose + ")";
        else if (kind == EntityKind::legal_basis)
            where += " AND t.id IN (SELECT legal_basis_id FROM purpose_legal_basis WHERE purpose_id = " + purpose + ")";
        else
            throw Error(Errc::validation, "--purpose applies to activities, categories and bases", "purpose");
    }
    if (filter.data_category) {
        const auto category = std::to_string(resolve_id(db, EntityKind::data_category, *filter.data_category));
        if (kind == EntityKind::activity)
            where += " AND t.id IN (SELECT activity_id FROM activity_data_category WHERE data_category_id = " +
                     category + ")";
        else if (kind == EntityKind::purpose)
            where += " AND t.id IN (SELECT purpose_id FROM purpose_data_category WHERE data_category_id = " +
                     category + ")";
        else
            throw Error(Errc::validation, "--category applies to activities and purposes", "category");
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
    return query_records(db, entity, where, parameters, std::nullopt);
}

void for_each_activity(const Database& db, const std::function<void(const ActivityRecord&)>& visit) {
    // One query per table, all in activity-code order, read side by side: a dozen statements
    // for the whole export instead of a dozen per activity (docs/performance.md), and still
    // only one activity in memory at a time. Each is driven by the activities' code index
    // (CROSS JOIN fixes the join order), so no query sorts more than one activity's rows.
    const auto& activity = entity_info(EntityKind::activity);
    const auto& retention = entity_info(EntityKind::retention);
    const auto field_count = [](const auto& fields) { return static_cast<int>(fields.size()); };
    ActivityOrderedRows activities(db, "SELECT " + select_list(activity) + " FROM processing_activity t ORDER BY t.code",
                                   0);
    ActivityOrderedRows activity_texts(db,
        std::string("SELECT ") + translation_columns + ", t.id FROM processing_activity t CROSS JOIN translation tr"
        " ON tr.text_id IN (" + text_id_columns(activity, "t") + ") ORDER BY t.code", 4);
    ActivityOrderedRows retention_rows(db,
        "SELECT " + select_list(retention) + ", t.activity_id FROM processing_activity a CROSS JOIN retention t"
        " ON t.activity_id = a.id ORDER BY a.code, " + record_order(retention), 3 + field_count(retention.fields));
    ActivityOrderedRows retention_texts(db,
        std::string("SELECT ") + translation_columns + ", a.id FROM processing_activity a CROSS JOIN retention t"
        " ON t.activity_id = a.id CROSS JOIN translation tr ON tr.text_id IN (" + text_id_columns(retention, "t") +
        ") ORDER BY a.code", 4);
    std::vector<std::pair<LinkKind, std::unique_ptr<ActivityOrderedRows>>> link_rows;
    for (const auto& link : links()) {
        if (link.from != EntityKind::activity)
            continue;
        for (const auto& field : link.fields)
            if (field.type == FieldType::text)
                throw Error(Errc::internal, "activity links with text fields are not read by for_each_activity");
        link_rows.emplace_back(link.kind, std::make_unique<ActivityOrderedRows>(
                                              db, link_select(link.kind, true) + " ORDER BY f.code, g.code",
                                              2 + field_count(link.fields)));
    }

    const std::map<Id, LocalizedText> no_texts;
    activities.take_every_row([&](PreparedStatement& row) {
        const Id id = row.getColumn(0).getInt64();
        std::map<Id, LocalizedText> texts;
        const auto read_text = [&](PreparedStatement& text) { read_translation(text, texts); };
        activity_texts.take_rows_of(id, read_text);
        retention_texts.take_rows_of(id, read_text);
        ActivityRecord record;
        record.activity = record_from_row(activity, row, texts);
        retention_rows.take_rows_of(
            id, [&](PreparedStatement& retained) { record.retention.push_back(record_from_row(retention, retained, texts)); });
        for (auto& rows : link_rows) {
            const LinkKind kind = rows.first;  // not a structured binding: clang 14 cannot capture those
            auto& links_of_kind = record.links[kind];
            rows.second->take_rows_of(
                id, [&](PreparedStatement& link) { links_of_kind.push_back(link_from_row(kind, link, no_texts)); });
        }
        visit(record);
    });
}

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
            throw Error(Errc::conflict, "a " + entity.name + " with code \"" + *code + "\" already exists", "code");
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
            throw Error(Errc::rule_violation, "cannot remove " + what + ": it is used by activit" +
                                                  (codes.size() == 1 ? "y " : "ies ") + join(codes) +
                                                  " (rule: records in use stay, Art. 30(1))");
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

// The citations of the references fields named in `fields` (all of them when null).
void delete_citations(Database& db, LinkKind kind, Id from, Id to, const Fields& fields, bool all = false) {
    const auto& info = link_info(kind);
    const auto table = link_table_of(kind);
    for (const auto& field : info.fields) {
        if (field.type != FieldType::references || (!all && !fields.count(field.name)))
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
    delete_citations(db, link.kind, from, to, citations.fields);
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
    delete_citations(db, kind, from, to, {}, true);
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

std::set<Id> activities_using(const Database& db, EntityKind kind, Id id) {
    std::set<Id> result;
    if (kind == EntityKind::activity)
        return {id};
    for (const auto& link : links()) {
        if (link.from != EntityKind::activity || link.to != kind)
            continue;
        const auto table = link_table_of(link.kind);
        PreparedStatement query(db, std::string("SELECT activity_id FROM ") + table.table + " WHERE " +
                                        table.to_column + " = ?");
        query.bind(1, static_cast<std::int64_t>(id));
        for (Id activity : ids(query))
            result.insert(activity);
    }
    for (const auto& link : links()) {
        if (link.from != EntityKind::activity)
            continue;
        for (const auto& field : link.fields) {
            if (field.type != FieldType::references || field.references != kind)
                continue;
            const auto citations = citation_table_of(link.kind, field);
            PreparedStatement query(db, "SELECT activity_id FROM " + citations.table + " WHERE " +
                                            citations.target_column + " = ?");
            query.bind(1, static_cast<std::int64_t>(id));
            for (Id activity : ids(query))
                result.insert(activity);
        }
    }
    if (kind == EntityKind::retention) {
        PreparedStatement query(db, "SELECT activity_id FROM retention WHERE id = ?");
        query.bind(1, static_cast<std::int64_t>(id));
        for (Id activity : ids(query))
            result.insert(activity);
    }
    return result;
}

std::set<Id> activities_affected_by_link(const Database& db, LinkKind kind, Id from_id) {
    if (link_info(kind).from == EntityKind::activity)
        return {from_id};
    return activities_using(db, EntityKind::purpose, from_id);  // an allowed link of this purpose
}

std::vector<Id> retention_rows_for(const Database& db, Id activity_id, std::optional<Id> category_id) {
    // IS, not =: "all data" rows have no category, and NULLs never collide in a UNIQUE index.
    PreparedStatement query(db, "SELECT id FROM retention WHERE activity_id = ? AND data_category_id IS ? ORDER BY id");
    query.bind(1, static_cast<std::int64_t>(activity_id));
    if (category_id)
        query.bind(2, static_cast<std::int64_t>(*category_id));
    else
        query.bind(2);
    std::vector<Id> rows;
    while (query.executeStep())
        rows.push_back(query.getColumn(0).getInt64());
    return rows;
}

std::vector<std::string> replacement_chain(const Database& db, Id activity_id) {
    PreparedStatement query(db,
        "SELECT r.id, r.code FROM processing_activity a JOIN processing_activity r ON r.id = a.replaced_by_activity_id"
        " WHERE a.id = ?");
    std::vector<std::string> chain;
    std::set<std::int64_t> seen{static_cast<std::int64_t>(activity_id)};
    std::int64_t next = static_cast<std::int64_t>(activity_id);
    while (true) {
        query.reset();
        query.bind(1, next);
        if (!query.executeStep())
            return chain;
        next = query.getColumn(0).getInt64();
        chain.push_back(query.getColumn(1).getString());
        if (!seen.insert(next).second)
            return chain;
    }
}

TransferView load_transfer_view(const Database& db, Id transfer_id) {
    PreparedStatement query(db,
        "SELECT t.code, t.country, t.international_organisation, tool.code,"
        " coalesce(tool.requires_safeguards_documentation, 0), t.safeguards_documentation,"
        " (SELECT code FROM recipient WHERE id = t.recipient_id)"
        " FROM transfer t LEFT JOIN transfer_tool tool ON tool.id = t.transfer_tool_id WHERE t.id = ?");
    query.bind(1, static_cast<std::int64_t>(transfer_id));
    if (!query.executeStep())
        throw Error(Errc::not_found, "no transfer #" + std::to_string(transfer_id));
    auto optional = [&](int i) {
        return query.getColumn(i).isNull() ? std::nullopt : std::optional<std::string>(query.getColumn(i).getString());
    };
    return {query.getColumn(0).getString(), optional(1), optional(2), optional(3), query.getColumn(4).getInt() != 0,
            optional(5), optional(6)};
}

ActivityView load_activity_view(const Database& db, Id id) {
    ActivityView view;
    {
        PreparedStatement query(db,
            "SELECT a.code, a.status, a.role, a.description_text_id IS NOT NULL, a.start_date, a.end_date,"
            " a.dpia_required, a.dpia_link, a.next_review_date, r.code, r.status FROM processing_activity a"
            " LEFT JOIN processing_activity r ON r.id = a.replaced_by_activity_id WHERE a.id = ?");
        query.bind(1, static_cast<std::int64_t>(id));
        if (!query.executeStep())
            throw Error(Errc::not_found, "no activity #" + std::to_string(id));
        auto optional = [&](int i) {
            return query.getColumn(i).isNull() ? std::nullopt
                                               : std::optional<std::string>(query.getColumn(i).getString());
        };
        view.code = query.getColumn(0).getString();
        view.status = query.getColumn(1).getString();
        view.role = query.getColumn(2).getString();
        view.has_description = query.getColumn(3).getInt() != 0;
        view.start_date = optional(4);
        view.end_date = optional(5);
        if (!query.getColumn(6).isNull())
            view.dpia_required = query.getColumn(6).getInt() != 0;
        view.dpia_link = optional(7);
        view.next_review_date = optional(8);
        view.replaced_by = optional(9);
        view.replaced_by_status = optional(10);
    }
    auto bind_id = [&](PreparedStatement& query) { query.bind(1, static_cast<std::int64_t>(id)); };
    {
        PreparedStatement query(db, "SELECT p.code FROM activity_purpose l JOIN purpose p ON p.id = l.purpose_id"
                                    " WHERE l.activity_id = ? ORDER BY p.code");
        bind_id(query);
        view.purposes = strings(query);
    }
    {
        PreparedStatement query(db,
            "SELECT c.code, c.is_special, c.is_criminal FROM activity_data_category l"
            " JOIN data_category c ON c.id = l.data_category_id WHERE l.activity_id = ? ORDER BY c.code");
        bind_id(query);
        while (query.executeStep())
            view.categories.push_back(
                {query.getColumn(0).getString(), query.getColumn(1).getInt() != 0, query.getColumn(2).getInt() != 0});
    }
    {
        PreparedStatement query(db,
            "SELECT b.code, b.kind, b.to_be_determined, (SELECT count(*) FROM activity_legal_basis_legal_source x"
            " WHERE x.activity_id = l.activity_id AND x.legal_basis_id = l.legal_basis_id)"
            " FROM activity_legal_basis l JOIN legal_basis b ON b.id = l.legal_basis_id"
            " WHERE l.activity_id = ? ORDER BY b.code");
        bind_id(query);
        while (query.executeStep()) {
            const std::string kind = query.getColumn(1).getString();
            view.bases.push_back({query.getColumn(0).getString(),
                                  kind == "special_category" ? LegalBasisKind::special_category
                                  : kind == "criminal_data"  ? LegalBasisKind::criminal_data
                                                             : LegalBasisKind::lawfulness,
                                  query.getColumn(3).getInt64() > 0, query.getColumn(2).getInt() != 0});
        }
    }
    auto count = [&](const char* sql) {
        PreparedStatement query(db, sql);
        bind_id(query);
        query.executeStep();
        return static_cast<std::size_t>(query.getColumn(0).getInt64());
    };
    view.subjects = count("SELECT count(*) FROM activity_data_subject WHERE activity_id = ?");
    view.recipients = count("SELECT count(*) FROM activity_recipient WHERE activity_id = ?");
    {
        PreparedStatement query(db, "SELECT r.code, r.location FROM activity_recipient l JOIN recipient r ON r.id ="
                                    " l.recipient_id WHERE l.activity_id = ? AND r.location <> 'eea'");
        bind_id(query);
        while (query.executeStep())
            view.recipients_outside_eea[query.getColumn(0).getString()] = query.getColumn(1).getString();
    }
    {
        PreparedStatement query(db,
            "SELECT DISTINCT b.code FROM activity_purpose a JOIN purpose_legal_basis_legal_source x ON x.purpose_id ="
            " a.purpose_id JOIN legal_basis b ON b.id = x.legal_basis_id WHERE a.activity_id = ?");
        bind_id(query);
        while (query.executeStep())
            view.bases_cited_by_purposes.insert(query.getColumn(0).getString());
    }
    view.measures = count("SELECT count(*) FROM activity_security_measure WHERE activity_id = ?");
    {
        PreparedStatement query(db, "SELECT transfer_id FROM activity_transfer WHERE activity_id = ?");
        bind_id(query);
        for (Id transfer : ids(query))
            view.transfers.push_back(load_transfer_view(db, transfer));
    }
    {
        PreparedStatement query(db, "SELECT c.code FROM retention r LEFT JOIN data_category c ON c.id = "
                                    "r.data_category_id WHERE r.activity_id = ?");
        bind_id(query);
        while (query.executeStep()) {
            if (query.getColumn(0).isNull())
                view.has_general_retention = true;
            else
                view.retention_categories.insert(query.getColumn(0).getString());
        }
    }
    {
        PreparedStatement query(db,
            "SELECT p.code, c.code FROM activity_purpose a JOIN purpose p ON p.id = a.purpose_id"
            " JOIN purpose_data_category l ON l.purpose_id = a.purpose_id JOIN data_category c ON c.id = "
            "l.data_category_id WHERE a.activity_id = ?");
        bind_id(query);
        while (query.executeStep())
            view.allowed_categories[query.getColumn(0).getString()].insert(query.getColumn(1).getString());
    }
    {
        PreparedStatement query(db,
            "SELECT p.code, b.code FROM activity_purpose a JOIN purpose p ON p.id = a.purpose_id"
            " JOIN purpose_legal_basis l ON l.purpose_id = a.purpose_id JOIN legal_basis b ON b.id = "
            "l.legal_basis_id WHERE a.activity_id = ?");
        bind_id(query);
        while (query.executeStep())
            view.allowed_bases[query.getColumn(0).getString()].insert(query.getColumn(1).getString());
    }
    return view;
}

ControllerView load_controller_view(const Database& db) {
    PreparedStatement query(db,
        "SELECT coalesce(address, email, phone) IS NOT NULL, coalesce(dpo_name, dpo_email, dpo_phone, dpo_address)"
        " IS NOT NULL, is_public_authority, coalesce(dpo_email, dpo_phone, dpo_address) IS NOT NULL"
        " FROM controller WHERE id = 1");
    if (!query.executeStep())
        return {};
    return {.exists = true,
            .has_contact = query.getColumn(0).getInt() != 0,
            .has_dpo = query.getColumn(1).getInt() != 0,
            .has_dpo_contact = query.getColumn(3).getInt() != 0,
            .is_public_authority = query.getColumn(2).getInt() != 0};
}

std::vector<Id> activity_ids(const Database& db) {
    PreparedStatement query(db, "SELECT id FROM processing_activity ORDER BY code");
    std::vector<Id> out;
    while (query.executeStep())
        out.push_back(query.getColumn(0).getInt64());
    return out;
}

std::vector<std::string> purposes_without_basis(const Database& db) {
    PreparedStatement query(db,
        "SELECT code FROM purpose p WHERE NOT EXISTS (SELECT 1 FROM purpose_legal_basis l WHERE l.purpose_id = p.id)"
        " ORDER BY display_order IS NULL, display_order, code");
    return strings(query);
}

} // namespace ropa::detail
