#pragma once
// Turning command-line strings into field values, and records into text and JSON.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ropa/entity.hpp"
#include "ropa/register.hpp"

namespace ropa::cli {

/// Options naming how text typed on the command line is stored.
struct TextOptions {
    std::string lang;  ///< empty: the register's default language (ropa settings)
    std::string status = "source";
};

/// `text` with the register's default language where --lang was not given.
TextOptions in_register_language(const RegisterView& reg, TextOptions text);

/// The value of `field` typed as `raw`; "" clears an optional field. Throws Error{validation}.
FieldValue parse_field_value(const FieldInfo& field, const std::string& raw, const TextOptions& text,
                             const std::string& owner);

/// A value for display in language `lang` ("" for unset).
std::string display_value(const FieldValue& value, std::string_view lang);

nlohmann::ordered_json to_json(const Record& record);
nlohmann::ordered_json to_json(const Link& link);

/// The record's name in `lang` (its name, title or article field), else "".
std::string record_name(const Record& record, std::string_view lang);

} // namespace ropa::cli
