#pragma once
// Generic reads and writes of the records of every entity, driven by the descriptions in
// ropa/entity.hpp; links are in link_store.hpp, the activity stream in activity_stream.hpp,
// the views the rules read in rule_views.hpp. Table and column names come only from
// record_sql.hpp and those descriptions, never from user input; every value is bound.

#include <functional>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "ropa/entity.hpp"
#include "storage/connection.hpp"

namespace ropa::detail {

/// Codes as people count them (paspw-7 before paspw-26), ties broken byte by byte so that the
/// order is total and every list ropa writes is the same each time.
void sort_codes(Codes& codes);

/// The table that holds an entity's records.
std::string table_of_entity(EntityKind kind);
/// The table that holds a kind of link.
std::string link_table_name(LinkKind kind);
/// The tables of the links that start from records of `kind`, with their citation tables
/// (a basis's legal sources): rows keyed by the record's id first.
std::vector<std::string> link_tables_from(EntityKind kind);
/// A table's name as people know it: the entity noun or link name ("activity",
/// "activity-purpose"), else the table name.
std::string noun_of_table(std::string_view table);

/// The record named by `ref` (its code, or "#<id>"); throws Error{not_found}.
Id resolve_id(const Database& db, EntityKind kind, std::string_view ref);
std::optional<Id> find_id(const Database& db, EntityKind kind, std::string_view ref);

Record read_record(const Database& db, EntityKind kind, Id id);
std::vector<Record> list_records(const Database& db, EntityKind kind, const RecordFilter& filter);
/// How many records list_records gives for `filter`, without its limit and offset.
std::size_t count_records(const Database& db, EntityKind kind, const RecordFilter& filter);

Id insert_record(Database& db, EntityKind kind, const std::optional<std::string>& code, const Fields& fields);
/// Throws Error{conflict} when `expected_revision` is given and is not the current one.
/// Text fields merge by language unless `replace_texts`, when a text given replaces the old.
void update_record(Database& db, EntityKind kind, Id id, const Fields& fields,
                   std::optional<std::int64_t> expected_revision, bool replace_texts = false);
/// Refuses (Error{rule_violation}) a record still used by an activity or referenced by another
/// record; removes the allowed links a purpose, category or basis owns when nothing uses them.
void delete_record(Database& db, EntityKind kind, Id id);

} // namespace ropa::detail
