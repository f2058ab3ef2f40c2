#pragma once
// Generic reads and writes of every entity and link, driven by the descriptions in
// ropa/entity.hpp. Table and column names come only from this file's constants and those
// descriptions, never from user input; every value is bound as a parameter.

#include <functional>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "domain/rules.hpp"
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

Id insert_record(Database& db, EntityKind kind, const std::optional<std::string>& code, const Fields& fields);
/// Throws Error{conflict} when `expected_revision` is given and is not the current one.
/// Text fields merge by language unless `replace_texts`, when a text given replaces the old.
void update_record(Database& db, EntityKind kind, Id id, const Fields& fields,
                   std::optional<std::int64_t> expected_revision, bool replace_texts = false);
/// Refuses (Error{rule_violation}) a record still used by an activity or referenced by another
/// record; removes the allowed links a purpose, category or basis owns when nothing uses them.
void delete_record(Database& db, EntityKind kind, Id id);

/// Inserts the link; returns the id of the record it starts from. Error{conflict} if it exists.
Id insert_link(Database& db, const Link& link);
/// Sets the fields given of an existing link (a references field is replaced whole); returns the
/// id of the record it starts from, or nothing when every value given was already there.
/// Error{not_found} if the link does not exist.
std::optional<Id> update_link(Database& db, const Link& link);
void delete_link(Database& db, LinkKind kind, std::string_view from, std::string_view to);
std::vector<Link> list_links(const Database& db, LinkKind kind, std::optional<Id> from);

/// Every activity in code order with its links and retention rows, read one at a time: memory
/// does not grow with the register. Run it inside one read transaction.
void for_each_activity(const Database& db, const std::function<void(const ActivityRecord&)>& visit);

/// The activities whose rules must be checked again after a write to record (kind, id).
std::set<Id> activities_using(const Database& db, EntityKind kind, Id id);
/// The activities affected by adding or removing a link from `from_id`.
std::set<Id> activities_affected_by_link(const Database& db, LinkKind kind, Id from_id);

ActivityView load_activity_view(const Database& db, Id activity_id);
TransferView load_transfer_view(const Database& db, Id transfer_id);
/// The retention rows of `activity_id` for `category_id` (nothing: "all data").
std::vector<Id> retention_rows_for(const Database& db, Id activity_id, std::optional<Id> category_id);
/// The codes of the activities that replace `activity_id`, following "replaced by" from it:
/// its replacement, that one's, and so on, stopping after the first code seen twice.
std::vector<std::string> replacement_chain(const Database& db, Id activity_id);
ControllerView load_controller_view(const Database& db);
std::vector<Id> activity_ids(const Database& db);
std::vector<std::string> purposes_without_basis(const Database& db);

} // namespace ropa::detail
