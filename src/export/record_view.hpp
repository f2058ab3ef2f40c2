#pragma once
// The record as every export format reads it: read once from a Register (current or past),
// ordered, with the links of purposes and activities grouped by record. The formats only
// lay it out.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ropa/entity.hpp"
#include "ropa/register.hpp"

namespace ropa::detail {

struct RecordView {
    std::optional<ChangeInfo> version;
    std::optional<Record> controller;
    std::map<EntityKind, std::vector<Record>> records;  ///< every entity but the controller
    /// links by kind, then by the code of the record they start from
    std::map<LinkKind, std::map<std::string, std::vector<Link>>> links;
    std::map<std::string, std::vector<Record>> retention;             ///< activity code -> its rows
    std::vector<ChangeInfo> changes;  ///< oldest first, up to the version (for the change log sheet)
    PurposeMatrix matrix;             ///< the annex view

    const std::vector<Record>& of(EntityKind kind) const;
    const std::vector<Link>& links_from(LinkKind kind, const std::string& code) const;
    const Record* find(EntityKind kind, const std::string& code) const;
};

RecordView build_record_view(const Register& reg, bool with_change_log);

/// Display helpers shared by the tabular formats.
struct TextPicker {
    std::string lang;  ///< "" = each text in its source language
    mutable bool used_unofficial = false;
    std::string operator()(const FieldValue& value) const;  ///< any field value as text
    std::string name_of(const Record& record) const;        ///< name/title, else code
};

/// The activity register as a table, columns in Art. 30 order (docs/export-format.md).
std::vector<std::string> activity_columns();
std::vector<std::vector<std::string>> activity_rows(const RecordView& view, const TextPicker& text);

/// "<n> <unit>s from <trigger>" or the criteria.
std::string retention_summary(const Record& retention, const TextPicker& text);

/// The lines that state what an export shows: controller, version, language.
std::vector<std::pair<std::string, std::string>> version_stamp(const RecordView& view, const TextPicker& text);

} // namespace ropa::detail
