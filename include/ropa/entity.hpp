#pragma once
/// @file
/// The entities of the register, their fields and links, described as data: what a
/// record holds, which fields are required, what each field means under Art. 30. The CLI
/// builds its options from these descriptions and the library validates writes with them.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ropa/model.hpp"

#include "ropa/ropa_export.h"

namespace ropa {

enum class EntityKind {
    controller,
    party,
    processor,
    legal_basis,
    transfer_tool,
    legal_source,
    purpose_group,
    purpose,
    data_category,
    data_subject,
    recipient,
    transfer,
    measure_type,
    security_measure,
    retention,
    activity,
};

enum class FieldType {
    text,       ///< translatable (LocalizedText)
    string,     ///< plain text, not translated (addresses, references)
    boolean,
    integer,    ///< a whole number >= 1
    date,       ///< ISO 8601 calendar date, YYYY-MM-DD
    choice,     ///< one of FieldInfo::choices
    country,    ///< ISO 3166-1 alpha-2 ("BE"); "EU" where allow_eu
    email,      ///< an e-mail address (name@example.org), stored as plain text
    reference,  ///< another record, named by code (or id where it has no code)
    references, ///< several records of one kind, named by code (Codes); e.g. a basis's legal sources
};

struct FieldInfo {
    std::string name;  ///< e.g. "dpo_email"; the CLI option is --dpo-email
    FieldType type = FieldType::string;
    bool required = false;
    std::string label;  ///< what the field means, with its Art. 30 item where there is one
    std::vector<std::string> choices;         ///< for FieldType::choice
    std::optional<EntityKind> references;     ///< for FieldType::reference
    std::size_t max_bytes = 0;                ///< for text and string
    bool allow_eu = false;                    ///< for FieldType::country
    bool outside_eea = false;                 ///< for FieldType::country: a third country only
};

struct EntityInfo {
    EntityKind kind;
    std::string name;   ///< CLI noun: "purpose", "category", "activity", ...
    std::string label;  ///< e.g. "Purpose (Art. 30(1)(b))"
    bool has_code = true;  ///< false: addressed by id (retention) or unique (controller)
    std::vector<FieldInfo> fields;
};

/// Every entity, in a stable order.
ROPA_EXPORT const std::vector<EntityInfo>& entities();
ROPA_EXPORT const EntityInfo& entity_info(EntityKind kind);
/// By CLI noun; nullptr when unknown.
ROPA_EXPORT const EntityInfo* find_entity(std::string_view name);

/// Several records named by code, in code order (a references field).
using Codes = std::vector<std::string>;

/// A field's value: null (std::monostate), a string (also dates, choices, countries and
/// references by code), an integer, a boolean, translatable text, or codes (references).
using FieldValue = std::variant<std::monostate, std::string, std::int64_t, bool, LocalizedText, Codes>;
using Fields = std::map<std::string, FieldValue, std::less<>>;

/// How people read a field value, the one rendering the CLI, every export and diff share: text
/// as it is, whole numbers in decimal, booleans "yes" or "no", codes joined with ", ",
/// translatable text in `lang` as pick_value chooses it ("" for its source language), a null
/// value "".
ROPA_EXPORT std::string value_text(const FieldValue& value, std::string_view lang = {});

/// A value as a diff shows it (Diff, ropa diff, export --since): translatable text in every
/// language it has, a translation marked as one ("en: Payroll | nl: Salarisadministratie
/// (unofficial translation)"), so that a change to one translation, or to its standing, is
/// seen; any other value as value_text gives it.
ROPA_EXPORT std::string value_text_all_languages(const FieldValue& value);

/// One record of any entity, as read from the register.
struct Record {
    EntityKind kind = EntityKind::purpose;
    Id id = 0;
    std::optional<std::string> code;
    std::int64_t revision = 1;
    Fields fields;  ///< every field of the entity; absent values are std::monostate
};

/// Links between records: the allowed links of purposes, and an activity's links.
enum class LinkKind {
    purpose_data_category,  ///< allowed: the purpose may use the data category
    purpose_legal_basis,    ///< allowed: the purpose may rely on the basis
    purpose_legal_source,   ///< a legal source the purpose's own text names
    activity_purpose,
    activity_legal_basis,
    activity_data_category,
    activity_data_subject,
    activity_recipient,
    activity_transfer,
    activity_security_measure,
    activity_joint_controller,
    activity_processor,
};

struct LinkInfo {
    LinkKind kind;
    std::string name;  ///< CLI name, e.g. "purpose-category", "activity-purpose"
    EntityKind from;
    EntityKind to;
    std::string label;
    std::vector<FieldInfo> fields;  ///< extra data on the link (a note, a legal source)
};

ROPA_EXPORT const std::vector<LinkInfo>& links();
ROPA_EXPORT const LinkInfo& link_info(LinkKind kind);
ROPA_EXPORT const LinkInfo* find_link(std::string_view name);

/// One link as read or requested; `from` and `to` are codes (or ids as "#12").
struct Link {
    LinkKind kind = LinkKind::activity_purpose;
    std::string from;
    std::string to;
    Fields fields;
};

/// One processing activity with everything an export needs about it: the links that start
/// from it (every activity link kind is present, possibly empty; ordered by target code) and
/// its retention rows (in the order they were recorded).
struct ActivityRecord {
    Record activity;
    std::map<LinkKind, std::vector<Link>> links;
    std::vector<Record> retention;

    const std::vector<Link>& links_of(LinkKind kind) const { return links.at(kind); }
};

/// Filters for listing records; each applies only where it makes sense for the entity.
struct RecordFilter {
    std::optional<std::string> status;         ///< activities: draft, in_review, active, retired
    std::optional<std::string> purpose;        ///< activities using / categories allowed for this purpose
    std::optional<std::string> data_category;  ///< activities using / purposes allowed this category
    std::optional<std::string> search;         ///< case-insensitive text in code or any translation
    std::optional<std::string> activity;       ///< retention rows: those of this activity
    /// activities: approved (active) ones whose next review is due on or before this date
    /// (YYYY-MM-DD), the ones to review first
    std::optional<std::string> review_due_by;
    /// A page of the list, in its order: skip `offset` records, give at most `limit` (none:
    /// all). Only the page's records are read (RegisterView::count gives the whole list's size).
    std::optional<std::size_t> limit;
    std::size_t offset = 0;
};

} // namespace ropa
