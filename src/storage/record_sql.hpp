#pragma once
// How records and links map to tables and SQL, shared by the stores of storage/ (records,
// links, the activity stream, the views the rules read) and by nothing outside it. Table and
// column names come only from here and the entity descriptions, never from input; every value
// is bound as a parameter.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ropa/entity.hpp"
#include "storage/connection.hpp"

namespace ropa::detail {

const char* table_of(EntityKind kind);

struct LinkTable {
    const char* table;
    const char* from_column;
    const char* to_column;
};

// A references field of a link (a basis's legal sources) is stored one row per record named,
// in the table <link table>_<target table> keyed by the link's two ids and the target's id.
struct CitationTable {
    std::string table;
    std::string target_column;
};

LinkTable link_table_of(LinkKind kind);
CitationTable citation_table_of(LinkKind kind, const FieldInfo& field);
/// The column a field is stored in: <name>_text_id for text, <name>_id for a reference.
std::string column_of(const FieldInfo& field);
std::string describe(EntityKind kind, Id id, const std::optional<std::string>& code);
void bind_value(PreparedStatement& statement, int index, const FieldValue& value);
/// The value stored for `field`: references resolved to ids, text inserted and its id used.
FieldValue storable(Database& db, const FieldInfo& field, const FieldValue& value);
const FieldInfo& field_named(const std::vector<FieldInfo>& fields, const std::string& name);
void delete_text(Database& db, std::optional<Id> text_id);
/// The first column of every row.
std::vector<std::string> strings(PreparedStatement& query);
std::string join(const std::vector<std::string>& items);
/// SELECT list for a record: id, code (or NULL), revision, then one expression per field;
/// references come back as the target's code (or "#id" when it has none).
std::string select_list(const EntityInfo& entity);
/// The order records are listed in: display order where the entity has one, then code (or id).
std::string record_order(const EntityInfo& entity);
/// The entity's text id columns of the row aliased `alias`, comma-separated ("" if none).
std::string text_id_columns(const EntityInfo& entity, const std::string& alias);
Record record_from_row(const EntityInfo& entity, PreparedStatement& row, const std::map<Id, LocalizedText>& texts);
/// SELECT of a link kind's rows (see record_sql.cpp).
std::string link_select(LinkKind kind, bool by_from_row);
Link link_from_row(LinkKind kind, PreparedStatement& row, const std::map<Id, LocalizedText>& texts);
/// The first column of every row, as ids.
std::set<Id> ids(PreparedStatement& query);

} // namespace ropa::detail
