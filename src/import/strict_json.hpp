#pragma once
// The one JSON reader of ropa's inputs (imports, seeds, the C API's records): stricter than
// JSON's own grammar where a lenient reading would change what a file means.

#include <istream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ropa::detail {

/// Throws Error{validation} "PATH: WHAT" naming `path`: how every reader of ropa's JSON refuses.
[[noreturn]] void refuse_json(const std::string& path, const std::string& what);

/// Parses `text` as one JSON document. Throws Error{validation} naming `path` (or the JSON path
/// of the fault below it) for invalid UTF-8, a NUL byte, malformed JSON, anything after the
/// document, a number too large, and a key that appears twice in one object: nlohmann/json
/// keeps the last, so a second `"activities": []` would silently empty an import --replace.
/// Messages never show the parser's internals.
nlohmann::json parse_json_strictly(std::string_view text, const std::string& path);

/// The same reading, from a stream, handing every event to `filter` (nlohmann's parser
/// callback, which sees each value as it completes): what `filter` returns false for is not
/// kept. A caller that takes each element of a large array as it completes, and drops it, holds
/// one element at a time however large the input. The stream is checked for UTF-8 and NUL
/// bytes as it is read (an input can be read once: standard input). `filter` may throw; what
/// it did before the fault is the caller's to undo.
void parse_json_stream_strictly(std::istream& in, const std::string& path,
                                const nlohmann::json::parser_callback_t& filter);
/// As above, from text in memory.
void parse_json_stream_strictly(std::string_view text, const std::string& path,
                                const nlohmann::json::parser_callback_t& filter);

} // namespace ropa::detail
