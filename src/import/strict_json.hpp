#pragma once
// The one JSON reader of ropa's inputs (imports, seeds, the C API's records): stricter than
// JSON's own grammar where a lenient reading would change what a file means.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ropa::detail {

/// Parses `text` as one JSON document. Throws Error{validation} naming `path` (or the JSON path
/// of the fault below it) for invalid UTF-8, a NUL byte, malformed JSON, anything after the
/// document, a number too large, and a key that appears twice in one object: nlohmann/json
/// keeps the last, so a second `"activities": []` would silently empty an import --replace.
/// Messages never show the parser's internals.
nlohmann::json parse_json_strictly(std::string_view text, const std::string& path);

} // namespace ropa::detail
