#pragma once
// The layout of the "ropa-record" JSON format, shared by the exporter and the importer so the
// two cannot disagree: the top-level key of each entity and the key of each embedded link.

#include <string_view>
#include <utility>
#include <vector>

#include "ropa/entity.hpp"

namespace ropa::detail {

/// The version of the format written. 2: a basis link's "legal_sources" is a list (version 1
/// had one "legal_source"). 3: a purpose's allowed links carry their "provenance" (where the
/// permission was read), which version 2 left out. 4: the register's "settings" (its default
/// language, review interval and the fields it requires beyond Art. 30). The importer reads
/// all four; the exporter writes 4, or 2 or 3 when asked (ExportOptions::format_version), to
/// reproduce a file of that version.
constexpr int current_format_version = 4;
constexpr int oldest_written_format_version = 2;

/// Whether the JSON format of `format_version` has link field `field` of `kind`: the
/// provenance of a purpose's allowed links came with version 3.
inline bool json_has_link_field(int format_version, LinkKind kind, std::string_view field) {
    const bool purpose_link = kind == LinkKind::purpose_data_category || kind == LinkKind::purpose_legal_basis ||
                              kind == LinkKind::purpose_legal_source;
    return format_version >= 3 || !(purpose_link && field == "provenance");
}

/// Each entity's key in the export, in the order they appear (the controller and retention
/// rows are placed separately).
inline const std::vector<std::pair<EntityKind, const char*>>& json_sections() {
    static const std::vector<std::pair<EntityKind, const char*>> all{
        {EntityKind::legal_basis, "legal_bases"},
        {EntityKind::transfer_tool, "transfer_tools"},
        {EntityKind::legal_source, "legal_sources"},
        {EntityKind::purpose_group, "purpose_groups"},
        {EntityKind::purpose, "purposes"},
        {EntityKind::data_category, "data_categories"},
        {EntityKind::data_subject, "data_subjects"},
        {EntityKind::recipient, "recipients"},
        {EntityKind::processor, "processors"},
        {EntityKind::party, "parties"},
        {EntityKind::transfer, "transfers"},
        {EntityKind::measure_type, "security_measure_types"},
        {EntityKind::security_measure, "security_measures"},
        {EntityKind::activity, "activities"},
    };
    return all;
}

/// The key under which a link is embedded in the record it starts from.
inline const char* json_link_key(LinkKind kind) {
    switch (kind) {
    case LinkKind::purpose_data_category: return "data_categories";
    case LinkKind::purpose_legal_basis: return "legal_bases";
    case LinkKind::purpose_legal_source: return "named_legal_sources";
    case LinkKind::activity_purpose: return "purposes";
    case LinkKind::activity_legal_basis: return "legal_bases";
    case LinkKind::activity_data_category: return "data_categories";
    case LinkKind::activity_data_subject: return "data_subjects";
    case LinkKind::activity_recipient: return "recipients";
    case LinkKind::activity_transfer: return "transfers";
    case LinkKind::activity_security_measure: return "security_measures";
    case LinkKind::activity_joint_controller: return "joint_controllers";
    case LinkKind::activity_processor: return "processors";
    }
    return "";
}

/// Whether a link with fields is written as an object even when none is set. The links that had
/// fields in format version 2 always are; a link that gained fields later (an activity's data
/// category, schema level 8) is its bare code until one is set, so that an export of a register
/// that does not use them keeps the bytes it always had. Import reads both forms for every link.
inline bool json_link_always_object(LinkKind kind) {
    switch (kind) {
    case LinkKind::purpose_data_category:
    case LinkKind::purpose_legal_basis:
    case LinkKind::activity_legal_basis:
    case LinkKind::activity_joint_controller: return true;
    case LinkKind::purpose_legal_source:
    case LinkKind::activity_purpose:
    case LinkKind::activity_data_category:
    case LinkKind::activity_data_subject:
    case LinkKind::activity_recipient:
    case LinkKind::activity_transfer:
    case LinkKind::activity_security_measure:
    case LinkKind::activity_processor: return false;
    }
    return false;
}

} // namespace ropa::detail
