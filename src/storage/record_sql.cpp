// How records and links map to tables and SQL: see record_sql.hpp.

#include "storage/record_sql.hpp"

#include "ropa/error.hpp"
#include "storage/record_store.hpp"
#include "storage/text_store.hpp"

namespace ropa::detail {

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

std::set<Id> ids(PreparedStatement& query) {
    std::set<Id> out;
    while (query.executeStep())
        out.insert(query.getColumn(0).getInt64());
    return out;
}

} // namespace ropa::detail
